"""Ingest one source of the landing zone into `raw.<source>` and its manifest `raw.<source>_files`.

After this step no raw INSZ exists anywhere: awards and ELM claims are pseudonymised in the same
connection that reads them, before anything is written to the database.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import duckdb

from pipelines.landing.contract import AWARDS, ELM, Source
from pipelines.landing.elm import read_claims
from pipelines.landing.files import discover
from pipelines.landing.pseudonymise import insz_functions, learner_columns
from pipelines.landing.tables import FileEntry, canonical_rows_sql, map_headers, read_records, write_manifest


@dataclass(frozen=True)
class IngestSummary:
    files_read: int
    rows: int
    # (file, Dutch message): rejected files, and read files that need a data steward's attention.
    rejected: list[tuple[str, str]]
    warnings: list[tuple[str, str]]

    def as_metadata(self) -> dict:
        return {"files_read": self.files_read, "files_rejected": len(self.rejected), "rows": self.rows}


def ingest(
    con: duckdb.DuckDBPyConnection, source: Source, landing_dir: Path, scratch: Path, key: bytes
) -> IngestSummary:
    con.execute("CREATE SCHEMA IF NOT EXISTS raw")
    files = discover(landing_dir, source)
    if source is ELM:
        entries = read_claims(con, files)
        with insz_functions(con, key):
            con.execute(f"CREATE OR REPLACE TABLE raw.{source.raw_table} AS {_pseudonymised_claims()}")
    else:
        entries = read_records(con, source, files, scratch)
        map_headers(con, source, entries)
        rows = canonical_rows_sql(source)
        if source is AWARDS:
            with insz_functions(con, key):
                con.execute(f"CREATE OR REPLACE TABLE raw.{source.raw_table} AS {_pseudonymised_awards(rows)}")
        else:
            con.execute(f"CREATE OR REPLACE TABLE raw.{source.raw_table} AS {rows}")
    write_manifest(con, source, entries)
    con.execute("DROP TABLE IF EXISTS _records; DROP TABLE IF EXISTS _elm_claims; DROP TABLE IF EXISTS _elm_docs")
    (count,) = con.execute(f"SELECT count(*) FROM raw.{source.raw_table}").fetchall()[0]
    return _summary(entries, count)


def _pseudonymised_awards(rows: str) -> str:
    return f"""
        WITH rows AS ({rows})
        SELECT * EXCLUDE (insz) REPLACE (
                   mask_insz(resultaat) AS resultaat,
                   list_transform(malformed_fields, lambda v: mask_insz(v)) AS malformed_fields,
                   map_from_entries(list_transform(map_entries(extra_fields),
                                    lambda e: {{'key': e.key, 'value': mask_insz(e.value)}})) AS extra_fields
               ),
               {learner_columns("insz")}
        FROM rows"""


def _pseudonymised_claims() -> str:
    belgian_id = "CASE WHEN national_id_country = 'BEL' THEN national_id END"
    return f"""
        SELECT * EXCLUDE (national_id) REPLACE (mask_insz(grade) AS grade),
               nullif(trim(national_id), '') IS NOT NULL AS has_national_id,
               {learner_columns(belgian_id)}
        FROM _elm_claims"""


def _summary(entries: list[FileEntry], rows: int) -> IngestSummary:
    rejected = [(e.file.name, e.rejection.message) for e in entries if e.rejection]
    warnings = [
        (e.file.name, "Geen geldige UTF-8: gelezen als Windows-1252.") for e in entries if e.encoding == "windows-1252"
    ]
    warnings += [
        (e.file.name, f"Onbekende kolommen bewaard maar niet gebruikt: {', '.join(e.extra_columns)}.")
        for e in entries
        if e.extra_columns and not e.rejection
    ]
    return IngestSummary(files_read=len(entries) - len(rejected), rows=rows, rejected=rejected, warnings=warnings)
