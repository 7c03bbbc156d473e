"""Reading a tabular source (CSV and Excel files) into its raw table, one row per data row.

Every file of the source ends in the manifest (`raw.<source>_files`): read, or rejected with a
reason. Every data row of a read file ends in `raw.<source>` as text, with its file and line,
whether it is malformed (wrong number of fields) and whether it exactly repeats an earlier row of
the source. Typing and validation happen later, in `models/staging/`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import duckdb
import numpy as np
import pandas as pd
from python_calamine import CalamineWorkbook

from pipelines.landing.contract import MAX_TITLE_ROWS, Source
from pipelines.landing.files import (
    LandingFile,
    Rejection,
    check_name,
    detect_text_encoding,
    duckdb_pattern,
    has_cr_line_ends,
    utf8_copy,
)
from pipelines.landing.steps import run_step
from pipelines.landing.workbooks import check_workbook


@dataclass
class FileEntry:
    """One line of the manifest."""

    file: LandingFile
    encoding: str | None = None
    cr_line_ends: bool = False
    delimiter: str | None = None
    rejection: Rejection | None = None
    header: list[str] = field(default_factory=list)
    extra_columns: list[str] = field(default_factory=list)
    # ELM: the form the credential arrived in (bare, envelope, upload_wrapper, jwt, sd_jwt).
    shape: str | None = None

    def as_row(self, source: Source) -> dict:
        return {
            "source": source.name,
            "file": self.file.name,
            "kind": self.file.kind,
            "size_bytes": self.file.size_bytes,
            "encoding": self.encoding,
            "delimiter": self.delimiter,
            "status": "rejected" if self.rejection else "read",
            "reason": self.rejection.reason if self.rejection else None,
            "message": self.rejection.message if self.rejection else None,
            "rejected_rows": self.rejection.rows_received if self.rejection else 0,
            "header": self.header,
            "extra_columns": self.extra_columns,
            "shape": self.shape,
        }


def read_records(
    con: duckdb.DuckDBPyConnection, source: Source, files: list[LandingFile], scratch: Path
) -> list[FileEntry]:
    """Fill TEMP table `records` with every record (header included) of the source's readable files."""
    entries = [FileEntry(f, rejection=check_name(source, f)) for f in files]
    run_step(con, "records")
    _read_csv_files(con, [e for e in entries if not e.rejection and e.file.kind == "csv"], scratch)
    for entry in entries:
        if not entry.rejection and entry.file.kind == "xlsx":
            _read_sheet(con, source, entry)
    return entries


def _read_csv_files(con: duckdb.DuckDBPyConnection, entries: list[FileEntry], scratch: Path) -> None:
    readable = []
    transcoded = []
    for entry in entries:
        entry.encoding = detect_text_encoding(entry.file.path)
        if entry.encoding is None:
            entry.rejection = Rejection("file_unreadable", "Geen leesbaar tekstbestand (binaire inhoud).")
            continue
        read_path = entry.file.path
        entry.cr_line_ends = has_cr_line_ends(entry.file.path)
        if entry.encoding == "windows-1252" or entry.cr_line_ends:
            read_path = scratch / "utf8" / entry.file.name
            utf8_copy(entry.file.path, read_path, entry.encoding, entry.cr_line_ends)
            transcoded.append(read_path)
        entry.delimiter = _detect_delimiter(read_path)
        readable.append((str(read_path), entry.file.name, entry.delimiter))
    if not readable:
        return
    con.execute("CREATE OR REPLACE TEMP TABLE csv_files (read_path VARCHAR, file VARCHAR, delimiter VARCHAR)")
    con.executemany("INSERT INTO csv_files VALUES (?, ?, ?)", readable)
    con.execute("SET VARIABLE csv_read_paths = $1::VARCHAR[]", [[duckdb_pattern(path) for path, *_ in readable]])
    try:
        run_step(con, "csv_records")
    finally:
        con.execute("RESET VARIABLE csv_read_paths")
        # A transcoded copy is landing data (an awards file holds INSZ numbers): it must not outlive the read.
        for path in transcoded:
            path.unlink(missing_ok=True)


def _detect_delimiter(path: Path) -> str:
    """`;` or `,`, whichever the header line holds more of (`;` on a tie: the Flemish Excel default)."""
    with path.open(encoding="utf-8", newline="") as handle:
        for line in handle:
            if line.strip():
                return "," if line.count(",") > line.count(";") else ";"
    return ";"


def _read_sheet(con: duckdb.DuckDBPyConnection, source: Source, entry: FileEntry) -> None:
    """Excel: the first sheet (or the source's named sheet), every cell as text per the contract."""
    entry.rejection = check_workbook(entry.file.path)
    if entry.rejection:
        return
    try:
        workbook = CalamineWorkbook.from_path(str(entry.file.path))
        names = workbook.sheet_names
        if source.sheet and source.sheet not in names:
            entry.rejection = Rejection("file_unreadable", f"Werkblad '{source.sheet}' ontbreekt.")
            return
        rows = workbook.get_sheet_by_name(source.sheet or names[0]).to_python(skip_empty_area=False)
    except Exception as exc:  # calamine raises several types for a damaged workbook
        entry.rejection = Rejection("file_unreadable", f"Geen leesbaar Excel-bestand ({type(exc).__name__}).")
        return
    records = [(number, [cell_text(c) for c in row]) for number, row in enumerate(rows, start=1)]
    records = [(n, _trim_trailing_empty(cells)) for n, cells in records if any(c not in (None, "") for c in cells)]
    if source.header_marker:
        header_at = next(
            (
                i
                for i, (n, cells) in enumerate(records)
                if n <= MAX_TITLE_ROWS + 1 and cells and (cells[0] or "").strip().lower() == source.header_marker
            ),
            None,
        )
        if header_at is None:
            entry.rejection = Rejection(
                "missing_column", f"Geen koprij met '{source.header_marker}' in de eerste {MAX_TITLE_ROWS + 1} rijen."
            )
            return
        records = records[header_at:]
    # Excel drops trailing empty cells; a row is malformed only when it holds more cells than the header.
    width = len(records[0][1]) if records else 0
    records = [(n, cells + [None] * (width - len(cells))) for n, cells in records]
    frame = pd.DataFrame(
        {
            "file": entry.file.name,
            "line": [n for n, _ in records],
            "is_header": [index == 0 for index in range(len(records))],
            "fields": [cells for _, cells in records],
            "text": None,
        }
    )
    con.register("sheet_frame", frame)
    con.execute("INSERT INTO records SELECT file, line, is_header, fields, text FROM sheet_frame")
    con.unregister("sheet_frame")


def _trim_trailing_empty(cells: list[str | None]) -> list[str | None]:
    """Excel pads rows to the sheet's used width; those empty cells are not fields of the row."""
    end = len(cells)
    while end and cells[end - 1] in (None, ""):
        end -= 1
    return cells[:end]


def cell_text(value: object) -> str | None:
    """An Excel cell as the text the contract reads: dates ISO, whole numbers without decimals."""
    return _CELL_TEXT.get(type(value), str)(value)


def _float_text(value: float) -> str:
    # Positional, never `1e-05`: the contract's numbers have no exponent.
    return str(int(value)) if value.is_integer() else np.format_float_positional(value, trim="-")


# By exact type: a workbook has hundreds of thousands of cells, and an isinstance chain per cell shows.
_CELL_TEXT = {
    type(None): lambda value: None,
    str: lambda value: value or None,
    bool: lambda value: "true" if value else "false",
    int: str,
    float: _float_text,
    dt.datetime: lambda value: value.date().isoformat(),
    dt.date: lambda value: value.isoformat(),
}


def map_headers(con: duckdb.DuckDBPyConnection, source: Source, entries: list[FileEntry]) -> None:
    """Match each file's header to the contract; reject files missing a required column.

    Leaves TEMP table `layout` with, per read file, the 1-based position of each contract column.
    """
    headers = dict(con.execute("SELECT file, fields FROM records WHERE is_header").fetchall())
    counts = dict(con.execute("SELECT file, count(*) - 1 FROM records GROUP BY file").fetchall())
    layout = []
    for entry in entries:
        if entry.rejection:
            continue
        name = entry.file.name
        if name not in headers:
            entry.rejection = Rejection("file_unreadable", "Leeg bestand: geen koprij en geen gegevens.")
            continue
        raw_header = headers[name]
        if raw_header is None:
            entry.rejection = Rejection("file_unreadable", "Koprij onleesbaar (aanhalingstekens niet afgesloten).")
            continue
        header = [(h or "").strip().lower() for h in raw_header]
        entry.header = header
        positions: dict[str, int] = {}
        for index, column in enumerate(header, start=1):
            positions.setdefault(column, index)
        missing = sorted(source.required - positions.keys())
        if missing:
            entry.rejection = Rejection(
                "missing_column", f"Verplichte kolom(men) ontbreken: {', '.join(missing)}.", rows_received=counts[name]
            )
            continue
        extras = _extra_columns(source, header, positions)
        entry.extra_columns = [c for _, c in extras]
        layout.append(
            {
                "file": name,
                "header_len": len(header),
                **{f"pos_{c}": positions.get(c) for c in source.columns},
                "extra_pos": [i for i, _ in extras],
                "extra_names": [c for _, c in extras],
            }
        )
    frame = pd.DataFrame(
        layout, columns=["file", "header_len", *[f"pos_{c}" for c in source.columns], "extra_pos", "extra_names"]
    )
    con.register("layout_frame", frame)
    run_step(con, "layout", source=source)
    con.unregister("layout_frame")


def _extra_columns(source: Source, header: list[str], positions: dict[str, int]) -> list[tuple[int, str]]:
    """Position and name of each column the contract does not read, a repeated contract column included.

    The raw layer keeps these in a map, whose keys must differ: an unnamed column is called `kolom_<position>`
    and a name already taken (a repeat, also after lower-casing) gets `_<position>` added.
    """
    extras = []
    taken = set(source.columns)
    for index, column in enumerate(header, start=1):
        if column in source.columns and positions[column] == index:
            continue
        name = column or f"kolom_{index}"
        while name in taken:
            name = f"{name}_{index}"
        taken.add(name)
        extras.append((index, name))
    return extras


def write_manifest(con: duckdb.DuckDBPyConnection, source: Source, entries: Iterable[FileEntry]) -> None:
    frame = pd.DataFrame(
        [e.as_row(source) for e in entries],
        columns=[
            "source",
            "file",
            "kind",
            "size_bytes",
            "encoding",
            "delimiter",
            "status",
            "reason",
            "message",
            "rejected_rows",
            "header",
            "extra_columns",
            "shape",
        ],
    )
    con.register("manifest_frame", frame)
    run_step(con, "manifest", source=source)
    con.unregister("manifest_frame")
