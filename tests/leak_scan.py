"""Find the learner identifiers of a landing zone, and secrets, in every file a run wrote.

A byte scan misses what is compressed: DuckDB stores strings FSST- or dictionary-compressed, Parquet
pages are compressed and an xlsx is a zip. Those containers are opened and their text scanned (every
column of every table cast to text, every zip member decompressed); every file is byte-scanned too,
which also covers freed DuckDB blocks that SQL no longer reaches. A hit names the file and where in it,
and shows the identifier masked (YY.MM.DD-***.**), so a failing test never prints a whole INSZ.
"""

from __future__ import annotations

import base64
import contextlib
import csv
import io
import json
import re
import sqlite3
import zipfile
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

import duckdb

# Separators an identifier may be written with: 85073003328, 85.07.30-033.28, 85/07/30 033 28.
SEPARATORS = ".-/ "
# Anything INSZ-shaped in a landing file: 11 digits, a separator allowed between the groups.
INSZ_SHAPED = re.compile(r"(?<!\d)\d{2}[.\-/ ]?\d{2}[.\-/ ]?\d{2}[.\-/ ]?\d{3}[.\-/ ]?\d{2}(?!\d)")
# A shorter delivered value (a stray "12") would match numbers everywhere; it identifies no one either.
MIN_IDENTIFIER = 9
MASKED_SECRET = "<geheim>"
# Compressed formats the scanner does not open: finding one fails the scan instead of passing it unread.
UNSCANNED_MAGIC = {b"\x1f\x8b": "gzip", b"\x28\xb5\x2f\xfd": "zstd", b"BZh": "bzip2", b"\xfd7zXZ": "xz"}


@dataclass(frozen=True, order=True)
class Hit:
    file: str  # relative to the scanned folder
    where: str  # "bytes", a table column, a zip member
    value: str  # masked identifier, or MASKED_SECRET


def normalised(value: str) -> str:
    """An identifier without its separators, upper case: the form the scanner compares."""
    return re.sub(f"[{re.escape(SEPARATORS)}\\s]", "", value).upper()


def masked(identifier: str) -> str:
    return f"{identifier[0:2]}.{identifier[2:4]}.{identifier[4:6]}-***.**"


def delivered_identifiers(landing: Path) -> set[str]:
    """Every learner identifier delivered in `landing`, invalid and foreign ones included, normalised.

    Taken from the `insz` column of the awards CSVs, the learner's `nationalID` and `identifier[]`
    notations of the ELM credentials in every shape (a JWT's parts and SD-JWT disclosures decoded here),
    and anything INSZ-shaped in any other awards file (a malformed row, a rejected file, a remark) or in
    an ELM file that is not JSON.
    """
    found: set[str] = set()
    for path in _files(landing / "awards"):
        text = _decoded(path.read_bytes())
        found |= set(INSZ_SHAPED.findall(text))
        if path.suffix.lower() == ".csv":
            found |= _column(text, "insz")
    for path in _files(landing / "awards" / "elm"):
        text = _decoded(path.read_bytes())
        documents = list(_documents(text))
        for document in documents:
            found |= set(_national_ids(document))
        if not documents:  # in JSON, ids such as a credential's UUID hold INSZ-shaped digits: not learners
            found |= set(INSZ_SHAPED.findall(text))
    return {value for value in map(normalised, found) if len(value) >= MIN_IDENTIFIER}


def _documents(text: str) -> Iterator[object]:
    """The JSON a credential file holds: the file itself, or each decodable part of a (SD-)JWT."""
    with contextlib.suppress(json.JSONDecodeError):
        yield json.loads(text.lstrip("\ufeff"))
        return
    for part in re.split(r"[.~]", text.strip()):
        with contextlib.suppress(ValueError):  # binascii.Error and JSONDecodeError are ValueErrors
            yield json.loads(base64.urlsafe_b64decode(part + "=" * (-len(part) % 4)))


def _files(folder: Path) -> list[Path]:
    return sorted(path for path in folder.glob("*") if path.is_file())


def _decoded(content: bytes) -> str:
    # The contract's encodings: UTF-8 (BOM or not), else Windows-1252.
    try:
        return content.decode("utf-8-sig")
    except UnicodeDecodeError:
        return content.decode("cp1252", errors="replace")


def _column(text: str, name: str) -> set[str]:
    """The values of column `name` (header case-insensitive, spaces ignored) of a `;` or `,` CSV."""
    header = text.split("\n", 1)[0]
    delimiter = ";" if header.count(";") >= header.count(",") else ","
    rows = csv.reader(io.StringIO(text), delimiter=delimiter)
    columns = [column.strip().lower() for column in next(rows, [])]
    if name not in columns:
        return set()
    index = columns.index(name)
    return {row[index] for row in rows if len(row) > index and row[index].strip()}


def _national_ids(node: object) -> Iterator[str]:
    """The learner's `nationalID` and `identifier[]` notations wherever a credential sits: bare, in a signing
    envelope's payload, an upload wrapper, a JWT payload (`vc`), or an SD-JWT disclosure
    (`[salt, "nationalID", {...}]`)."""
    if isinstance(node, dict):
        if isinstance(node.get("payload"), str):
            with contextlib.suppress(json.JSONDecodeError):
                yield from _national_ids(json.loads(node["payload"]))
        subjects = node.get("credentialSubject")
        for subject in subjects if isinstance(subjects, list) else [subjects]:
            if isinstance(subject, dict):
                yield from _notations(subject.get("nationalID"))
                yield from _notations(subject.get("identifier"))
        for value in node.values():
            yield from _national_ids(value)
    elif isinstance(node, list):
        if len(node) == 3 and node[1] in ("nationalID", "identifier"):
            yield from _notations(node[2])
        for item in node:
            yield from _national_ids(item)


def _notations(value: object) -> Iterator[str]:
    for identifier in value if isinstance(value, list) else [value]:
        if isinstance(identifier, dict) and identifier.get("notation") is not None:
            yield str(identifier["notation"])


class LeakScanner:
    """Finds given identifiers (with or without separators) and secrets (verbatim) in files."""

    def __init__(self, identifiers: Iterable[str], secrets: Iterable[str] = ()):
        self.identifiers = frozenset(identifiers)
        self.secrets = tuple(secrets)
        self.lengths = sorted({len(identifier) for identifier in self.identifiers})
        alphabet = re.escape("".join(sorted(set("".join(self.identifiers)))))
        # A stretch of the identifiers' characters, with at most one separator between two of them.
        separator = f"[{re.escape(SEPARATORS)}]"
        self.stretches = re.compile(f"[{alphabet}](?:{separator}?[{alphabet}])*", re.IGNORECASE) if alphabet else None

    def scan_tree(self, root: Path) -> list[Hit]:
        """Every hit in every file under `root`."""
        return sorted(
            Hit(path.relative_to(root).as_posix(), where, value)
            for path in sorted(root.rglob("*"))
            if path.is_file()
            for where, value in self.scan_file(path)
        )

    def scan_file(self, path: Path) -> set[tuple[str, str]]:
        """(where, masked value) of every hit in `path`: its bytes, and the text inside its container."""
        content = path.read_bytes()
        hits = {("bytes", value) for value in self.find(content.decode("latin-1"))}
        for magic, kind in UNSCANNED_MAGIC.items():
            if content.startswith(magic):
                raise ValueError(f"{path}: {kind}-compressed, the scanner cannot read it")
        if content[8:12] == b"DUCK":
            with duckdb.connect(str(path), read_only=True) as con:
                hits |= self._duckdb_tables(con)
        elif content.startswith(b"PAR1"):
            with duckdb.connect() as con:
                hits |= self._columns(con, f"read_parquet({_literal(str(path))})", "parquet")
        elif content.startswith(b"SQLite format 3\0"):
            hits |= self._sqlite_tables(path)
        elif content.startswith(b"PK\x03\x04"):
            with zipfile.ZipFile(io.BytesIO(content)) as archive:
                for member in archive.namelist():
                    hits |= {(member, value) for value in self.find(archive.read(member).decode("latin-1"))}
        return hits

    def find(self, text: str) -> set[str]:
        """The masked identifiers and secrets in `text`."""
        found = {MASKED_SECRET for secret in self.secrets if secret in text}
        if self.stretches is None:
            return found
        for stretch in self.stretches.finditer(text):
            characters = normalised(stretch.group())
            for length in self.lengths:
                for start in range(len(characters) - length + 1):
                    if characters[start : start + length] in self.identifiers:
                        found.add(masked(characters[start : start + length]))
        return found

    def _duckdb_tables(self, con: duckdb.DuckDBPyConnection) -> set[tuple[str, str]]:
        """Every column of every table of every schema (views only repeat tables)."""
        tables = con.execute(
            "SELECT schema_name, table_name FROM duckdb_tables() WHERE database_name = current_database()"
        ).fetchall()
        hits = set()
        for schema, table in tables:
            hits |= self._columns(con, f"{_identifier(schema)}.{_identifier(table)}", f"{schema}.{table}")
        return hits

    def _columns(self, con: duckdb.DuckDBPyConnection, relation: str, label: str) -> set[tuple[str, str]]:
        """Every column of `relation` cast to text, each distinct value once."""
        columns = [column for column, *_ in con.execute(f"SELECT * FROM {relation} LIMIT 0").description]
        hits = set()
        for column in columns:
            (text,) = con.execute(
                f"SELECT string_agg(DISTINCT CAST({_identifier(column)} AS VARCHAR), chr(10)) FROM {relation}"
            ).fetchall()[0]
            hits |= {(f"{label}.{column}", value) for value in self.find(text or "")}
        return hits

    def _sqlite_tables(self, path: Path) -> set[tuple[str, str]]:
        """Every table of a SQLite file (Dagster's run storage), values as text: a long value is split
        over overflow pages, where a byte scan could miss it."""
        hits = set()
        with contextlib.closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True)) as con:
            tables = [name for (name,) in con.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
            for table in tables:
                values = (
                    _blob_text(value) if isinstance(value, bytes) else str(value)
                    for row in con.execute(f"SELECT * FROM {_identifier(table)}")
                    for value in row
                    if value is not None
                )
                hits |= {(table, value) for value in self.find("\n".join(values))}
        return hits


def _blob_text(blob: bytes) -> str:
    """A blob as text; Dagster stores its run snapshots zlib-compressed, so those are unpacked first."""
    if blob[:1] == b"\x78" and blob[1:2] in (b"\x01", b"\x5e", b"\x9c", b"\xda"):
        blob = zlib.decompress(blob)
    return blob.decode("latin-1")


def _identifier(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _literal(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"
