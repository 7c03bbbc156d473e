"""What analysts receive: the published warehouse with Dutch comments, readable by DuckDB 1.x, its exports,
and `mcmon indicators`."""

import json
import subprocess
import sys

import duckdb
import openpyxl
import pandas as pd
import pytest

from pipelines.formatting import suppression_note
from pipelines.publication import SHEETS, WORKBOOK_NAME, add_sheet, neutralise_formula, published_tables
from pipelines.settings import PROJECT_DIR
from tests.helpers import misread_texts, query

DUCKDB1_PYTHON = PROJECT_DIR / ".venv" / "duckdb1" / "bin" / "python"


def test_the_warehouse_holds_exactly_the_documented_tables_and_columns(sample_run):
    data, _, _ = sample_run
    columns = query(
        data / "warehouse.duckdb",
        "SELECT schema_name || '.' || table_name, column_name FROM duckdb_columns() WHERE NOT internal",
    )
    published = {}
    for table, column in columns:
        published.setdefault(table, set()).add(column)
    assert published == {t.name: set(t.column_comments) for t in published_tables()}


def test_every_table_and_column_has_a_dutch_comment(sample_run):
    data, _, _ = sample_run
    warehouse = data / "warehouse.duckdb"
    assert query(warehouse, "SELECT count(*) FROM duckdb_tables() WHERE coalesce(comment, '') = ''") == [(0,)]
    assert query(
        warehouse, "SELECT count(*) FROM duckdb_columns() WHERE NOT internal AND coalesce(comment, '') = ''"
    ) == [(0,)]
    (comment,) = query(
        warehouse,
        "SELECT comment FROM duckdb_columns() WHERE table_name = 'indicator_values' AND column_name = 'suppressed'",
    )[0]
    assert comment.startswith("Waar wanneer de cijfers verborgen zijn")


def test_mcmon_sql_shows_the_catalogue_with_its_comments(sample_run):
    _, _, env = sample_run
    completed = subprocess.run(
        [
            sys.executable,
            "-m",
            "pipelines.cli",
            "sql",
            "select indicator_id, name_nl from marts.indicator_catalogue where indicator_id = 'learners_per_1000' "
            "union all select 'kolom ' || column_name, comment from duckdb_columns() "
            "where table_name = 'indicator_catalogue' and column_name = 'definition_nl'",
        ],
        env=env,
        capture_output=True,
        text=True,
    )
    assert completed.returncode == 0, completed.stderr
    assert "Lerenden per 1000 inwoners van 25 tot 64 jaar" in completed.stdout
    assert "Definitie: wat geteld wordt" in completed.stdout


@pytest.mark.skipif(not DUCKDB1_PYTHON.exists(), reason="make test builds .venv/duckdb1 (DuckDB 1.0.0)")
def test_a_duckdb_1_0_client_opens_the_warehouse(sample_run):
    data, _, _ = sample_run
    script = (
        "import duckdb, json, sys\n"
        "con = duckdb.connect(sys.argv[1], read_only=True)\n"
        "print(json.dumps([duckdb.__version__,\n"
        "  con.execute('select count(*) from marts.indicator_values').fetchall()[0][0],\n"
        "  con.execute(\"select comment from duckdb_tables() where table_name = 'offers'\").fetchall()[0][0]]))\n"
    )
    completed = subprocess.run(
        [str(DUCKDB1_PYTHON), "-c", script, str(data / "warehouse.duckdb")], capture_output=True, text=True
    )
    assert completed.returncode == 0, completed.stderr
    version, rows, comment = json.loads(completed.stdout)
    assert version == "1.0.0"
    assert rows == query(data / "warehouse.duckdb", "SELECT count(*) FROM marts.indicator_values")[0][0]
    assert comment.startswith("Huidig aanbod van microcredentials")


def test_published_indicator_values_hide_small_cells_and_internal_ones_do_not(sample_run):
    data, _, _ = sample_run
    hidden = query(
        data / "warehouse.duckdb", "SELECT count(*), count(value) FROM marts.indicator_values WHERE suppressed"
    )[0]
    assert hidden[0] > 0 and hidden[1] == 0
    unsuppressed = query(
        data / "internal" / "pipeline.duckdb",
        "SELECT count(*) FROM marts.indicator_values_unsuppressed u JOIN marts.indicator_values v "
        "USING (indicator_id, year, dimension, dimension_value) WHERE v.suppressed AND u.value IS NULL",
    )
    assert unsuppressed == [(0,)]
    learner_level = query(
        data / "warehouse.duckdb", "SELECT count(*) FROM duckdb_tables() WHERE table_name LIKE '%unsuppressed%'"
    )
    assert learner_level == [(0,)]


def test_parquet_export_per_published_table(sample_run):
    data, _, _ = sample_run
    for table in published_tables():
        path = data / "exports" / "parquet" / f"{table.name}.parquet"
        with duckdb.connect() as con:
            exported = con.execute("SELECT count(*) FROM read_parquet($1)", [str(path)]).fetchall()
        assert exported == query(data / "warehouse.duckdb", f"SELECT count(*) FROM {table.name}")


def test_excel_workbook_reads_back_as_the_warehouse_in_dutch(sample_run):
    data, _, _ = sample_run
    path, warehouse = data / "exports" / WORKBOOK_NAME, data / "warehouse.duckdb"
    workbook = openpyxl.load_workbook(path, read_only=True)
    assert workbook.sheetnames == ["Lees mij", *SHEETS.values(), "Catalogus"]
    about = [cell for row in workbook["Lees mij"].iter_rows(values_only=True) for cell in row if cell]
    assert suppression_note(5) in about
    (first, last, through) = query(warehouse, "SELECT first_year, report_year, data_through FROM marts.report_period")[
        0
    ]
    assert any(f"gegevens t.e.m. {through:%d/%m/%Y}" in line for line in about)
    sheet = workbook["Deelname"]
    header = next(sheet.iter_rows(max_row=1, values_only=True))
    rows = [dict(zip(header, row, strict=True)) for row in sheet.iter_rows(min_row=2, values_only=True)]
    warehouse_rows = query(
        warehouse,
        "SELECT indicator_id, year, dimension, dimension_value, numerator, value, v.unit, v.suppressed "
        "FROM marts.indicator_values v JOIN marts.indicator_catalogue c USING (indicator_id) "
        "WHERE c.indicator_group = 'deelname'",
    )
    assert len(rows) == len(warehouse_rows)
    by_key = {(r["code indicator"], r["jaar"], r["code opsplitsing"], r["code waarde opsplitsing"]): r for r in rows}
    units = dict(query(warehouse, "SELECT code, label_nl FROM ref.codes WHERE list = 'unit'"))
    for indicator, year, dimension, code, numerator, value, unit, suppressed in warehouse_rows:
        row = by_key[(indicator, year, dimension, code)]
        assert row["opsplitsing"] and row["waarde opsplitsing"] and row["eenheid"] == units[unit]
        if suppressed:
            assert (row["teller"], row["waarde"], row["verborgen"]) == ("verborgen", "verborgen", "ja")
        elif unit == "percent":
            assert row["waarde"] == pytest.approx(value / 100, rel=1e-15)
        elif unit == "count":
            assert row["waarde"] == value == row["teller"] == numerator
            assert isinstance(row["waarde"], int) and isinstance(row["teller"], int)
    assert any(r["verborgen"] == "ja" for r in rows)
    assert misread_texts(path, warehouse) == []


def test_the_quarterly_report_workbook_has_the_dutch_labels_of_its_frozen_numbers(production_run):
    _, data, _ = production_run
    (path,) = (data / "reports").glob(f"*/{WORKBOOK_NAME}")
    assert misread_texts(path, data / "warehouse.duckdb") == []
    frame = pd.read_excel(path, sheet_name="Aanbod", engine="calamine")
    assert frame[["opsplitsing", "waarde opsplitsing", "eenheid"]].notna().all().all()


@pytest.mark.parametrize(
    ("value", "written"),
    [
        ('=HYPERLINK("http://x")', '\'=HYPERLINK("http://x")'),
        ("+32 9 123", "'+32 9 123"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tx", "'\tx"),
        ("Gent", "Gent"),
        (-2.5, -2.5),
        (None, None),
    ],
)
def test_text_a_spreadsheet_would_run_is_neutralised(value, written):
    assert neutralise_formula(value) == written


def test_workbook_cells_never_hold_formulas(tmp_path):
    workbook = openpyxl.Workbook()
    add_sheet(workbook, "Blad", ["tekst", "getal"], [("=1+1", -3)])
    workbook.save(tmp_path / "x.xlsx")
    sheet = openpyxl.load_workbook(tmp_path / "x.xlsx")["Blad"]
    assert (sheet["A2"].value, sheet["A2"].data_type, sheet["B2"].value) == ("'=1+1", "s", -3)


def test_mcmon_indicators_prints_belgian_numbers_and_hidden_cells(sample_run):
    _, _, env = sample_run
    completed = subprocess.run(
        [sys.executable, "-m", "pipelines.cli", "indicators", "--id", "learners"],
        env=env,
        capture_output=True,
        text=True,
    )
    assert completed.returncode == 0, completed.stderr
    assert "Lerenden met een behaalde microcredential" in completed.stdout
    assert "Totaal" in completed.stdout
    (total,) = query(
        sample_run[0] / "warehouse.duckdb",
        "SELECT value FROM marts.indicator_values WHERE indicator_id = "
        "'learners' AND dimension = 'total' AND year = (SELECT max(year) FROM marts.indicator_values)",
    )[0]
    assert f"{int(total):,}".replace(",", ".") in completed.stdout
    completed = subprocess.run(
        [sys.executable, "-m", "pipelines.cli", "indicators", "--year", "1999"], env=env, capture_output=True, text=True
    )
    assert completed.returncode == 1
    assert completed.stderr.strip() == "mcmon indicators: geen indicatorwaarden voor jaar 1999"
