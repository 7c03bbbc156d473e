"""The committed sample (data/sample/), run the way a user runs it (the `sample_run` fixture): `mcmon run`,
then `mcmon sql`.

Also the privacy promise: no INSZ of the input appears in anything the run wrote.
"""

import csv
import json
import re
import subprocess
import sys
from pathlib import Path

import duckdb

from pipelines.landing.contract import SOURCES
from pipelines.settings import SAMPLE_LANDING_DIR
from tests.helpers import query

INSZ_SHAPES = re.compile(rb"(?<!\d)(\d{2})\.?(\d{2})\.?(\d{2})-?(\d{3})\.?(\d{2})(?!\d)")


def test_every_source_of_the_contract_is_in_the_sample(sample_run):
    data, _, _ = sample_run
    rows = query(data / "warehouse.duckdb", "SELECT source FROM dq.sources WHERE NOT is_missing ORDER BY source")
    assert sorted(r[0] for r in rows) == sorted(s.name for s in SOURCES)


def test_every_sample_file_is_listed_and_reconciles(sample_run):
    data, _, _ = sample_run
    files = {f.relative_to(SAMPLE_LANDING_DIR).as_posix() for f in SAMPLE_LANDING_DIR.rglob("*") if f.is_file()}
    rows = query(data / "warehouse.duckdb", "SELECT file, reconciles FROM dq.files")
    assert {file for file, _ in rows} == files
    assert all(reconciles for _, reconciles in rows)


def test_sample_shows_every_kind_of_bad_input(sample_run):
    data, _, _ = sample_run
    reasons = {r for (r,) in query(data / "warehouse.duckdb", "SELECT DISTINCT reason FROM dq.issue_counts")}
    assert reasons >= {
        "missing_required",
        "invalid_code",
        "invalid_number",
        "invalid_date",
        "invalid_insz",
        "out_of_range",
        "unknown_offer",
        "malformed_row",
        "not_flemish_id",
        "file_unreadable",
        "missing_column",
    }
    (duplicates,) = query(data / "warehouse.duckdb", "SELECT sum(rows_duplicate) FROM dq.files")[0]
    assert duplicates > 0


def test_summary_says_what_was_read_and_where_the_outputs_are(sample_run):
    data, stdout, _ = sample_run
    assert "Alle bestanden sluiten" in stdout
    assert str(data / "warehouse.duckdb") in stdout
    for source in SOURCES:
        assert f"\n{source.name} " in stdout


def test_mcmon_sql_reads_the_published_warehouse(sample_run):
    _, _, env = sample_run
    completed = subprocess.run(
        [sys.executable, "-m", "pipelines.cli", "sql", "select count(*) as n from dq.files where not reconciles"],
        env=env,
        capture_output=True,
        text=True,
    )
    assert completed.returncode == 0
    assert re.search(r"│\s+0\s+│", completed.stdout)


def test_published_warehouse_holds_no_learner_level_table(sample_run):
    data, _, _ = sample_run
    tables = query(data / "warehouse.duckdb", "SELECT schema_name, table_name FROM duckdb_tables()")
    assert {schema for schema, _ in tables} == {"marts", "dq", "ref"}
    columns = {c for (c,) in query(data / "warehouse.duckdb", "SELECT column_name FROM duckdb_columns()")}
    assert not columns & {"learner_id", "insz", "birth_year"}


def input_insz() -> set[str]:
    """Every INSZ-shaped value delivered in the sample (11 digits, whatever the spelling)."""
    found = set()
    for path in (SAMPLE_LANDING_DIR / "awards").glob("*.csv"):
        raw = path.read_bytes()
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError:
            text = raw.decode("windows-1252")
        delimiter = ";" if text.split("\n", 1)[0].count(";") >= text.split("\n", 1)[0].count(",") else ","
        for row in csv.DictReader(text.splitlines(), delimiter=delimiter):
            value = re.sub(r"[.\-]", "", (row.get("insz") or "").strip())
            if re.fullmatch(r"\d{11}", value):
                found.add(value)
    for path in (SAMPLE_LANDING_DIR / "awards" / "elm").glob("*.json*"):
        try:
            document = json.loads(path.read_text())
        except (UnicodeDecodeError, json.JSONDecodeError):
            continue
        credential = json.loads(document["payload"]) if "payload" in document else document
        notation = str(credential.get("credentialSubject", {}).get("nationalID", {}).get("notation", ""))
        value = re.sub(r"[.\-]", "", notation)
        if re.fullmatch(r"\d{11}", value):
            found.add(value)
    return found


def insz_in_bytes(content: bytes) -> set[str]:
    return {b"".join(m.groups()).decode() for m in INSZ_SHAPES.finditer(content)}


def insz_in_database(path: Path) -> set[str]:
    """INSZ-shaped values (11 digits, dots and dash allowed) in any column of any table, as 11 digits."""
    found = set()
    with duckdb.connect(str(path), read_only=True) as con:
        columns = con.execute(
            "SELECT schema_name, table_name, column_name FROM duckdb_columns() WHERE NOT internal"
        ).fetchall()
        for schema, table, column in columns:
            values = con.execute(
                f"""SELECT DISTINCT regexp_replace(unnest(regexp_extract_all(
                            "{column}"::VARCHAR, '[0-9][0-9.-]{{9,}}[0-9]')), '[.-]', '', 'g')
                    FROM "{schema}"."{table}" WHERE "{column}" IS NOT NULL"""
            ).fetchall()
            found |= {v for (v,) in values}
    return found


def test_no_input_insz_in_anything_the_run_wrote(sample_run):
    data, _, _ = sample_run
    delivered = input_insz()
    assert len(delivered) > 100  # the scan is only meaningful if the sample holds learners
    leaks = {}
    for path in data.rglob("*"):
        if not path.is_file():
            continue
        hits = insz_in_bytes(path.read_bytes()) & delivered
        if path.suffix == ".duckdb":
            hits |= insz_in_database(path) & delivered
        if hits:
            leaks[str(path.relative_to(data))] = len(hits)
    assert leaks == {}


def test_the_scan_finds_an_insz_where_there_is_one(tmp_path):
    database = tmp_path / "x.duckdb"
    with duckdb.connect(str(database)) as con:
        con.execute("CREATE TABLE t AS SELECT 'zie 85.07.30-033.28' AS note, ['03041212325'] AS ids, 7 AS n")
    assert insz_in_database(database) == {"85073003328", "03041212325"}
    assert insz_in_bytes(b"x;85.07.30-033.28;y\n03041212325") == {"85073003328", "03041212325"}
