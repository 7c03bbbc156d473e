"""The committed sample (data/sample/), run the way a user runs it (the `sample_run` fixture): `mcmon run`,
then `mcmon sql`.

Also the privacy promise: no INSZ of the input appears in anything the run wrote.
"""

import re
import subprocess
import sys

from pipelines.landing.contract import SOURCES
from pipelines.landing.pseudonymise import DEVELOPMENT_KEY
from pipelines.settings import SAMPLE_LANDING_DIR
from tests.helpers import query
from tests.leak_scan import LeakScanner, delivered_identifiers


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
        "not_an_achievement",
        "file_unreadable",
        "missing_column",
    }
    (duplicates,) = query(data / "warehouse.duckdb", "SELECT sum(rows_duplicate) FROM dq.files")[0]
    assert duplicates > 0


def test_the_sample_credentials_arrive_in_every_shape_and_the_quality_page_shows_them(sample_run):
    data, _, _ = sample_run
    shapes = query(data / "warehouse.duckdb", "SELECT DISTINCT shape FROM dq.files WHERE source = 'elm'")
    assert {shape for (shape,) in shapes} == {"bare", "envelope", "upload_wrapper", "jwt", "sd_jwt", None}
    page = (data / "site" / "datakwaliteit.html").read_text(encoding="utf-8")
    assert "Europese digitale credentials per vorm" in page
    for label in ("Ondertekende envelop (payload)", "EDC-uploadverpakking", "SD-JWT (selectieve openbaarmaking)"):
        assert label in page


def test_summary_says_what_was_read_and_where_the_outputs_are(sample_run):
    data, stdout, _ = sample_run
    assert "Alle bestanden kloppen" in stdout
    # Where to look next: the dashboards, the warehouse, the exports and the providers' feedback.
    for shown in (data / "site" / "index.html", data / "warehouse.duckdb", data / "exports", data / "feedback"):
        assert str(shown) in stdout and shown.exists()
    for source in SOURCES:
        (line,) = [line for line in stdout.splitlines() if line.startswith(f"{source.name} ")]
        # files, rejected files, then received = loaded + quarantined + duplicate + in rejected files
        received, *accounted = (int(n.replace(".", "")) for n in line.split()[3:])
        assert received == sum(accounted), line


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


def test_no_input_insz_in_anything_the_run_wrote(sample_run):
    """The committed sample and the development key; tests/test_leak_scan.py does the same on a generated
    zone in production mode, and proves the scanner finds what is there."""
    data, _, _ = sample_run
    delivered = delivered_identifiers(SAMPLE_LANDING_DIR)
    assert len(delivered) > 100  # the scan is only meaningful if the sample holds learners
    assert LeakScanner(delivered, secrets=[DEVELOPMENT_KEY]).scan_tree(data) == []
