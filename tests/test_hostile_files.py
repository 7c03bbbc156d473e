"""Hostile input (issue 7), file by file: whatever lands, a file is read or rejected with a reason and no
line is lost. Property-based (Hypothesis) for the CSV and ELM readers against arbitrary input; example-based
for the named cases: a 50 MB field, a header only, wrong encodings, a zip bomb disguised as .xlsx (and a
17 kB workbook whose one far cell would make the Excel reader allocate 17 billion cells), file names with
spaces, unicode, `..` and glob characters.
"""

import csv
import io
import json
import struct
import tempfile
import time
import zipfile
import zlib
from collections import Counter
from pathlib import Path
from unittest import mock

import duckdb
import openpyxl
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from openpyxl.utils import get_column_letter
from python_calamine import CalamineError, CalamineWorkbook

from pipelines.landing.contract import ELM, OFFERS
from pipelines.landing.elm import PROBLEMS, UNKNOWN_SHAPE
from pipelines.landing.files import discover
from pipelines.landing.ingest import ingest
from pipelines.landing.tables import read_records
from pipelines.landing.workbooks import MAX_UNPACKED_BYTES, check_workbook
from tests.helpers import insz, write
from tests.test_elm import claim, credential
from tests.test_hostile_values import KEY, SPACES, VALID_INSZ

MIB = 1024 * 1024
HEADER = "mc_id;aanbieder_id;aanbieder_type;startdatum;titel;omvang_waarde"
FILE_REASONS = {"file_unreadable", "missing_column"}


# The CSV reader (ingestion of one landing file).


def ingest_one(relative: str, content: bytes, source=OFFERS) -> tuple:
    """`content` as the only file of a landing zone, ingested: the summary, the file's manifest row
    (a dict) and its raw rows (dicts, in line order)."""
    with tempfile.TemporaryDirectory() as root:
        landing = Path(root) / "landing"
        write(landing, relative, content)
        con = duckdb.connect()
        summary = ingest(con, source, landing, Path(root) / "scratch", KEY)
        (manifest,) = _dicts(con, f"SELECT * FROM raw.{source.name}_files")
        if source is ELM:
            rows = _dicts(con, "SELECT line FROM raw.elm_claims ORDER BY line")
        else:
            columns = ", ".join(source.columns)
            rows = _dicts(
                con,
                f"SELECT line, is_malformed, is_duplicate, malformed_fields, [{columns}] AS fields, "
                f"map_values(extra_fields) AS extras FROM raw.{source.name} ORDER BY line",
            )
        con.close()
    return summary, manifest, rows


def _dicts(con: duckdb.DuckDBPyConnection, sql: str) -> list[dict]:
    cursor = con.execute(sql)
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]


def assert_rejected_with_reason(summary, manifest, rows, name: str) -> None:
    """What a data steward checks for a refused file: listed with a reason code and a message, no rows."""
    assert manifest["file"] == name and manifest["status"] == "rejected"
    assert manifest["reason"] in FILE_REASONS and manifest["message"]
    assert (name, manifest["message"]) in summary.rejected
    assert rows == []


def assert_every_line_in_one_row(content: bytes, encoding: str, rows: list[dict]) -> None:
    """No row lost, none read twice: every line that is not blank belongs to exactly one record, the header
    or a row (a quoted field carries a record over to the next line)."""
    text = content.decode("utf-8" if encoding == "utf-8" else "cp1252")
    # Old Mac files end their lines in a lone CR: a CR and no LF anywhere.
    lines = text.split("\r") if "\r" in text and "\n" not in text else text.split("\n")
    claimed = Counter(_header_lines(lines))
    for row in rows:
        fields = row["malformed_fields"] if row["is_malformed"] else [*row["fields"], *row["extras"]]
        breaks = sum((f or "").count("\n") for f in fields)
        claimed.update(range(row["line"], row["line"] + breaks + 1))
    assert set(claimed.values()) <= {1}, "a line was read into two records"
    lost = [n for n, text in enumerate(lines, start=1) if n not in claimed and not _blank(text)]
    assert lost == [], f"lines {lost} are in no record"


def _blank(line: str) -> bool:
    """The contract's blank line: nothing but spaces before its line end."""
    return not line.rstrip("\r").strip(SPACES)


def _header_lines(lines: list[str]) -> range:
    """The line numbers of the header: the first line that is not blank, up to where its quotes close."""
    first = next(n for n, text in enumerate(lines, start=1) if not _blank(text))
    end = first
    if lines[first - 1].count('"') % 2:
        end = next((n for n in range(first + 1, len(lines) + 1) if lines[n - 1].count('"') % 2), len(lines))
    return range(first, end + 1)


# Pieces of text files, and bytes no text file holds (NUL, bytes Windows-1252 leaves undefined).
TEXT_PIECES = [b";", b",", b'"', b'""', b"\n", b"\r\n", b"\r", b" ", b"\t", b"MC1", b"0123456749", b"HO"]
TEXT_PIECES += [
    b"2024-01-01",
    b"\xe9",
    b"\xc3\xa9",
    b"\xef\xbb\xbf",
    b"\xe2\x80\x83",
    b"\xf0\x9f\x99\x82",
    b"\xed\xa0\x80",
]
TEXT_BYTES = st.lists(st.sampled_from(TEXT_PIECES), max_size=60).map(b"".join)
ANY_BYTES = st.lists(
    st.sampled_from([*TEXT_PIECES, b"\x00", b"\x81", b"\xff\xfe"]) | st.binary(max_size=3), max_size=60
)


@given(
    content=st.one_of(
        st.binary(max_size=400),
        ANY_BYTES.map(b"".join),
        TEXT_BYTES,
        TEXT_BYTES.map(lambda b: HEADER.encode() + b"\n" + b),
        TEXT_BYTES.map(lambda b: HEADER.encode() + b"\n" + b),
    )
)
@settings(max_examples=100, deadline=None)
@pytest.mark.slow
def test_arbitrary_bytes_are_rejected_with_a_reason_or_read_without_losing_a_line(content):
    summary, manifest, rows = ingest_one("offers/levering.csv", content)
    if manifest["status"] == "rejected":
        assert_rejected_with_reason(summary, manifest, rows, "offers/levering.csv")
        return
    assert manifest["encoding"] in ("utf-8", "windows-1252")
    assert summary.rows == len(rows) and len({row["line"] for row in rows}) == len(rows)
    assert_every_line_in_one_row(content, manifest["encoding"], rows)


COLUMNS = ["mc_id", "aanbieder_id", "aanbieder_type", "startdatum", "titel"]
FIELD = st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\r\x00"), max_size=10)
# Extra column names: anything but what would make the delimiter ambiguous, plus case and space variants
# of contract columns, empty names and repeats.
EXTRA_NAME = st.one_of(
    st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters=';,"\r\n\x00\ufeff'), max_size=6),
    st.sampled_from(["", "x", "X", " x ", "MC_ID", " Titel ", "kolom_6", "kolom_7"]),
)


@st.composite
def csv_deliveries(draw) -> tuple[bytes, list[str], list[list[str]], list[int]]:
    """A CSV file as a spreadsheet program writes it: the bytes, the header, the rows and each row's line."""
    header = draw(st.permutations(COLUMNS)) + draw(st.lists(EXTRA_NAME, max_size=3))
    rows = draw(st.lists(st.lists(FIELD, min_size=len(header), max_size=len(header)), max_size=6))
    rows += draw(st.lists(st.sampled_from(rows), max_size=2)) if rows else []  # exact repeats
    delimiter, ending = draw(st.sampled_from(";,")), draw(st.sampled_from(["\n", "\r\n"]))

    def record(fields: list[str]) -> str:
        buffer = io.StringIO()
        csv.writer(buffer, delimiter=delimiter, lineterminator=ending).writerow(fields)
        return buffer.getvalue()

    text = draw(st.sampled_from(["", "\ufeff"])) + record(header)
    lines = []
    for row in rows:
        text += "".join(
            f"{blank}{ending}" for blank in draw(st.lists(st.sampled_from(["", "   ", "\u00a0"]), max_size=2))
        )
        lines.append(text.count("\n") + 1)
        text += record(row)
    return text.encode(), header, rows, lines


ROW_KEYS = ("line", "is_malformed", "is_duplicate", "fields", "extras")


@given(delivery=csv_deliveries())
@settings(max_examples=100, deadline=None)
@pytest.mark.slow
def test_every_delivered_row_is_read_back_exactly_once_on_its_line(delivery):
    content, header, rows, lines = delivery
    summary, manifest, raw = ingest_one("offers/levering.csv", content)
    names = [h.strip().lower() for h in header]
    first = {name: names.index(name) for name in OFFERS.columns if name in names}
    extra_positions = [i for i, name in enumerate(names) if first.get(name) != i]
    expected = [
        {
            "line": line,
            "is_malformed": False,
            "is_duplicate": row in rows[:index],
            "fields": [row[first[c]] if c in first else None for c in OFFERS.columns],
            "extras": [row[i] for i in extra_positions],
        }
        for index, (row, line) in enumerate(zip(rows, lines, strict=True))
    ]
    assert (manifest["status"], manifest["reason"]) == ("read", None)
    assert manifest["header"] == names
    assert [{key: r[key] for key in ROW_KEYS} for r in raw] == expected
    assert summary.rows == len(rows)


# The ELM reader.


def expected_claims(content: bytes) -> int | str:
    """The number of claims in an ELM file by the contract (v2), or the problem that gets it rejected.

    Like DuckDB, Python's json module takes NaN and Infinity for numbers.
    """
    try:
        # A leading byte-order mark is allowed (RFC 8259); Python's json refuses it.
        doc = json.loads(content.decode("utf-8").lstrip("\ufeff").strip(" \t\r\n"))
    except ValueError:  # UnicodeDecodeError is one
        return "unknown_shape"
    if not isinstance(doc, dict):
        return "unknown_shape"
    if "credentialSubject" in doc or ("@context" in doc and not {"payload", "credential"} & doc.keys()):
        credential = doc
    elif isinstance(doc.get("payload"), str) and _is_json(doc["payload"]):
        credential = json.loads(doc["payload"])
    elif isinstance(doc.get("credential"), dict):
        credential = doc["credential"]
    else:
        return "unknown_shape"
    subject = credential.get("credentialSubject") if isinstance(credential, dict) else None
    if not isinstance(subject, dict):
        return "no_subject"
    claims = subject.get("hasClaim")
    count = len(claims) if isinstance(claims, list) else 0 if claims is None else 1
    return count or "no_claim"


def _is_json(text: str) -> bool:
    try:
        json.loads(text)
    except ValueError:
        return False
    return True


JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=5),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner, max_size=3),
    max_leaves=8,
)
CLAIMS = st.one_of(JSON, st.lists(JSON | st.just(claim("MC1", "Titel")), max_size=3), st.just(claim("MC1", "Titel")))


@st.composite
def elm_files(draw) -> bytes:
    """Any bytes, or a credential (bare or in a signing envelope) with any claims, or any JSON; maybe truncated."""
    if draw(st.integers(0, 4)) == 0:
        return draw(st.binary(max_size=200))
    doc = credential(draw(VALID_INSZ), draw(CLAIMS)) if draw(st.booleans()) else draw(JSON)
    text = json.dumps(doc)
    if draw(st.booleans()):
        text = json.dumps({"payload": text, "signatures": [{"signature": "c2ln"}]})
    return text[: draw(st.one_of(st.none(), st.integers(0, len(text))))].encode()


@given(content=elm_files())
@settings(max_examples=100, deadline=None)
@pytest.mark.slow
def test_an_elm_file_is_rejected_with_a_reason_or_gives_one_row_per_claim(content):
    summary, manifest, rows = ingest_one("awards/elm/credential.json", content, source=ELM)
    expected = expected_claims(content)
    if isinstance(expected, str):
        assert_rejected_with_reason(summary, manifest, rows, "awards/elm/credential.json")
        assert (
            manifest["message"].startswith(UNKNOWN_SHAPE)
            if expected == "unknown_shape"
            else (manifest["message"] == PROBLEMS[expected])
        )
    else:
        assert manifest["status"] == "read"
        assert [row["line"] for row in rows] == list(range(1, expected + 1))


# Named cases at the level of the reader.


def test_a_file_with_old_mac_line_ends_is_read_line_by_line():
    content = f"{HEADER}\rMC1;0123456749;HO;2024-01-01;x;1\rMC2;0123456749;HO;2024-01-01;y;2\r".encode()
    summary, manifest, rows = ingest_one("offers/mac.csv", content)
    assert (manifest["status"], [row["line"] for row in rows]) == ("read", [2, 3])
    assert ("offers/mac.csv", "Regels eindigen op CR alleen (oud Mac-formaat): zo gelezen.") in summary.warnings


def test_an_elm_file_with_a_byte_order_mark_is_read():
    content = b"\xef\xbb\xbf" + json.dumps(credential(insz("1985-04-12", 21), [claim("MC1", "Titel")])).encode()
    summary, manifest, rows = ingest_one("awards/elm/bom.json", content, source=ELM)
    assert (manifest["status"], [row["line"] for row in rows]) == ("read", [1])


def test_a_50_mb_field_is_kept_whole_and_the_next_row_keeps_its_line():
    big = "x" * (50 * 1000 * 1000)
    content = f"{HEADER}\nMC1;0123456749;HO;2024-01-01;{big};1\nMC2;0123456749;HO;2024-01-01;klein;2\n".encode()
    summary, manifest, rows = ingest_one("offers/groot.csv", content)
    assert manifest["status"] == "read" and summary.rows == 2
    assert [(row["line"], len(row["fields"][OFFERS.columns.index("titel")])) for row in rows] == [
        (2, len(big)),
        (3, len("klein")),
    ]


def xlsx_bomb(spaces_mib: int, declare_true_size: bool = True) -> bytes:
    """A real workbook whose sheet holds `spaces_mib` MiB of spaces, deflated about a thousandfold.

    The CRC is the true one, so only the sizes can stop a reader; with `declare_true_size` False the zip
    directory declares the sheet's size without the spaces (a lying archive).
    """
    workbook = openpyxl.Workbook()
    workbook.active.append(COLUMNS)
    buffer = io.BytesIO()
    workbook.save(buffer)
    source = zipfile.ZipFile(buffer)
    members = []
    for name in source.namelist():
        content = source.read(name)
        if name != "xl/worksheets/sheet1.xml":
            members.append((name, _deflate(content), len(content), zlib.crc32(content)))
            continue
        head, tail = content.split(b"</sheetData>")
        block = b" " * MIB
        compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
        # A full flush makes each block's deflate output stand alone, so one block can be repeated.
        data = compressor.compress(head) + compressor.flush(zlib.Z_FULL_FLUSH)
        data += (compressor.compress(block) + compressor.flush(zlib.Z_FULL_FLUSH)) * spaces_mib
        data += compressor.compress(b"</sheetData>" + tail) + compressor.flush()
        crc = zlib.crc32(head)
        for _ in range(spaces_mib):
            crc = zlib.crc32(block, crc)
        crc = zlib.crc32(b"</sheetData>" + tail, crc)
        size = len(content) + spaces_mib * MIB
        members.append((name, data, size if declare_true_size else len(content), crc))
    return _zip(members)


def _deflate(content: bytes) -> bytes:
    compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
    return compressor.compress(content) + compressor.flush()


def _zip(members: list[tuple[str, bytes, int, int]]) -> bytes:
    """A zip archive of already deflated members (name, data, declared size, CRC), written by hand: the
    zipfile module cannot store a member whose declared size differs from its content."""
    local, central = bytearray(), bytearray()
    for name, data, size, crc in members:
        encoded = name.encode()
        offset = len(local)
        local += struct.pack("<IHHHHHIIIHH", 0x04034B50, 20, 0, 8, 0, 0, crc, len(data), size, len(encoded), 0)
        local += encoded + data
        sizes = (crc, len(data), size, len(encoded))
        central += struct.pack("<IHHHHHHIIIHHHHHII", 0x02014B50, 20, 20, 0, 8, 0, 0, *sizes, 0, 0, 0, 0, 0, offset)
        central += encoded
    end = struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, len(members), len(members), len(central), len(local), 0)
    return bytes(local + central + end)


def test_a_zip_bomb_disguised_as_xlsx_is_rejected_from_its_directory_without_unpacking(landing, tmp_path, monkeypatch):
    bomb = write(landing, "offers/aanbod.xlsx", xlsx_bomb(2048))  # 2 GiB of spaces in a file of about 2 MB
    assert bomb.stat().st_size < 3 * MIB

    opened = []
    monkeypatch.setattr("pipelines.landing.tables.CalamineWorkbook.from_path", opened.append)
    start = time.monotonic()
    (entry,) = read_records(duckdb.connect(), OFFERS, discover(landing, OFFERS), tmp_path)
    assert opened == [] and time.monotonic() - start < 5
    assert entry.rejection.reason == "file_unreadable"
    assert entry.rejection.message.startswith("Excel-bestand pakt uit tot 2048 MB")
    assert f"{MAX_UNPACKED_BYTES // MIB} MB" in entry.rejection.message


def test_a_zip_bomb_whose_directory_understates_it_is_stopped_where_its_declared_size_ends(landing, tmp_path):
    write(landing, "offers/aanbod.xlsx", xlsx_bomb(64, declare_true_size=False))
    (entry,) = read_records(duckdb.connect(), OFFERS, discover(landing, OFFERS), tmp_path)
    assert (entry.rejection.reason, entry.rejection.message) == (
        "file_unreadable",
        "Geen leesbaar Excel-bestand (BadZipFile).",
    )
    # calamine, too, stops there rather than unpacking what the directory does not declare.
    with pytest.raises(CalamineError, match="larger than its declared uncompressed size"):
        CalamineWorkbook.from_path(str(landing / "offers/aanbod.xlsx")).get_sheet_by_index(0)


def far_cell_workbook() -> bytes:
    """17 kB on disk, but one cell at XFD1048576: a sheet of 17 billion cells to whoever fills it in."""
    workbook = openpyxl.Workbook()
    workbook.active.append(COLUMNS)
    workbook.active["XFD1048576"] = "x"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def test_a_single_far_cell_is_rejected_before_the_sheet_is_filled_in(landing, tmp_path, monkeypatch):
    write(landing, "offers/ver weg.xlsx", far_cell_workbook())
    opened = []
    monkeypatch.setattr("pipelines.landing.tables.CalamineWorkbook.from_path", opened.append)
    (entry,) = read_records(duckdb.connect(), OFFERS, discover(landing, OFFERS), tmp_path)
    assert opened == []
    assert (entry.rejection.reason, entry.rejection.message) == (
        "file_unreadable",
        "Een werkblad reikt tot rij 1048576, kolom 16384: meer dan 10 miljoen cellen, niet ingeladen.",
    )


def sheet_with(rows: list[tuple[int | None, list[tuple[tuple[int, int] | None, bool]]]]) -> bytes:
    """A workbook whose sheet holds `rows`: (row number, cells), each cell ((row, column), whether it holds a
    value). A number or position None leaves out the reference `r`: the position follows from before."""
    xml = ""
    for number, cells in rows:
        xml += f'<row r="{number}">' if number else "<row>"
        for position, has_value in cells:
            reference = f' r="{get_column_letter(position[1])}{position[0]}"' if position else ""
            xml += f"<c{reference}><v>1</v></c>" if has_value else f'<c{reference} s="0"/>'
        xml += "</row>"
    buffer = io.BytesIO()
    openpyxl.Workbook().save(buffer)
    parts = {name: zipfile.ZipFile(buffer).read(name) for name in zipfile.ZipFile(buffer).namelist()}
    parts["xl/worksheets/sheet1.xml"] = parts["xl/worksheets/sheet1.xml"].replace(
        b"<sheetData></sheetData>", f"<sheetData>{xml}</sheetData>".encode()
    )
    result = io.BytesIO()
    with zipfile.ZipFile(result, "w") as archive:
        for name, content in parts.items():
            archive.writestr(name, content)
    return result.getvalue()


POSITION = st.none() | st.tuples(st.integers(1, 400), st.integers(1, 80))
SHEET_ROWS = st.lists(
    st.tuples(st.none() | st.integers(1, 400), st.lists(st.tuples(POSITION, st.booleans()), max_size=4)),
    min_size=1,
    max_size=6,
)


@given(rows=SHEET_ROWS)
@settings(max_examples=60, deadline=None)
def test_the_sheet_size_limit_counts_the_cells_calamine_fills_in(rows):
    with tempfile.TemporaryDirectory() as folder:
        path = write(Path(folder), "blad.xlsx", sheet_with(rows))
        filled = CalamineWorkbook.from_path(str(path)).get_sheet_by_index(0).to_python(skip_empty_area=False)
        cells = len(filled) * max((len(row) for row in filled), default=0)
        assume(cells > 0)
        with mock.patch("pipelines.landing.workbooks.MAX_SHEET_CELLS", cells):
            assert check_workbook(path) is None
        with mock.patch("pipelines.landing.workbooks.MAX_SHEET_CELLS", cells - 1):
            assert check_workbook(path).message.startswith("Een werkblad reikt tot rij")


def test_the_same_workbook_with_a_modest_sheet_is_read(landing, tmp_path):
    write(landing, "offers/aanbod.xlsx", xlsx_bomb(1))
    (entry,) = read_records(duckdb.connect(), OFFERS, discover(landing, OFFERS), tmp_path)
    assert entry.rejection is None


@pytest.mark.parametrize("name", ["a b [1].csv", "ü – ..x...csv", "a\nb?.csv", "it's; DROP TABLE x; --.csv", "~$a.csv"])
def test_a_file_name_is_only_a_name(name):
    summary, manifest, rows = ingest_one(f"offers/{name}", f"{HEADER}\nMC1;0123456749;HO;2024-01-01;x;1\n".encode())
    assert (manifest["file"], manifest["status"], [row["line"] for row in rows]) == (f"offers/{name}", "read", [2])


@pytest.mark.parametrize("name", ["x\\[1].csv", "sub\\*.csv"])
def test_a_name_no_glob_pattern_can_match_is_rejected_not_misread(name):
    summary, manifest, rows = ingest_one(f"offers/{name}", f"{HEADER}\nMC1;0123456749;HO;2024-01-01;x;1\n".encode())
    assert_rejected_with_reason(summary, manifest, rows, f"offers/{name}")


@pytest.mark.parametrize("target", ["secret.csv", "missing.csv"])
def test_a_link_out_of_the_landing_zone_is_rejected_not_followed(tmp_path, target):
    outside = tmp_path / "secret.csv"
    outside.write_text(f"{HEADER}\nMC1;0123456749;HO;2024-01-01;geheim;1\n")
    landing = tmp_path / "landing"
    (landing / "offers").mkdir(parents=True)
    (landing / "offers" / "aanbod.csv").symlink_to(tmp_path / target)
    (entry,) = read_records(duckdb.connect(), OFFERS, discover(landing, OFFERS), tmp_path / "scratch")
    assert entry.rejection.reason == "file_unreadable"
    assert "symbolische koppeling" in entry.rejection.message
