"""indicatoren.xlsx as an analyst opens it: written from a small warehouse and read back cell by cell, with
openpyxl (formats, widths) and with pandas through calamine (as many analysts' tools read a workbook)."""

from pathlib import Path

import duckdb
import openpyxl
import pandas as pd
import pytest

from pipelines.formatting import suppression_note
from pipelines.publication import SHEETS, write_workbook
from pipelines.settings import PROJECT_DIR
from tests.helpers import misread_texts

REFERENCE = PROJECT_DIR / "data" / "reference"
MIN_CELL = 5
# indicator_id, year, dimension, dimension_value, numerator, denominator, value, unit, suppressed
VALUES = [
    ("enrolments", 2025, "total", "total", 43, None, 43, "count", False),
    ("enrolments", 2025, "provider_type", "HO", 1234567, None, 1234567, "count", False),
    ("enrolments", 2025, "provider_type", "CVO", None, None, None, "count", True),
    ("completion_rate", 2025, "total", "total", 20, 43, 46.51162790697674, "percent", False),
    ("completion_rate", 2025, "provider_type", "HO", None, None, None, "percent", True),
    ("learners_per_1000", 2025, "total", "total", 1913, 3536691, 0.5409, "per_1000", False),
    ("gap_hiring_need", 2025, "isco_submajor", "21", 10958.333333333334, None, 10958.333333333334, "count", False),
    ("gap_white_spot", 2025, "isco_submajor", "21", 1, None, 1, "flag", False),
]
# The warehouse's 46.51162790697674 (%) as the fraction Excel holds, to its 15 significant digits.
SHARE = pytest.approx(46.51162790697674 / 100, rel=1e-15)
COLUMNS = [
    "code indicator",
    "naam",
    "jaar",
    "code opsplitsing",
    "opsplitsing",
    "code waarde opsplitsing",
    "waarde opsplitsing",
    "teller",
    "noemer",
    "waarde",
    "eenheid",
    "verborgen",
]


def build_warehouse(path: Path, with_code_lists: bool = True) -> Path:
    """The published tables the workbook reads, from the project's own code lists and catalogue."""
    with duckdb.connect(str(path)) as con:
        con.execute("CREATE SCHEMA ref; CREATE SCHEMA marts")
        con.execute(
            "CREATE TABLE ref.codes AS SELECT list, code, label_nl, label_en, sort_order::INTEGER AS sort_order "
            "FROM read_csv($1, all_varchar = true)",
            [str(REFERENCE / "codes.csv")],
        )
        con.execute(
            "CREATE TABLE marts.indicator_catalogue AS SELECT * EXCLUDE (suppressed), suppressed = 'true' AS "
            "suppressed, NULL::VARCHAR AS run_note_nl FROM read_csv($1, all_varchar = true)",
            [str(REFERENCE / "indicators.csv")],
        )
        con.execute(
            """CREATE TABLE ref.dimension_labels AS
               SELECT list AS dimension, code AS dimension_value, label_nl, sort_order FROM ref.codes
               WHERE list = 'provider_type'
               UNION ALL SELECT 'total', 'total', label_nl, 0 FROM ref.codes WHERE list = 'dimension' AND code = 'total'
               UNION ALL SELECT 'isco_submajor', code, code || ' ' || label_nl, 1
               FROM read_csv($1, all_varchar = true) WHERE code = '21'""",
            [str(REFERENCE / "isco08.csv")],
        )
        con.execute(
            "CREATE TABLE marts.indicator_values (indicator_id VARCHAR, year INTEGER, dimension VARCHAR, "
            "dimension_value VARCHAR, numerator DOUBLE, denominator DOUBLE, value DOUBLE, unit VARCHAR, "
            "suppressed BOOLEAN)"
        )
        con.executemany("INSERT INTO marts.indicator_values VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", VALUES)
        con.execute(
            "CREATE TABLE marts.report_period AS SELECT 2021 AS first_year, 2025 AS report_year, "
            "DATE '2025-11-15' AS data_through, false AS is_complete"
        )
        if not with_code_lists:
            # A quarter frozen before its snapshot held the code lists (dashboards/report.py FROZEN_TABLES).
            con.execute("DROP TABLE ref.codes")
    return path


@pytest.fixture
def warehouse(tmp_path) -> Path:
    return build_warehouse(tmp_path / "warehouse.duckdb")


def written(warehouse: Path, tmp_path: Path) -> Path:
    with duckdb.connect(str(warehouse), read_only=True) as con:
        return write_workbook(con, tmp_path / "indicatoren.xlsx", MIN_CELL)


def labels(warehouse: Path, code_list: str) -> dict[str, str]:
    with duckdb.connect(str(warehouse), read_only=True) as con:
        return dict(con.execute("SELECT code, label_nl FROM ref.codes WHERE list = $1", [code_list]).fetchall())


def sheet_rows(sheet) -> dict[tuple, dict[str, openpyxl.cell.Cell]]:
    """The sheet's cells by (indicator code, breakdown code, value code), each row as header -> cell."""
    header = [cell.value for cell in sheet[1]]
    rows = {}
    for row in sheet.iter_rows(min_row=2):
        cells = dict(zip(header, row, strict=True))
        key = (cells["code indicator"].value, cells["code opsplitsing"].value, cells["code waarde opsplitsing"].value)
        rows[key] = cells
    return rows


def test_indicator_sheets_show_dutch_labels_beside_codes(warehouse, tmp_path):
    workbook = openpyxl.load_workbook(written(warehouse, tmp_path))
    assert workbook.sheetnames == ["Lees mij", *SHEETS.values(), "Catalogus"]
    participation = workbook["Deelname"]
    assert [cell.value for cell in participation[1]] == COLUMNS
    rows = sheet_rows(participation)
    dimensions, units = labels(warehouse, "dimension"), labels(warehouse, "unit")
    ho = rows[("enrolments", "provider_type", "HO")]
    assert ho["opsplitsing"].value == dimensions["provider_type"]
    assert ho["waarde opsplitsing"].value == labels(warehouse, "provider_type")["HO"]
    assert ho["eenheid"].value == units["count"]
    assert ho["naam"].value == "Inschrijvingen"
    total = rows[("completion_rate", "total", "total")]
    assert (total["opsplitsing"].value, total["waarde opsplitsing"].value) == (dimensions["total"],) * 2
    assert total["eenheid"].value == units["percent"]
    gap = sheet_rows(workbook["Vaardigheidskloof"])[("gap_white_spot", "isco_submajor", "21")]
    assert gap["waarde opsplitsing"].value.startswith("21 ")


def test_counts_are_whole_numbers_and_percentages_excel_percentages(warehouse, tmp_path):
    rows = sheet_rows(openpyxl.load_workbook(written(warehouse, tmp_path))["Deelname"])
    count = rows[("enrolments", "total", "total")]
    assert (count["waarde"].value, count["waarde"].number_format) == (43, "#,##0")
    assert isinstance(count["waarde"].value, int) and isinstance(count["teller"].value, int)
    assert count["teller"].number_format == "#,##0"
    assert count["noemer"].value is None  # a count has no denominator
    assert rows[("enrolments", "provider_type", "HO")]["waarde"].value == 1234567
    share = rows[("completion_rate", "total", "total")]
    assert share["waarde"].value == SHARE
    assert share["waarde"].number_format == "0.0 %"
    assert (share["teller"].value, share["noemer"].value) == (20, 43)
    assert share["noemer"].number_format == "#,##0"
    rate = rows[("learners_per_1000", "total", "total")]
    assert (rate["waarde"].value, rate["waarde"].number_format) == (0.5409, "#,##0.00")
    assert rate["noemer"].value == 3536691
    gap = sheet_rows(openpyxl.load_workbook(written(warehouse, tmp_path))["Vaardigheidskloof"])
    # A projected need is an average: shown whole, kept unrounded.
    need = gap[("gap_hiring_need", "isco_submajor", "21")]["waarde"]
    assert (need.value, need.number_format) == (pytest.approx(10958.333333333334, rel=1e-15), "#,##0")
    flag = gap[("gap_white_spot", "isco_submajor", "21")]["waarde"]
    assert flag.value == 1 and flag.number_format == '"ja";"ja";"nee"'


def test_hidden_cells_say_verborgen_never_blank_or_zero(warehouse, tmp_path):
    rows = sheet_rows(openpyxl.load_workbook(written(warehouse, tmp_path))["Deelname"])
    count = rows[("enrolments", "provider_type", "CVO")]
    assert (count["teller"].value, count["waarde"].value, count["verborgen"].value) == ("verborgen",) * 2 + ("ja",)
    assert count["noemer"].value is None  # a count has no denominator to hide
    share = rows[("completion_rate", "provider_type", "HO")]
    assert [share[c].value for c in ("teller", "noemer", "waarde")] == ["verborgen"] * 3
    assert rows[("enrolments", "total", "total")]["verborgen"].value == "nee"


def test_header_bold_frozen_filtered_and_widths_fitted(warehouse, tmp_path):
    workbook = openpyxl.load_workbook(written(warehouse, tmp_path))
    for sheet in workbook.worksheets[1:]:
        assert all(cell.font.b for cell in sheet[1]), sheet.title
        assert sheet.freeze_panes == "A2" and sheet.auto_filter.ref == sheet.dimensions, sheet.title
        for column in sheet.iter_cols():
            width = sheet.column_dimensions[column[0].column_letter].width
            assert 10 <= width <= 60, (sheet.title, column[0].value)
    participation = workbook["Deelname"]
    widths = {cell.value: participation.column_dimensions[cell.column_letter].width for cell in participation[1]}
    longest_name = max(len(row[1]) for row in participation.iter_rows(min_row=2, values_only=True))
    assert widths["naam"] >= min(longest_name, 60) > len("naam")
    assert widths["jaar"] < widths["naam"]
    catalogue = workbook["Catalogus"]
    header = [cell.value for cell in catalogue[1]]
    definition = catalogue.cell(2, header.index("definitie") + 1)
    assert len(definition.value) > 60 and definition.alignment.wrap_text
    assert catalogue.column_dimensions[definition.column_letter].width == 60


def test_no_cell_reads_nan_none_or_an_english_code(warehouse, tmp_path):
    path = written(warehouse, tmp_path)
    assert misread_texts(path, warehouse) == []
    # The code columns do keep the codes, for joining with the warehouse.
    frame = pd.read_excel(path, sheet_name="Deelname", engine="calamine")
    assert "total" in set(frame["code opsplitsing"])


def test_calamine_reads_numbers_as_numbers(warehouse, tmp_path):
    frame = pd.read_excel(written(warehouse, tmp_path), sheet_name="Deelname", engine="calamine")
    shares = frame[(frame["code indicator"] == "completion_rate") & (frame["verborgen"] == "nee")]
    assert list(shares["waarde"]) == [SHARE]
    counts = frame[(frame["code indicator"] == "enrolments") & (frame["verborgen"] == "nee")]
    assert sorted(counts["waarde"]) == [43, 1234567]
    assert set(frame.loc[frame["verborgen"] == "ja", "waarde"]) == {"verborgen"}


def test_lees_mij_explains_the_sheets_columns_period_and_hidden_cells(warehouse, tmp_path):
    workbook = openpyxl.load_workbook(written(warehouse, tmp_path))
    assert workbook.sheetnames[0] == "Lees mij"
    lines = [cell.value for row in workbook["Lees mij"].iter_rows() for cell in row if cell.value]
    text = "\n".join(lines)
    assert suppression_note(MIN_CELL) in lines
    assert "gegevens t.e.m. 15/11/2025" in text
    for title in [*SHEETS.values(), "Catalogus"]:
        assert title in lines, title  # one line per sheet
    for column in COLUMNS:
        assert column in lines, column  # every column of the indicator sheets explained
    assert "'verborgen'" in text and "Catalogus" in text
    explained = dict(row for row in workbook["Lees mij"].iter_rows(values_only=True) if row[0])
    assert "Inschrijvingen" in explained["Deelname"]
    assert workbook["Lees mij"]["A1"].font.b


def test_catalogue_labels_groups_units_and_breakdowns(warehouse, tmp_path):
    sheet = openpyxl.load_workbook(written(warehouse, tmp_path))["Catalogus"]
    header = [cell.value for cell in sheet[1]]
    rows = [dict(zip(header, row, strict=True)) for row in sheet.iter_rows(min_row=2, values_only=True)]
    offer_count = next(row for row in rows if row["code indicator"] == "offer_count")
    dimensions, units = labels(warehouse, "dimension"), labels(warehouse, "unit")
    assert (offer_count["code groep"], offer_count["groep"]) == ("aanbod", SHEETS["aanbod"])
    assert (offer_count["code eenheid"], offer_count["eenheid"]) == ("count", units["count"])
    assert offer_count["opsplitsingen"].split(", ")[:2] == [dimensions["total"], dimensions["provider_type"]]
    assert offer_count["kleine cellen verborgen"] == "nee"
    assert next(row for row in rows if row["code indicator"] == "enrolments")["kleine cellen verborgen"] == "ja"


def test_a_quarter_frozen_without_code_lists_still_gets_its_workbook(tmp_path):
    """A quarter frozen before the snapshot held ref.codes is rerun: its numbers, formats and hidden cells
    are written; only the Dutch names of breakdowns and units are missing (left empty, never a code)."""
    warehouse = build_warehouse(tmp_path / "cijfers.duckdb", with_code_lists=False)
    rows = sheet_rows(openpyxl.load_workbook(written(warehouse, tmp_path))["Deelname"])
    share = rows[("completion_rate", "total", "total")]
    assert share["waarde"].value == SHARE and share["opsplitsing"].value is None
    assert rows[("completion_rate", "provider_type", "HO")]["waarde"].value == "verborgen"


def test_the_sample_workbook_labels_the_two_way_rows(sample_run):
    """The cross-tables (indicators.md, section F) in the workbook of the sample run: each row with the Dutch
    names of both breakdowns and values, hidden cells as "verborgen"."""
    data, _, _ = sample_run
    workbook = openpyxl.load_workbook(data / "exports" / "indicatoren.xlsx")
    sheet = workbook["Deelname"]
    header = [cell.value for cell in sheet[1]]
    rows = [dict(zip(header, row, strict=True)) for row in sheet.iter_rows(min_row=2, values_only=True)]
    crossed = [row for row in rows if "×" in row["code opsplitsing"]]
    assert {(row["code indicator"], row["code opsplitsing"], row["opsplitsing"]) for row in crossed} == {
        (indicator, code, name)
        for indicator in ("learners", "awards")
        for code, name in (
            ("province×age_band", "Provincie × leeftijdsklasse"),
            ("province×sex", "Provincie × geslacht"),
            ("age_band×sex", "Leeftijdsklasse × geslacht"),
        )
    }
    west = next(row for row in crossed if row["code waarde opsplitsing"] == "30000|25-34")
    assert west["waarde opsplitsing"] == "West-Vlaanderen | 25 tot 34 jaar"
    assert all(row["waarde opsplitsing"] and " | " in row["waarde opsplitsing"] for row in crossed)
    assert {row["verborgen"] for row in crossed} == {"ja", "nee"}
    assert all(row["waarde"] == "verborgen" for row in crossed if row["verborgen"] == "ja")
    catalogue = workbook["Catalogus"]
    header = [cell.value for cell in catalogue[1]]
    learners = next(
        dict(zip(header, row, strict=True))
        for row in catalogue.iter_rows(min_row=2, values_only=True)
        if row[0] == "learners"
    )
    assert learners["opsplitsingen"].endswith(
        "Provincie × leeftijdsklasse, Provincie × geslacht, Leeftijdsklasse × geslacht"
    )
