"""The ingestion steps of models/raw/ingest: what each reads and writes is declared, checked, and gone after."""

from __future__ import annotations

import duckdb
import pytest

from pipelines.landing.contract import OFFERS, SOURCES
from pipelines.landing.ingest import ingest
from pipelines.landing.pseudonymise import DEVELOPMENT_KEY
from pipelines.landing.steps import StepError, declared, render, run_step, workspace
from pipelines.settings import MODELS_DIR
from tests.helpers import OFFER_HEADER, offer, write

STEPS = sorted(p.stem for p in (MODELS_DIR / "raw" / "ingest").glob("[!_]*.sql") if p.stem != "insz_macros")
# Tables Python fills before the steps that read them: files found, a workbook's rows, a header's layout.
FROM_PYTHON = {"csv_files", "elm_catalogue_files", "elm_files", "layout_frame", "manifest_frame"}


def test_every_step_declares_what_it_writes_and_reads_only_what_is_written():
    written, read = set(FROM_PYTHON), set()
    for step in STEPS:
        for source in SOURCES:
            sql = render(step, source=source)
            assert declared(sql, "writes"), f"{step} declares no table it writes"
            written |= set(declared(sql, "writes"))
            read |= set(declared(sql, "reads"))
    assert read <= written, f"read but never written: {read - written}"


def test_a_step_whose_input_is_missing_fails_by_name():
    with pytest.raises(StepError, match="Stap canonical_rows leest records, layout"):
        run_step(duckdb.connect(), "canonical_rows", source=OFFERS)


def test_ingestion_leaves_its_raw_tables_and_no_working_table(landing, tmp_path):
    write(landing, "offers/catalogus.csv", f"{OFFER_HEADER}\n{offer('MC1', '0123456749', 'HO')}\n")
    con = duckdb.connect(str(tmp_path / "pipeline.duckdb"))
    summary = ingest(con, OFFERS, landing, tmp_path, DEVELOPMENT_KEY.encode())
    assert summary.rows == 1
    tables = con.execute("SELECT schema_name || '.' || table_name FROM duckdb_tables()").fetchall()
    assert {name for (name,) in tables} == {"raw.offers", "raw.offers_files"}
    views = con.execute("SELECT view_name FROM duckdb_views() WHERE NOT internal").fetchall()
    assert views == []


def test_the_working_tables_go_with_the_workspace_even_when_a_step_fails():
    con = duckdb.connect()
    with pytest.raises(StepError), workspace(con) as cur:
        run_step(cur, "records")
        run_step(cur, "canonical_rows", source=OFFERS)  # reads layout, which no step wrote
    # Temporary tables belong to their connection: closed, it takes them along.
    with pytest.raises(duckdb.ConnectionException):
        cur.execute("SELECT count(*) FROM records")
    assert con.execute("SELECT count(*) FROM duckdb_tables() WHERE temporary").fetchall() == [(0,)]
