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
from pipelines.landing.pseudonymise import insz_functions
from pipelines.landing.steps import run_step, workspace
from pipelines.landing.tables import FileEntry, map_headers, read_records, write_manifest


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
    """Read `source` into `raw.<raw_table>` and `raw.<source>_files` through the steps of models/raw/ingest.

    The steps' working tables live in a cursor of their own and go with it: none outlives this call.
    """
    con.execute("CREATE SCHEMA IF NOT EXISTS raw")
    files = discover(landing_dir, source)
    with workspace(con) as cur:
        if source is ELM:
            entries = read_claims(cur, files)
            with insz_functions(cur, key):
                run_step(cur, "raw_elm_claims")
        else:
            entries = read_records(cur, source, files, scratch)
            map_headers(cur, source, entries)
            run_step(cur, "canonical_rows", source=source)
            if source is AWARDS:
                with insz_functions(cur, key):
                    run_step(cur, "raw_awards")
            else:
                run_step(cur, "raw_rows", source=source)
        write_manifest(cur, source, entries)
    (count,) = con.execute(f"SELECT count(*) FROM raw.{source.raw_table}").fetchall()[0]
    return _summary(entries, count)


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
