"""Reading European Digital Credentials (awards/elm/) into `raw.elm_claims`, one row per claim."""

from __future__ import annotations

from pathlib import Path

import duckdb

from pipelines.landing.contract import ELM
from pipelines.landing.files import LandingFile, Rejection, check_name, duckdb_pattern
from pipelines.landing.tables import FileEntry

ELM_CLAIMS_SQL = (Path(__file__).parent / "sql" / "elm_claims.sql").read_text()

PROBLEMS = {
    "not_json": Rejection("file_unreadable", "Geen geldig JSON-bestand (UTF-8)."),
    "no_subject": Rejection("file_unreadable", "Geen credentialSubject: geen Europese digitale credential."),
    "no_claim": Rejection("file_unreadable", "De credential bevat geen hasClaim (geen uitreiking)."),
}

CLAIM_COLUMNS = (
    "national_id",
    "national_id_country",
    "provider_id",
    "provider_name",
    "offer_id",
    "title",
    "credit_is_ects",
    "credit_points",
    "volume_of_learning",
    "eqf_level",
    "learning_outcomes",
    "esco_skills",
    "mode",
    "issued_at",
    "awarded_at",
    "grade",
)


def read_claims(con: duckdb.DuckDBPyConnection, files: list[LandingFile]) -> list[FileEntry]:
    """Fill TEMP table `_elm_claims` (with the duplicate flag) from every readable credential file."""
    entries = [FileEntry(f, rejection=check_name(ELM, f)) for f in files]
    readable = [(str(e.file.path), e.file.name) for e in entries if not e.rejection]
    con.execute("CREATE OR REPLACE TEMP TABLE _elm_files (read_path VARCHAR, file VARCHAR)")
    if readable:
        con.executemany("INSERT INTO _elm_files VALUES (?, ?)", readable)
    con.execute("SET VARIABLE elm_read_paths = $1::VARCHAR[]", [[duckdb_pattern(path) for path, *_ in readable]])
    con.execute(ELM_CLAIMS_SQL)
    con.execute("RESET VARIABLE elm_read_paths")
    problems = dict(con.execute("SELECT file, problem FROM _elm_docs WHERE problem IS NOT NULL").fetchall())
    for entry in entries:
        if entry.file.name in problems:
            entry.rejection = PROBLEMS[problems[entry.file.name]]
        elif not entry.rejection:
            entry.encoding = "utf-8"
    con.execute(
        f"""CREATE OR REPLACE TEMP TABLE _elm_claims AS
            SELECT *,
                   row_number() OVER (PARTITION BY {", ".join(CLAIM_COLUMNS)} ORDER BY file, line) > 1 AS is_duplicate
            FROM _elm_claims"""
    )
    return entries
