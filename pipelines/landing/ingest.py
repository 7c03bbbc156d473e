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
from pipelines.landing.pseudonymise import insz_functions, pseudonymised
from pipelines.landing.tables import FileEntry, build_canonical_rows, map_headers, read_records, write_manifest


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
        build_canonical_rows(con, source)
        if source is AWARDS:
            with insz_functions(con, key):
                con.execute(f"CREATE OR REPLACE TABLE raw.{source.raw_table} AS {_pseudonymised_awards()}")
        else:
            con.execute(f"CREATE OR REPLACE TABLE raw.{source.raw_table} AS SELECT * FROM _canonical")
    write_manifest(con, source, entries)
    con.execute("DROP VIEW IF EXISTS _canonical")
    for temporary in ("_records", "_rows", "_repeats", "_elm_claims", "_elm_docs", "_elm_credentials", "_elm_problems"):
        con.execute(f"DROP TABLE IF EXISTS {temporary}")
    (count,) = con.execute(f"SELECT count(*) FROM raw.{source.raw_table}").fetchall()[0]
    return _summary(entries, count)


def _pseudonymised_awards() -> str:
    # Free text and malformed rows may hold an INSZ anywhere: blanked before anything is stored.
    masked = """
        SELECT * REPLACE (
            mask_insz(resultaat) AS resultaat,
            list_transform(malformed_fields, lambda v: mask_insz(v)) AS malformed_fields,
            CASE WHEN cardinality(extra_fields) > 0 THEN map_from_entries(list_transform(map_entries(extra_fields),
                 lambda e: {'key': e.key, 'value': mask_insz(e.value)})) ELSE extra_fields END AS extra_fields
        )
        FROM _canonical"""
    return pseudonymised(masked, raw="insz", drop="insz")


def _pseudonymised_claims() -> str:
    # A grade and an unreadable value are free text that may hold an INSZ.
    return pseudonymised(
        "SELECT * REPLACE (mask_insz(grade) AS grade, list_transform(unreadable, lambda u: "
        "{'field': u.field, 'raw_value': mask_insz(u.raw_value)}) AS unreadable), "
        "nullif(trim(national_id), '') IS NOT NULL AS has_national_id FROM _elm_claims",
        raw="CASE WHEN national_id_country = 'BEL' THEN national_id END",
        drop="national_id",
    )


def _summary(entries: list[FileEntry], rows: int) -> IngestSummary:
    rejected = [(e.file.name, e.rejection.message) for e in entries if e.rejection]
    warnings = [
        (e.file.name, "Geen geldige UTF-8: gelezen als Windows-1252.") for e in entries if e.encoding == "windows-1252"
    ]
    warnings += [
        (e.file.name, "Regels eindigen op CR alleen (oud Mac-formaat): zo gelezen.") for e in entries if e.cr_line_ends
    ]
    warnings += [
        (e.file.name, f"Onbekende kolommen bewaard maar niet gebruikt: {', '.join(e.extra_columns)}.")
        for e in entries
        if e.extra_columns and not e.rejection
    ]
    return IngestSummary(files_read=len(entries) - len(rejected), rows=rows, rejected=rejected, warnings=warnings)
