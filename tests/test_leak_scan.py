"""The privacy promise on everything a run writes: no INSZ of the input (valid or not, however it is written)
and not the pseudonymisation key, in any file under the data folder: the internal and published databases,
exports, reports, site, feedback files, validation results, the console output and Dagster's run storage
(`production_run`: a generated landing zone, `mcmon run` and `mcmon report`).

The scan is only meaningful if it can find something: each kind of container gets a copy with a planted
INSZ, which the scanner must report.
"""

import shutil
import sqlite3
import zlib
from pathlib import Path

import duckdb
import openpyxl
import pytest

from tests.helpers import reference_insz
from tests.leak_scan import MASKED_SECRET, Hit, LeakScanner, delivered_identifiers, masked

# Every kind of file a run writes; the scan covers them only if the run really wrote them.
WRITTEN = [
    "internal/pipeline.duckdb",
    "internal/validations/*/*.json",
    "warehouse.duckdb",
    "exports/indicatoren.xlsx",
    "exports/parquet/*.parquet",
    "feedback/*.csv",
    "site/*.html",
    "reports/*/rapport.html",
    "reports/*/indicatoren.xlsx",
    "reports/*/cijfers.duckdb",
    "console.log",
    "logs/mcmon-run-*.log",
    "logs/mcmon-report-*.log",
    "dagster_home/history/runs.db",
    "dagster_home/history/runs/*.db",
    "dagster_home/storage/*/compute_logs/*",
]


@pytest.fixture(scope="module")
def scanner(production_run) -> LeakScanner:
    landing, _, env = production_run
    return LeakScanner(delivered_identifiers(landing), [env["MCMON_PSEUDONYM_KEY"]])


@pytest.fixture(scope="module")
def planted(scanner) -> str:
    """A valid INSZ of the input, as 11 digits, to plant in copies of the run's files."""
    return min(i for i in scanner.identifiers if len(i) == 11 and i.isdigit())


def test_the_input_holds_learners_valid_and_invalid(scanner):
    identifiers = scanner.identifiers
    assert len(identifiers) > 500
    # Rejected numbers must not leak either.
    assert any(not (i.isdigit() and len(i) == 11 and reference_insz(i)) for i in identifiers)


def test_the_run_wrote_every_kind_of_file(production_run):
    _, data, _ = production_run
    assert [pattern for pattern in WRITTEN if not any(data.glob(pattern))] == []


def test_no_input_insz_nor_the_key_in_anything_the_run_wrote(production_run, scanner):
    _, data, _ = production_run
    assert scanner.scan_tree(data) == []


@pytest.mark.parametrize(
    "text",
    ["85073003328", "85.07.30-033.28", "85 07 30 033 28", "85/07/30-033-28", "id=x85073003328y", "12385073003328"],
)
def test_every_way_of_writing_an_insz_is_found(text):
    assert LeakScanner({"85073003328"}).find(f"rij 7;{text};BEHAALD") == {"85.07.30-***.**"}


@pytest.mark.parametrize("text", ["85073003329", "85.07.30 033.2", "85..07.30-033.28", "8507300332"])
def test_another_number_is_not_that_insz(text):
    assert LeakScanner({"85073003328"}).find(f"rij 7;{text};BEHAALD") == set()


def test_invalid_identifiers_are_found_as_delivered():
    scanner = LeakScanner({"8507300332", "8507O003328"})
    assert scanner.find("8507300332;85.07.3O-033.28;8507O003328") == {"85.07.30-***.**", "85.07.O0-***.**"}


def test_a_duckdb_string_column_is_read_through_its_compression(production_run, scanner, planted, tmp_path):
    _, data, _ = production_run
    copy = shutil.copy(data / "warehouse.duckdb", tmp_path)
    with duckdb.connect(str(copy)) as con:
        # Many similar strings: stored FSST- or dictionary-compressed, not as plain bytes.
        con.execute(
            "CREATE TABLE planted AS SELECT 'opmerking ' || range || ' ' || $1 AS note FROM range(20000)",
            [_dotted(planted)],
        )
    assert ("main.planted.note", masked(planted)) in scanner.scan_file(Path(copy))


def test_a_parquet_column_is_read_through_its_compression(production_run, scanner, planted, tmp_path):
    _, data, _ = production_run
    source = min((data / "exports" / "parquet").glob("*.parquet"))
    copy = tmp_path / source.name
    duckdb.sql(
        f"COPY (SELECT *, 'lerende {planted}' AS planted FROM read_parquet('{source}')) "
        f"TO '{copy}' (FORMAT parquet, COMPRESSION zstd)"
    )
    assert ("parquet.planted", masked(planted)) in scanner.scan_file(copy)


def test_an_xlsx_is_unzipped(production_run, scanner, planted, tmp_path):
    _, data, _ = production_run
    workbook = openpyxl.load_workbook(data / "exports" / "indicatoren.xlsx")
    workbook.worksheets[0].append([f"lerende {_dotted(planted)}"])
    copy = tmp_path / "indicatoren.xlsx"
    workbook.save(copy)
    assert {where for where, value in scanner.scan_file(copy) if value == masked(planted)} - {"bytes"}


def test_a_dagster_sqlite_database_is_read_with_its_compressed_snapshots(production_run, scanner, planted, tmp_path):
    _, data, _ = production_run
    copy = shutil.copy(data / "dagster_home" / "history" / "runs.db", tmp_path)
    with sqlite3.connect(copy) as con:
        con.execute("CREATE TABLE planted (body BLOB)")
        con.execute("INSERT INTO planted VALUES (?)", [zlib.compress(f'{{"insz": "{planted}"}}'.encode())])
    assert ("planted", masked(planted)) in scanner.scan_file(Path(copy))


def test_a_plain_file_is_byte_scanned_for_the_insz_and_the_key(production_run, scanner, planted, tmp_path):
    _, data, env = production_run
    copy = tmp_path / "console.log"
    copy.write_text((data / "console.log").read_text() + f"\n{planted};{env['MCMON_PSEUDONYM_KEY']}\n")
    assert scanner.scan_file(copy) == {("bytes", masked(planted)), ("bytes", MASKED_SECRET)}


def test_a_hit_shows_the_insz_masked(tmp_path):
    (tmp_path / "f.csv").write_text("85.07.30-033.28\n")
    assert LeakScanner({"85073003328"}).scan_tree(tmp_path) == [Hit("f.csv", "bytes", "85.07.30-***.**")]


def _dotted(insz: str) -> str:
    return f"{insz[:2]}.{insz[2:4]}.{insz[4:6]}-{insz[6:9]}.{insz[9:]}"
