"""Records per landing file, counted again from the file itself by readers the ingestion does not use.

Ingestion splits CSV files with its own SQL (it needs every record's line number), reads workbooks cell by
cell and maps credentials in SQL. The reconciliation check must not trust those counts: here DuckDB's CSV
reader, a row count over the sheet's cells and a plain JSON parse count the records again, and the check
compares them with the rows loaded, quarantined and counted duplicate, each counted from its own table.
"""

from __future__ import annotations

import json
from pathlib import Path

import duckdb
from python_calamine import CalamineError, CalamineWorkbook

from pipelines.landing.contract import MAX_TITLE_ROWS, SOURCES, Source
from pipelines.landing.elm import credential_from_jwt
from pipelines.landing.files import duckdb_pattern, has_cr_line_ends, utf8_copy
from pipelines.sql_templates import render

SOURCES_BY_NAME = {source.name: source for source in SOURCES}
RECORDS_PER_FILE = "dq/recount/records_per_file.sql"  # rendered when a count runs, not at import


def count_landing_records(con: duckdb.DuckDBPyConnection, landing: Path, scratch: Path) -> None:
    """Fill TEMP table `landing_records(file, records)` for every file dq.files lists as loaded.

    A file that is gone or no longer readable gets no count, and the check fails for it.
    """
    files = con.execute(
        "SELECT file, source, kind, encoding, delimiter FROM dq.files WHERE status = 'loaded' ORDER BY file"
    ).fetchall()
    # A cursor of the run's database: its memory limit and threads hold for the reads too.
    with con.cursor() as counter:
        counts = _csv_records(counter, landing, scratch, [f for f in files if f[2] == "csv"])
    for file, source, kind, *_ in files:
        if kind != "csv":
            counts[file] = _count_document(landing / file, SOURCES_BY_NAME[source], kind)
    con.execute(
        "CREATE OR REPLACE TEMP TABLE landing_records AS "
        "SELECT unnest($1::VARCHAR[]) AS file, unnest($2::BIGINT[]) AS records",
        [list(counts), list(counts.values())],
    )


def _csv_records(
    counter: duckdb.DuckDBPyConnection, landing: Path, scratch: Path, files: list[tuple]
) -> dict[str, int | None]:
    """Data records after the header of each CSV file, by DuckDB's CSV reader: one read per source and
    delimiter, since each read has a fixed cost that thousands of files add up. DuckDB reads UTF-8 split
    at LF or CRLF only: a Windows-1252 file, or one with Macintosh line ends, is read from a UTF-8 copy in
    the scratch folder, then deleted."""
    groups: dict[tuple[str, str], dict[str, str]] = {}
    copies = []
    for file, source, _, encoding, delimiter in files:
        path = landing / file
        cr_line_ends = has_cr_line_ends(path)
        if encoding == "windows-1252" or cr_line_ends:
            copy = scratch / "counted" / file
            utf8_copy(path, copy, encoding, cr_line_ends)
            copies.append(copy)
            path = copy
        groups.setdefault((source, delimiter), {})[str(path)] = file
    counts: dict[str, int | None] = {}
    try:
        for (_, delimiter), paths in groups.items():
            try:
                patterns = [duckdb_pattern(path) for path in paths]
                found = dict(counter.execute(render(RECORDS_PER_FILE), [patterns, delimiter]).fetchall())
            except duckdb.Error:
                # One file DuckDB cannot read (an unclosed quote, a field of many megabytes) fails the group's
                # read: each is read on its own, and one DuckDB refuses is counted by its non-blank lines.
                found = {path: _read_one(counter, path, delimiter) for path in paths}
            # A file with a header and no records gives no row.
            counts.update({file: found.get(path, 0) for path, file in paths.items()})
    finally:
        # A copy of an awards file holds INSZ numbers: it must not outlive the count.
        for copy in copies:
            copy.unlink(missing_ok=True)
    return counts


def _read_one(counter: duckdb.DuckDBPyConnection, path: str, delimiter: str) -> int | None:
    try:
        found = counter.execute(render(RECORDS_PER_FILE), [[duckdb_pattern(path)], delimiter]).fetchall()
        return found[0][1] if found else 0
    except duckdb.Error:
        pass
    try:
        with open(path, "rb") as handle:
            return sum(1 for line in handle if line.strip()) - 1
    except OSError:
        return None


def _count_document(path: Path, source: Source, kind: str) -> int | None:
    try:
        if kind == "xlsx":
            return _sheet_records(path, source.sheet, source.header_marker)
        return _claims(path)
    except (OSError, ValueError, CalamineError):
        return None


def _sheet_records(path: Path, sheet: str | None, header_marker: str | None) -> int:
    """Non-empty rows below the header row (the first non-empty row, or the row the source's marker opens)."""
    workbook = CalamineWorkbook.from_path(str(path))
    rows = workbook.get_sheet_by_name(sheet or workbook.sheet_names[0]).to_python()
    filled = [row for row in rows if any(str(cell).strip() for cell in row)]
    header = 0
    if header_marker:
        firsts = [str(row[0]).strip().lower() for row in filled[: MAX_TITLE_ROWS + 1]]
        header = firsts.index(header_marker)
    return len(filled) - header - 1


def _claims(path: Path) -> int:
    """Claims of a credential: the entries of its subject's hasClaim, whatever shape holds the credential."""
    text = path.read_bytes().decode("utf-8-sig").strip()
    try:
        document = json.loads(text)
    except ValueError:
        document = json.loads(credential_from_jwt(text) or "null")
    if isinstance(document, dict) and isinstance(document.get("payload"), str):
        document = json.loads(document["payload"])
    elif isinstance(document, dict) and "credentialSubject" not in document and "credential" in document:
        document = document["credential"]
    subject = document.get("credentialSubject") if isinstance(document, dict) else None
    subject = subject[0] if isinstance(subject, list) and subject else subject
    claims = subject.get("hasClaim") if isinstance(subject, dict) else None
    if isinstance(claims, list):
        return len(claims)
    return 0 if claims is None else 1
