"""Reading European Digital Credentials (awards/elm/) into `raw.elm_claims`, one row per top-level claim.

DuckDB reads every file and unwraps the JSON shapes (step elm_documents), then maps the claims (step
elm_claims; both in models/raw/ingest/). Only a JWT is decoded here: its SD-JWT disclosures are merged
into the objects that reference them, a recursive walk that SQL does not express. Signatures are not
verified (the contract).
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import hashlib
import json
from pathlib import Path

import duckdb

from pipelines.landing.contract import ELM
from pipelines.landing.files import LandingFile, Rejection, check_name, duckdb_pattern
from pipelines.landing.pseudonymise import mask_insz_text
from pipelines.landing.steps import run_step
from pipelines.landing.tables import FileEntry

UNKNOWN_SHAPE = "Geen Europese digitale credential: gevonden is"
ACCEPTED_SHAPES = "een credential (kaal of met BOM), een envelop met payload, een EDC-uploadverpakking of een (SD-)JWT"
PROBLEMS = {
    "jwt_unreadable": "JWT onleesbaar: de payload is geen base64url-gecodeerde JSON.",
    "no_subject": "Geen credentialSubject: geen Europese digitale credential.",
    "not_learning": "Geen leerresultaat-credential (een attest zonder hasClaim, of een accreditatie).",
    "no_claim": "De credential bevat geen hasClaim (geen uitreiking).",
}
FOUND = {
    "not_json": "geen JSON en geen JWT",
    "not_utf8": "geen UTF-8-tekst",
    "array": "een JSON-lijst",
}


def read_claims(con: duckdb.DuckDBPyConnection, files: list[LandingFile]) -> list[FileEntry]:
    """Fill TEMP table `elm_claims` from every readable credential file."""
    entries = [FileEntry(f, rejection=check_name(ELM, f)) for f in files]
    readable = [(str(e.file.path), e.file.name) for e in entries if not e.rejection]
    # One statement, not one per file: a zone may hold tens of thousands of credentials.
    paths, names = [path for path, _ in readable], [name for _, name in readable]
    con.execute(
        "CREATE OR REPLACE TEMP TABLE elm_files AS "
        "SELECT unnest($1::VARCHAR[]) AS read_path, unnest($2::VARCHAR[]) AS file",
        [paths, names],
    )
    con.execute("SET VARIABLE elm_read_paths = $1::VARCHAR[]", [[duckdb_pattern(path) for path in paths]])
    run_step(con, "elm_documents")
    con.execute("RESET VARIABLE elm_read_paths")
    _decode_tokens(con)
    run_step(con, "elm_claims")
    shapes = dict(con.execute("SELECT file, shape FROM elm_docs").fetchall())
    problems = {file: (problem, found) for file, problem, found in con.execute("FROM elm_problems").fetchall()}
    for entry in entries:
        if entry.rejection:
            continue
        entry.shape = shapes.get(entry.file.name)
        if entry.file.name in problems:
            entry.rejection = Rejection("file_unreadable", _message(*problems[entry.file.name]))
        else:
            entry.encoding = "utf-8"
    return entries


def read_catalogue(con: duckdb.DuckDBPyConnection, paths: list[Path]) -> None:
    """Fill TEMP table `elm_catalogue_offers` with the learning opportunities of ELM catalogues (JSON-LD, as the
    monitor's feed data/exports/elm/catalogus.jsonld) as offers: each opportunity's specification passes through
    the credential steps (elm_claims) and the ELM mapping macros, so it becomes the same offer fields a credential
    of that specification would give."""
    con.execute(
        "CREATE OR REPLACE TEMP TABLE elm_catalogue_files AS "
        "SELECT unnest($1::VARCHAR[]) AS read_path, unnest($2::VARCHAR[]) AS file",
        [[str(p) for p in paths], [p.name for p in paths]],
    )
    con.execute("SET VARIABLE elm_catalogue_paths = $1::VARCHAR[]", [[duckdb_pattern(str(p)) for p in paths]])
    run_step(con, "elm_catalogue")
    con.execute("RESET VARIABLE elm_catalogue_paths")
    run_step(con, "elm_claims")
    run_step(con, "elm_catalogue_offers")


def _message(problem: str, found: str | None) -> str:
    if problem != "unknown_shape":
        return PROBLEMS[problem]
    if found.startswith("object: "):
        # Field names are the file's own text: the message reaches dq.files, so nothing INSZ-shaped is quoted.
        what = f"een JSON-object met de velden {mask_insz_text(found.removeprefix('object: '))}"
    else:
        what = FOUND.get(found, "een losse JSON-waarde")
    return f"{UNKNOWN_SHAPE} {what}; aanvaard zijn {ACCEPTED_SHAPES}."


def _decode_tokens(con: duckdb.DuckDBPyConnection) -> None:
    """Replace each JWT in `elm_docs` by the credential it carries (NULL when it cannot be read)."""
    tokens = con.execute("SELECT file, token FROM elm_docs WHERE token IS NOT NULL").fetchall()
    if not tokens:
        return
    files = [file for file, _ in tokens]
    credentials = [credential_from_jwt(token) for _, token in tokens]
    con.execute(
        "UPDATE elm_docs SET credential = d.credential::JSON, token = NULL "
        "FROM (SELECT unnest($1::VARCHAR[]) AS file, unnest($2::VARCHAR[]) AS credential) d "
        "WHERE elm_docs.file = d.file",
        [files, credentials],
    )


def credential_from_jwt(token: str) -> str | None:
    """The credential of a compact JWT or SD-JWT (`jwt~disclosure~…~[key-binding JWT]`) as JSON text.

    The payload is the credential, or holds it in `vc` (VC-JWT), whose `nbf`/`iat` then stand for an
    issuance date the credential leaves out.
    """
    jws, *disclosures = token.strip().split("~")
    try:
        payload = json.loads(_unbase64url(jws.split(".")[1]))
        digests = {_digest(d): json.loads(_unbase64url(d)) for d in disclosures if d and "." not in d}
    except (ValueError, IndexError, UnicodeDecodeError):
        return None
    if not isinstance(payload, dict):
        return None
    payload = _disclosed(payload, digests)
    credential = payload.get("vc", payload)
    if not isinstance(credential, dict):
        return None
    if "vc" in payload and "issuanceDate" not in credential:
        issued = payload.get("nbf", payload.get("iat"))
        if isinstance(issued, int | float):
            credential["issuanceDate"] = dt.datetime.fromtimestamp(issued, dt.UTC).isoformat()
    return json.dumps(credential)


def _unbase64url(text: str) -> bytes:
    try:
        return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))
    except binascii.Error as error:
        raise ValueError(error) from error


def _digest(disclosure: str) -> str:
    """SD-JWT: a disclosure is referenced by the base64url SHA-256 of its encoded form."""
    return base64.urlsafe_b64encode(hashlib.sha256(disclosure.encode("ascii")).digest()).decode().rstrip("=")


def _disclosed(node: object, digests: dict[str, list]) -> object:
    """`node` with every disclosed claim in place: `_sd` digests of an object become its members, and
    `{"...": digest}` elements of a list become the disclosed values; undisclosed digests drop out."""
    if isinstance(node, dict):
        result = {k: _disclosed(v, digests) for k, v in node.items() if k not in ("_sd", "_sd_alg")}
        for digest in node.get("_sd", []):
            disclosure = digests.get(digest)
            if isinstance(disclosure, list) and len(disclosure) == 3:
                result[disclosure[1]] = _disclosed(disclosure[2], digests)
        return result
    if isinstance(node, list):
        items = []
        for item in node:
            if isinstance(item, dict) and set(item) == {"..."}:
                disclosure = digests.get(item["..."])
                if isinstance(disclosure, list) and len(disclosure) == 2:
                    items.append(_disclosed(disclosure[1], digests))
            else:
                items.append(_disclosed(item, digests))
        return items
    return node
