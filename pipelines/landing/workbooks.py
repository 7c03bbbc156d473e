"""A guard before the Excel reader: a workbook that would not fit in memory is refused unread.

calamine (python-calamine) unpacks a sheet whole and allocates it as one rectangle from A1 to its
farthest cell, so a zip bomb or a single far-away cell would take the process down. The zip directory
and the cell references tell this before anything is unpacked into the reader.
"""

from __future__ import annotations

import html
import re
import zipfile
from pathlib import Path

from pipelines.landing.files import Rejection

# An Excel file is a zip archive and calamine unpacks a sheet whole, in memory. A workbook declaring
# more than this unpacked is refused unread: a zip bomb, and far beyond any workbook a source sends.
MAX_UNPACKED_BYTES = 256 * 1024 * 1024
# calamine holds a sheet as one rectangle from A1 to its farthest cell: a single cell at XFD1048576, in a
# workbook of 17 kB, asks for 17 billion cells and the process aborts. Refused beyond this many; the
# largest workbook a source sends (the projections) has about 220 000.
MAX_SHEET_CELLS = 10_000_000
# Start tags of rows and cells in any XML part (an attribute value may hold a `>`), and their reference.
ROW_OR_CELL = re.compile(rb"""<(?:[^\s<>/:]+:)?(row|c)(?=[\s/>])((?:[^>"']|"[^"]*"|'[^']*')*)>""")
REFERENCE = re.compile(rb"""(?:^|\s)r\s*=\s*(?:"([^"]*)"|'([^']*)')""")
CELL_REFERENCE = re.compile(rb"([A-Za-z]+)(\d+)")
# The common case, checked without a Python loop per cell: every cell tag is `<c r="..."` as Excel and
# openpyxl write it. Any other spelling of a cell tag (a prefix, other whitespace) takes the exact scan.
PLAIN_CELL_TAGS = (b"<c ", b"<c>", b"<c/")
OTHER_CELL_TAGS = (b":c", b"<c\t", b"<c\n", b"<c\r")
PLAIN_REFERENCE = re.compile(rb'<c r="([A-Z]{1,3})([0-9]{1,7})"')


def check_workbook(path: Path) -> Rejection | None:
    """Refuse a workbook calamine cannot read within memory: more than MAX_UNPACKED_BYTES unpacked, judged
    from the zip directory alone, or a sheet reaching beyond MAX_SHEET_CELLS cells.

    The sizes the directory declares bind: reading a part (here, and in calamine) stops with an error
    where a part runs past its declared size.
    """
    try:
        with zipfile.ZipFile(path) as archive:
            unpacked = sum(member.file_size for member in archive.infolist())
            if unpacked > MAX_UNPACKED_BYTES:
                mib = 1024 * 1024
                return Rejection(
                    "file_unreadable",
                    f"Excel-bestand pakt uit tot {unpacked // mib} MB, meer dan de aanvaarde "
                    f"{MAX_UNPACKED_BYTES // mib} MB (zipbom?): niet ingeladen.",
                )
            extents = [_extent(archive.read(name)) for name in archive.namelist()]
            rows, columns = max(extents, key=lambda extent: extent[0] * extent[1], default=(0, 0))
    except Exception as exc:  # zipfile raises several types for a damaged archive, the scan ValueError
        return Rejection("file_unreadable", f"Geen leesbaar Excel-bestand ({type(exc).__name__}).")
    if rows * columns > MAX_SHEET_CELLS:
        return Rejection(
            "file_unreadable",
            f"Een werkblad reikt tot rij {rows}, kolom {columns}: meer dan {MAX_SHEET_CELLS // 1_000_000} miljoen "
            "cellen, niet ingeladen.",
        )
    return None


def _extent(part: bytes) -> tuple[int, int]:
    """Rows and columns calamine would allocate for one part, or an upper bound of them when it is small
    enough: when every cell has a plain reference, the farthest reference bounds calamine's extent (it
    leaves empty cells out), found in C rather than per cell in Python."""
    if any(tag in part for tag in OTHER_CELL_TAGS):
        return _farthest_cell(part)
    references = PLAIN_REFERENCE.findall(part)
    if len(references) == sum(part.count(tag) for tag in PLAIN_CELL_TAGS):
        rows = max((int(row) for _, row in references), default=0)
        columns = max((_column_number(letters) for letters in {letters for letters, _ in references}), default=0)
        if rows * columns <= MAX_SHEET_CELLS:
            return rows, columns
    return _farthest_cell(part)


def _farthest_cell(part: bytes) -> tuple[int, int]:
    """The last row and column holding a cell in one part of a workbook, every part scanned alike (a sheet
    may hide under any name). Cells are placed as calamine places them: by their reference `r`, or else in
    the row's row (its `r`, or the previous row's plus one) and the column after the previous cell's."""
    row = column = last_row = last_column = 0
    for tag, attributes in ROW_OR_CELL.findall(part):
        reference = REFERENCE.search(attributes)
        if reference:
            reference = reference.group(1) or reference.group(2)
            if b"&" in reference:  # a character reference, e.g. &#88; for X
                reference = html.unescape(reference.decode("utf-8", "replace")).encode()
        if tag == b"row":
            row, column = (int(reference) if reference else row + 1), 0
            continue
        if not reference:
            column, cell_row = column + 1, row
        elif cell := CELL_REFERENCE.fullmatch(reference):
            column, cell_row = _column_number(cell.group(1)), int(cell.group(2))
        else:
            raise ValueError(f"celverwijzing {reference!r}")
        if not attributes.endswith(b"/"):  # calamine leaves out a cell without content (`<c r="Z9" s="1"/>`)
            last_row, last_column = max(last_row, cell_row), max(last_column, column)
    return last_row, last_column


def _column_number(letters: bytes) -> int:
    number = 0
    for letter in letters.upper():
        number = number * 26 + letter - ord("A") + 1
    return number
