"""Writing landing files byte-for-byte reproducibly: CSV text, Excel workbooks and JSON credentials."""

import io
import json
import re
import zipfile
from collections.abc import Iterable, Sequence
from pathlib import Path

import numpy as np
import openpyxl
import pandas as pd

from .formatting import FileStyle
from .period import TODAY

_ZIP_TIMESTAMP = (TODAY.year, TODAY.month, TODAY.day, 0, 0, 0)
_DOCUMENT_DATES = re.compile(r"(<dcterms:(?:created|modified)[^>]*>)[^<]*<")


def _render_rows(frame: pd.DataFrame, delimiter: str) -> list[str]:
    if frame.empty:
        return []
    text = frame.to_csv(sep=delimiter, header=False, index=False, lineterminator="\n")
    return text.split("\n")[:-1]


def write_csv(
    path: Path,
    cells: pd.DataFrame,
    style: FileStyle,
    malformed: np.ndarray | None = None,
    blank_after: Sequence[int] = (),
) -> int:
    """Write the whole frame in one pandas call; returns the number of data rows.

    `malformed` marks rows written with one field too few (even occurrences) or one too many (odd);
    `blank_after` lists data-row positions followed by an empty line (len(cells) = at the end).
    """
    lines = _render_rows(cells, style.delimiter)
    if malformed is not None and malformed.any():
        rows = np.flatnonzero(malformed)
        broken = cells.iloc[rows]
        too_few = _render_rows(broken.iloc[0::2, :-1], style.delimiter)
        too_many = [
            line + style.delimiter + line.rsplit(style.delimiter, 1)[-1]
            for line in _render_rows(broken.iloc[1::2], style.delimiter)
        ]
        for position, line in zip(rows[0::2], too_few, strict=True):
            lines[position] = line
        for position, line in zip(rows[1::2], too_many, strict=True):
            lines[position] = line
    for position in sorted(blank_after, reverse=True):
        lines.insert(position + 1, "")
    header = [c.upper() if style.upper_header else c for c in cells.columns]
    text = "\n".join([style.delimiter.join(header), *lines]) + "\n"
    if style.newline != "\n":
        text = text.replace("\n", style.newline)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(text.encode(style.encoding))
    return len(cells)


def write_xlsx(path: Path, sheet: str, rows: Iterable[Sequence[object]]) -> None:
    """A one-sheet workbook with typed cells (dates, numbers, booleans), written by openpyxl.

    openpyxl stamps the zip entries and the document's modified date with the current time; both are
    replaced by a fixed stamp so that the same seed gives byte-identical files.
    """
    workbook = openpyxl.Workbook(write_only=True)
    worksheet = workbook.create_sheet(sheet)
    for row in rows:
        worksheet.append([None if isinstance(v, float) and np.isnan(v) else v for v in row])
    buffer = io.BytesIO()
    workbook.save(buffer)
    path.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(buffer) as built, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as fixed:
        for entry in built.infolist():
            content = built.read(entry)
            if entry.filename == "docProps/core.xml":
                content = _DOCUMENT_DATES.sub(rf"\g<1>{TODAY.isoformat()}T00:00:00Z<", content.decode()).encode()
            fixed.writestr(zipfile.ZipInfo(entry.filename, date_time=_ZIP_TIMESTAMP), content, zipfile.ZIP_DEFLATED)


def write_json(path: Path, document: object) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(document, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
