"""How landing files are read: encodings, delimiters, quoting, blank lines, Excel cells."""

import datetime as dt

import duckdb
import openpyxl
import pytest

from pipelines.landing.contract import OFFERS, PROJECTIONS
from pipelines.landing.files import detect_text_encoding, discover
from pipelines.landing.tables import cell_text, map_headers, read_records
from tests.helpers import MODELS, query, run_pipeline, write

HEADER = "mc_id;aanbieder_id;aanbieder_type;startdatum;titel"


def records(landing, scratch, source=OFFERS):
    con = duckdb.connect()
    entries = read_records(con, source, discover(landing, source), scratch)
    map_headers(con, source, entries)
    rows = con.execute("SELECT file, line, fields FROM records WHERE NOT is_header ORDER BY file, line").fetchall()
    return entries, rows


def test_quoted_fields_may_hold_delimiters_quotes_and_newlines(landing, tmp_path):
    write(
        landing,
        "offers/a.csv",
        f'{HEADER}\nMC1;0123456749;HO;2024-01-01;"Data; ""big"" en\nklein"\nMC2;0123456749;HO;2024-01-01;x\n',
    )
    _, rows = records(landing, tmp_path)
    assert rows == [
        ("offers/a.csv", 2, ["MC1", "0123456749", "HO", "2024-01-01", 'Data; "big" en\nklein']),
        ("offers/a.csv", 4, ["MC2", "0123456749", "HO", "2024-01-01", "x"]),
    ]


def test_blank_lines_are_not_rows_but_line_numbers_stay_physical(landing, tmp_path):
    write(
        landing,
        "offers/a.csv",
        f"{HEADER}\r\n\r\nMC1;0123456749;HO;2024-01-01;x\r\n   \r\nMC2;0123456749;HO;2024-01-01;y\r\n\r\n",
    )
    _, rows = records(landing, tmp_path)
    assert [(line, fields[0]) for _, line, fields in rows] == [(3, "MC1"), (5, "MC2")]


def test_comma_delimiter_and_bom_are_detected(landing, tmp_path):
    write(
        landing, "offers/a.csv", "\ufeffMC_ID, Aanbieder_ID ,aanbieder_type,startdatum\nMC1,0123456749,HO,2024-01-01\n"
    )
    entries, rows = records(landing, tmp_path)
    assert entries[0].delimiter == ","
    assert entries[0].header == ["mc_id", "aanbieder_id", "aanbieder_type", "startdatum"]
    assert rows[0][2] == ["MC1", "0123456749", "HO", "2024-01-01"]


@pytest.mark.slow
def test_windows_1252_file_is_read_and_flagged(landing, tmp_path):
    path = write(
        landing, "offers/a.csv", f"{HEADER}\nMC1;0123456749;HO;2024-01-01;Café – € 5\n", encoding="windows-1252"
    )
    assert detect_text_encoding(path) == "windows-1252"
    database = tmp_path / "data" / "internal" / "pipeline.duckdb"
    assert run_pipeline(landing, tmp_path / "data", selection=MODELS).success
    assert query(database, "SELECT title FROM staging.offers") == [("Café – € 5",)]
    assert query(database, "SELECT warning FROM dq.files") == [("Geen geldige UTF-8: gelezen als Windows-1252.",)]


@pytest.mark.parametrize("content", [b"a;b\x00c\n", b"caf\xe9 \x81\n", b"\x8d\x90\x9d"])
def test_nul_bytes_or_cp1252_undefined_bytes_mean_binary(tmp_path, content):
    path = tmp_path / "x.csv"
    path.write_bytes(content)
    assert detect_text_encoding(path) is None


def test_utf8_multibyte_characters_are_not_mistaken_for_binary(tmp_path):
    path = tmp_path / "x.csv"
    path.write_text("Á é ő 🙂\n", encoding="utf-8")  # UTF-8 of Á holds the byte 0x81
    assert detect_text_encoding(path) == "utf-8"


def test_unclosed_quote_makes_the_rest_one_malformed_record(landing, tmp_path):
    write(landing, "offers/a.csv", f'{HEADER}\nMC1;0123456749;HO;2024-01-01;"open\nMC2;0123456749;HO;2024-01-01;x\n')
    _, rows = records(landing, tmp_path)
    assert [(line, fields) for _, line, fields in rows] == [(2, None)]


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (dt.datetime(2024, 9, 1), "2024-09-01"),
        (dt.date(2024, 9, 1), "2024-09-01"),
        (5.0, "5"),
        (0.00001, "0.00001"),
        (1.5, "1.5"),
        (True, "true"),
        (False, "false"),
        (7, "7"),
        (" tekst ", " tekst "),
        (None, None),
    ],
)
def test_excel_cells_become_the_text_the_contract_reads(value, text):
    assert cell_text(value) == text


@pytest.mark.slow
def test_projections_sheet_with_title_rows_and_isco_stored_as_number(landing, tmp_path):
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "Aanwervingsbehoefte"
    sheet.append(["Steunpunt Werk – Beroepenprojecties Vlaanderen"])
    sheet.append(["Bron: Steunpunt Werk, editie juni 2025"])
    sheet.append([])
    sheet.append(list(PROJECTIONS.columns))
    sheet.append([1, "Officieren", "TOTAAL", "BASIS", 2030, "PROJECTIE", 1200, 10, 40, 30, 80])
    sheet.append([21, "Wetenschappers", "TOTAAL", "BASIS", 2030, "PROJECTIE", 90000, 1500.5, 2000, 1800, 9999])
    (landing / "projections").mkdir()
    workbook.save(landing / "projections" / "beroepenprojecties_2025-06.xlsx")
    database = tmp_path / "data" / "internal" / "pipeline.duckdb"
    assert run_pipeline(landing, tmp_path / "data", selection=MODELS).success
    rows = query(
        database, "SELECT line, isco_submajor, edition, year, hiring_need FROM staging.projections ORDER BY line"
    )
    assert rows == [(5, "01", "2025-06", 2030, 80.0), (6, "21", "2025-06", 2030, 5300.5)]
    issue = query(database, "SELECT line, field, raw_value, reason FROM staging.field_issues")
    assert issue == [(6, "aanwervingsbehoefte", "9999", "out_of_range")]
    assert query(database, "SELECT rows_received, reconciles FROM dq.files") == [(2, True)]


@pytest.mark.slow
def test_projections_without_the_sheet_are_rejected(landing, tmp_path):
    workbook = openpyxl.Workbook()
    workbook.active.title = "Blad1"
    (landing / "projections").mkdir()
    workbook.save(landing / "projections" / "beroepenprojecties_2025-06.xlsx")
    assert run_pipeline(landing, tmp_path / "data", selection=MODELS).success
    rows = query(tmp_path / "data" / "internal" / "pipeline.duckdb", "SELECT status, reason, message FROM dq.files")
    assert rows == [("rejected", "file_unreadable", "Werkblad 'Aanwervingsbehoefte' ontbreekt.")]


@pytest.mark.slow
def test_offers_in_excel_read_like_csv(landing, tmp_path):
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(
        ["mc_id", "aanbieder_id", "aanbieder_type", "startdatum", "omvang_waarde", "omvang_eenheid", "stapelbaar"]
    )
    sheet.append(["MC1", "0123456749", "HO", dt.datetime(2024, 9, 1), 6.0, "ECTS", True])
    sheet.append([])
    sheet.append(["MC2", "0123456749", "CVO", "01/02/2025", 40, "UUR"])
    (landing / "offers").mkdir()
    workbook.save(landing / "offers" / "aanbod.xlsx")
    database = tmp_path / "data" / "internal" / "pipeline.duckdb"
    assert run_pipeline(landing, tmp_path / "data", selection=MODELS).success
    rows = query(
        database,
        "SELECT line, offer_id, valid_from, volume_value, volume_unit, stackable FROM staging.offers ORDER BY line",
    )
    assert rows == [
        (2, "MC1", dt.date(2024, 9, 1), 6.0, "ECTS", True),
        (4, "MC2", dt.date(2025, 2, 1), 40.0, "UUR", None),
    ]


@pytest.mark.slow
def test_file_outside_the_source_folders_is_reported(landing, tmp_path):
    write(landing, "offers/a.csv", f"{HEADER}\nMC1;0123456749;HO;2024-01-01;x\n")
    write(landing, "leesmij.txt", "notities")
    assert run_pipeline(landing, tmp_path / "data", selection=MODELS).success
    rows = query(
        tmp_path / "data" / "internal" / "pipeline.duckdb",
        "SELECT source, status FROM dq.files WHERE file = 'leesmij.txt'",
    )
    assert rows == [(None, "rejected")]


@pytest.mark.slow
def test_empty_landing_zone_stops_the_run_with_a_clear_message(landing, tmp_path):
    result = run_pipeline(landing, tmp_path / "data", raise_on_error=False, selection=MODELS)
    assert not result.success
    failure = next(e for e in result.all_events if e.is_step_failure)
    assert "is leeg of bestaat niet" in failure.step_failure_data.error.message
