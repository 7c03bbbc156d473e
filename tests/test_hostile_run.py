"""Hostile input (issue 7), all together: the named cases in one landing zone run through the whole
pipeline. The run goes on, every file ends read or rejected with a reason, every row is loaded, quarantined
or duplicate, and no export holds a cell a spreadsheet would run.
"""

import csv
import io
import json
import re
import time

import openpyxl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipelines.landing.elm import UNKNOWN_SHAPE
from pipelines.publication import FORMULA_START, add_sheet
from tests.helpers import query, run_pipeline, write
from tests.test_elm import claim, credential
from tests.test_hostile_files import HEADER, MIB, far_cell_workbook, xlsx_bomb

# The named cases through the whole pipeline, in one landing zone: the run goes on, every file is in
# dq.files with its reason, every row is loaded, quarantined or duplicate.

ROW = "MC{n};0123456749;HO;2024-01-01;Titel {n};{volume}"


def hostile_files() -> dict[str, bytes]:
    """The landing zone of the named cases (built when used: it holds a 50 MB field and a zip bomb)."""
    return {
        "offers/aanbod met spaties.csv": "\n".join(
            [
                HEADER,
                ROW.format(n=1, volume="=1+1"),
                ROW.format(n=2, volume="@SUM(A1)"),
                ROW.format(n=3, volume="-1+1"),
                ROW.format(n=4, volume="+1+1"),
                ROW.format(n=5, volume="\t=1"),
                'MC6;0123456749;HO;2024-01-01;"=HYPERLINK(""http://x"";""klik"")";3',
                "MC7;0123456749;=1+1;2024-01-01;x;3",
                "MC1;0123456749;HO;2024-01-01;Titel 1;=1+1",
            ]
        ).encode(),
        "offers/ünïcødé – aanbod.csv": f"{HEADER}\nMC20;0123456749;CVO;01/09/2024;Café;2,5\n".encode(),
        "offers/..verborgen..csv": f"{HEADER}\nMC21;0123456749;HO;2024-01-01;x;1\n".encode(),
        "offers/map met spaties/..sub../aanbod.csv": f"{HEADER}\nMC22;0123456749;HO;2024-01-01;x;1\n".encode(),
        "offers/a[1].csv": f"{HEADER}\nMC23;0123456749;HO;2024-01-01;x;1\nMC24;0123456749;HO;2024-01-01;x;1\n".encode(),
        "offers/a1.csv": f"{HEADER}\nMC25;0123456749;HO;2024-01-01;x;1\n".encode(),
        "offers/a*.csv": f"{HEADER}\nMC26;0123456749;HO;2024-01-01;x;1\n".encode(),
        "offers/alleen koprij.csv": f"{HEADER}\n".encode(),
        "offers/zonder startdatum.csv": b"mc_id;aanbieder_id;aanbieder_type\nMC40;0123456749;HO\n\nMC4;0123456749;HO\n",
        "offers/leeg.csv": b"",
        "offers/utf16.csv": f"{HEADER}\nMC27;0123456749;HO;2024-01-01;x;1\n".encode("utf-16"),
        "offers/windows-1252.csv": f"{HEADER}\nMC28;0123456749;HO;2024-01-01;Café – € 5;1\n".encode("cp1252"),
        "offers/latin1 met 0x81.csv": f"{HEADER}\nMC29;0123456749;HO;2024-01-01;x\x81;1\n".encode("latin-1"),
        "offers/binair.csv": bytes(range(256)) * 4,
        "offers/afgebroken.csv": f'{HEADER}\nMC30;0123456749;HO;2024-01-01;x;1\nMC31;0123456749;HO;"afgebr'.encode(),
        "offers/dubbele kolommen.csv": (
            f"{HEADER};opmerking;Opmerking;;mc_id\nMC32;0123456749;HO;2024-01-01;x;1;a;b;c;MC99\n".encode()
        ),
        "offers/groot veld.csv": f"{HEADER}\nMC33;0123456749;{'H' * 50_000_000};2024-01-01;x;1\n".encode(),
        "offers/aanbod.xlsx": xlsx_bomb(2048),
        "offers/kapot.xlsx": xlsx_bomb(0)[:700],
        "offers/ver weg.xlsx": far_cell_workbook(),
        "awards/elm/afgebroken credential.json": _credential(claim("MC1", "x"))[:150],
        "awards/elm/a[1].json": _credential(claim("MC1", "x"), claim("MC2", "y")),
        "awards/elm/a1.json": _credential(claim("MC3", "z")),
    }


def _credential(*claims: dict) -> bytes:
    return json.dumps(credential("85073003328", list(claims))).encode()


# file -> (status, reason, received, loaded, quarantined, duplicate)
EXPECTED_FILES = {
    "offers/aanbod met spaties.csv": ("loaded", None, 8, 6, 1, 1),
    "offers/ünïcødé – aanbod.csv": ("loaded", None, 1, 1, 0, 0),
    "offers/..verborgen..csv": ("loaded", None, 1, 1, 0, 0),
    "offers/map met spaties/..sub../aanbod.csv": ("loaded", None, 1, 1, 0, 0),
    "offers/a[1].csv": ("loaded", None, 2, 2, 0, 0),
    "offers/a1.csv": ("loaded", None, 1, 1, 0, 0),
    "offers/a*.csv": ("loaded", None, 1, 1, 0, 0),
    "offers/alleen koprij.csv": ("loaded", None, 0, 0, 0, 0),
    "offers/zonder startdatum.csv": ("rejected", "missing_column", 2, 0, 0, 0),
    "offers/leeg.csv": ("rejected", "file_unreadable", 0, 0, 0, 0),
    "offers/utf16.csv": ("rejected", "file_unreadable", 0, 0, 0, 0),
    "offers/windows-1252.csv": ("loaded", None, 1, 1, 0, 0),
    "offers/latin1 met 0x81.csv": ("rejected", "file_unreadable", 0, 0, 0, 0),
    "offers/binair.csv": ("rejected", "file_unreadable", 0, 0, 0, 0),
    "offers/afgebroken.csv": ("loaded", None, 2, 1, 1, 0),
    "offers/dubbele kolommen.csv": ("loaded", None, 1, 1, 0, 0),
    "offers/groot veld.csv": ("loaded", None, 1, 0, 1, 0),
    "offers/aanbod.xlsx": ("rejected", "file_unreadable", 0, 0, 0, 0),
    "offers/kapot.xlsx": ("rejected", "file_unreadable", 0, 0, 0, 0),
    "offers/ver weg.xlsx": ("rejected", "file_unreadable", 0, 0, 0, 0),
    "awards/elm/afgebroken credential.json": ("rejected", "file_unreadable", 0, 0, 0, 0),
    "awards/elm/a[1].json": ("loaded", None, 2, 2, 0, 0),
    "awards/elm/a1.json": ("loaded", None, 1, 1, 0, 0),
}


@pytest.fixture(scope="module")
def hostile_run(tmp_path_factory):
    root = tmp_path_factory.mktemp("hostile")
    for relative, content in hostile_files().items():
        write(root / "landing", relative, content)
    start = time.monotonic()
    result = run_pipeline(root / "landing", root / "data", raise_on_error=False)
    return result, root / "data", time.monotonic() - start


def test_hostile_files_do_not_stop_the_run(hostile_run):
    result, _, seconds = hostile_run
    failures = [e.step_key for e in result.all_events if e.is_step_failure]
    assert failures == [] and result.success
    assert seconds < 120


def test_every_hostile_file_is_listed_with_its_outcome_and_reconciles(hostile_run):
    _, data, _ = hostile_run
    rows = query(
        data / "internal" / "pipeline.duckdb",
        "SELECT file, status, reason, rows_received, rows_loaded, rows_quarantined, rows_duplicate, reconciles, "
        "message FROM dq.files",
    )
    assert {r[0]: r[1:7] for r in rows} == EXPECTED_FILES
    assert [r[0] for r in rows if not r[7]] == []
    assert all(r[8] for r in rows if r[1] == "rejected"), "a rejected file without a message"


def test_rejections_say_why_in_words_a_data_steward_can_act_on(hostile_run):
    _, data, _ = hostile_run
    messages = dict(query(data / "internal" / "pipeline.duckdb", "SELECT file, message FROM dq.files"))
    assert messages["offers/aanbod.xlsx"].startswith("Excel-bestand pakt uit tot 2048 MB")
    assert messages["offers/utf16.csv"] == "Geen leesbaar tekstbestand (binaire inhoud)."
    assert messages["offers/leeg.csv"] == "Leeg bestand: geen koprij en geen gegevens."
    assert messages["awards/elm/afgebroken credential.json"].startswith(UNKNOWN_SHAPE)


def test_quarantined_hostile_rows_keep_their_file_line_and_reason(hostile_run):
    _, data, _ = hostile_run
    rows = query(
        data / "internal" / "pipeline.duckdb",
        "SELECT file, line, reason FROM staging.quarantine WHERE source = 'offers' ORDER BY file, line",
    )
    assert rows == [
        ("offers/aanbod met spaties.csv", 8, "invalid_code"),
        ("offers/afgebroken.csv", 3, "malformed_row"),
        ("offers/groot veld.csv", 2, "invalid_code"),
    ]


def test_extra_columns_with_repeated_names_are_kept_under_names_of_their_own(hostile_run):
    _, data, _ = hostile_run
    database = data / "internal" / "pipeline.duckdb"
    (extras,) = query(database, "SELECT extra_fields FROM raw.offers WHERE file = 'offers/dubbele kolommen.csv'")[0]
    assert extras == {"opmerking": "a", "opmerking_8": "b", "kolom_9": "c", "mc_id_10": "MC99"}
    assert query(database, "SELECT offer_id FROM staging.offers WHERE file = 'offers/dubbele kolommen.csv'") == [
        ("MC32",)
    ]


def _starts_a_formula(cell: object) -> bool:
    return isinstance(cell, str) and bool(FORMULA_START.match(cell))


def test_no_export_holds_a_cell_a_spreadsheet_would_run(hostile_run):
    _, data, _ = hostile_run
    feedback = sorted((data / "feedback").glob("*.csv"))
    assert feedback, "no feedback file written"
    limit = csv.field_size_limit(100 * MIB)  # the 50 MB field is in a delivered row
    try:
        cells = [
            cell
            for path in feedback
            for row in csv.reader(io.StringIO(path.read_text(encoding="utf-8-sig")), delimiter=";")
            for cell in row
        ]
    finally:
        csv.field_size_limit(limit)
    assert [c for c in cells if _starts_a_formula(c)] == []
    # The hostile values did reach the feedback, neutralised.
    assert {"'=1+1", "'@SUM(A1)", "'-1+1", "'+1+1", "'\t=1"} <= set(cells)
    workbook = openpyxl.load_workbook(data / "exports" / "indicatoren.xlsx")
    for sheet in workbook.worksheets:
        for row in sheet.iter_rows():
            assert not any(cell.data_type == "f" or _starts_a_formula(cell.value) for cell in row), sheet.title


@given(text=st.one_of(st.text(max_size=20), st.builds(str.__add__, st.sampled_from("=+-@\t\r "), st.text(max_size=20))))
@settings(max_examples=100, deadline=None)
def test_any_text_written_to_a_workbook_reads_back_as_text(text):
    """Control characters, which XML (and so xlsx) cannot hold, are left out rather than failing the export."""
    workbook = openpyxl.Workbook()
    add_sheet(workbook, "Blad", ["tekst"], [(text,)])
    buffer = io.BytesIO()
    workbook.save(buffer)
    cell = openpyxl.load_workbook(buffer)["Blad"]["A2"]
    assert cell.data_type != "f" and not _starts_a_formula(cell.value)
    assert not re.search(r"[\x00-\x08\x0b\x0c\x0e-\x1f]", cell.value or "")
