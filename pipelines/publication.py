"""What the analysts get: the published tables (models/published.yml), their Dutch comments and exports."""

from __future__ import annotations

import os
import re
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import duckdb
import yaml
from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.utils import get_column_letter

from pipelines.formatting import suppression_note
from pipelines.settings import MODELS_DIR

PUBLISHED_SPEC = MODELS_DIR / "published.yml"
WORKBOOK_NAME = "indicatoren.xlsx"
SHEETS = {
    "aanbod": "Aanbod",
    "transparantie": "Transparantie",
    "deelname": "Deelname",
    "vaardigheidskloof": "Vaardigheidskloof",
}
# Spreadsheet programs run a cell that starts with one of these as a formula (OWASP "CSV injection").
FORMULA_START = re.compile(r"^[=+\-@\t\r]")


@dataclass(frozen=True)
class PublishedTable:
    schema: str
    table: str
    comment: str
    labels: dict[str, str]
    column_comments: dict[str, str]
    # Columns holding codes of a list in ref.codes (`codes:` in published.yml): a blocking check holds them to it.
    code_lists: dict[str, str]
    # A query building the published table when it is not an asset of its own (dq.expectations).
    source: str | None = None

    @property
    def name(self) -> str:
        return f"{self.schema}.{self.table}"


@cache
def published_tables() -> tuple[PublishedTable, ...]:
    spec = yaml.safe_load(PUBLISHED_SPEC.read_text(encoding="utf-8"))
    tables = []
    for name, entry in spec.items():
        schema, table = name.split(".")
        columns = entry["columns"]
        tables.append(
            PublishedTable(
                schema=schema,
                table=table,
                comment=entry["comment"],
                labels={column: c["label"] for column, c in columns.items()},
                column_comments={column: c["comment"] for column, c in columns.items()},
                code_lists={column: c["codes"] for column, c in columns.items() if "codes" in c},
                source=entry.get("source"),
            )
        )
    return tuple(tables)


def _quoted(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def copy_with_comments(con: duckdb.DuckDBPyConnection, target: str) -> None:
    """Copy every published table from `con`'s database into the attached database `target`, documented."""
    for spec in published_tables():
        con.execute(f"CREATE SCHEMA IF NOT EXISTS {target}.{spec.schema}")
        con.execute(f"CREATE TABLE {target}.{spec.name} AS {spec.source or f'SELECT * FROM {spec.name}'}")
        con.execute(f"COMMENT ON TABLE {target}.{spec.name} IS {_quoted(spec.comment)}")
        for column, comment in spec.column_comments.items():
            con.execute(f"COMMENT ON COLUMN {target}.{spec.name}.{column} IS {_quoted(comment)}")


def neutralise_formula(value: object) -> object:
    """Text that a spreadsheet would run as a formula gets a leading apostrophe; other values pass."""
    if isinstance(value, str) and FORMULA_START.match(value):
        return "'" + value
    return value


def _xml_text(value: object) -> object:
    """Text without the control characters XML, and so a workbook, cannot hold (openpyxl refuses them)."""
    return ILLEGAL_CHARACTERS_RE.sub("", value) if isinstance(value, str) else value


def replace_file(target: Path, run_id: str, write: Callable[[Path], object]) -> Path:
    """Write a file aside and move it into place with `os.replace`: a reader, or a crash at any moment,
    sees the old file or the new one, never half of one. An open reader keeps its old file."""
    target.parent.mkdir(parents=True, exist_ok=True)
    # Left by a killed run (DuckDB adds a .wal beside its file).
    for stale in target.parent.glob(f"{target.name}.*.tmp*"):
        stale.unlink()
    building = target.with_name(f"{target.name}.{run_id}.tmp")
    write(building)
    with building.open("rb") as handle:
        os.fsync(handle.fileno())
    os.replace(building, target)
    return target


def replace_directory(target: Path, run_id: str, build: Callable[[Path], list[Path]]) -> list[Path]:
    """Build a new version of the folder `target` aside and switch to it in one atomic step.

    `target` is a symbolic link to its current version in `<target>.versions/`. Replacing a link with
    `os.replace` is atomic, where swapping two folders takes two renames: a reader, or a crash at any
    moment, sees the old version or the new one, never none and never half of one. Versions other
    than the new one (the previous, or one a killed run left half-built) are removed afterwards.
    """
    versions = target.with_name(f"{target.name}.versions")
    building = versions / run_id
    versions.mkdir(parents=True, exist_ok=True)
    shutil.rmtree(building, ignore_errors=True)
    written = build(building)
    for stale in target.parent.glob(f"{target.name}.*.link"):
        stale.unlink()
    link = target.with_name(f"{target.name}.{run_id}.link")
    link.symlink_to(building.relative_to(target.parent), target_is_directory=True)
    if target.is_dir() and not target.is_symlink():
        # A folder published before versions existed: set aside once, removed below with the old versions.
        target.rename(versions / f"{target.name}.before-versions")
    os.replace(link, target)
    for old in versions.iterdir():
        if old != building:
            shutil.rmtree(old, ignore_errors=True)
    return [target / path.relative_to(building) for path in written]


FEEDBACK_HEADERS = [
    "bron",
    "bestand",
    "regel",
    "soort",
    "veld",
    "aangeleverde waarde",
    "reden",
    "uitleg",
    "INSZ (gemaskeerd)",
    "aangeleverde rij",
]


def write_feedback(con: duckdb.DuckDBPyConnection, target: Path) -> list[Path]:
    """One CSV per provider (or source) from staging.provider_feedback: `;`-separated, UTF-8 with BOM so
    spreadsheet programs open it, text a spreadsheet would run as a formula neutralised."""
    target.mkdir(parents=True)
    frame = con.execute(
        "SELECT recipient, source, file, line, kind, field, raw_value, reason, explanation, insz_masked, delivered_row "
        "FROM staging.provider_feedback"
    ).fetchdf()
    written = []
    for recipient, rows in frame.groupby("recipient", sort=True):
        rows = rows.drop(columns="recipient").map(neutralise_formula)
        rows.columns = FEEDBACK_HEADERS
        path = target / f"{recipient}.csv"
        rows.to_csv(path, sep=";", index=False, encoding="utf-8-sig")
        written.append(path)
    return written


def write_exports(warehouse: Path, target: Path, min_cell: int) -> list[Path]:
    """Parquet per published table and the Excel workbook, read from the published warehouse."""
    target.mkdir(parents=True)
    written = []
    with duckdb.connect(str(warehouse), read_only=True) as con:
        for spec in published_tables():
            path = target / "parquet" / f"{spec.name}.parquet"
            path.parent.mkdir(exist_ok=True)
            con.execute(f"COPY (SELECT * FROM {spec.name}) TO {_quoted(str(path))} (FORMAT parquet)")
            written.append(path)
        written.append(write_workbook(con, target / WORKBOOK_NAME, min_cell))
    return written


INDICATOR_SHEET_SQL = """
    SELECT v.indicator_id, c.name_nl, v.year, v.dimension, v.dimension_value, l.label_nl,
           v.numerator, v.denominator, v.value, v.unit, CASE WHEN v.suppressed THEN 'ja' ELSE 'nee' END
    FROM marts.indicator_values v
    JOIN marts.indicator_catalogue c USING (indicator_id)
    LEFT JOIN ref.dimension_labels l USING (dimension, dimension_value)
    WHERE c.indicator_group = $1
    ORDER BY v.indicator_id, v.year, v.dimension <> 'total', v.dimension, l.sort_order, v.dimension_value
"""
INDICATOR_HEADERS = [
    "indicator",
    "naam",
    "jaar",
    "opsplitsing",
    "waarde opsplitsing",
    "omschrijving",
    "teller",
    "noemer",
    "waarde",
    "eenheid",
    "verborgen",
]


def write_workbook(con: duckdb.DuckDBPyConnection, path: Path, min_cell: int) -> Path:
    workbook = Workbook()
    about = workbook.active
    about.title = "Lees mij"
    for line in (
        ["Indicatoren van de monitor microcredentials Vlaanderen"],
        [],
        ["Verborgen cellen"],
        [suppression_note(min_cell)],
        ["In de kolom 'verborgen' staat dan 'ja'; teller, noemer en waarde zijn leeg."],
        [],
        ["Definities van elke indicator: het blad Catalogus."],
    ):
        about.append(line)
    about.column_dimensions["A"].width = 120
    for group, title in SHEETS.items():
        rows = con.execute(INDICATOR_SHEET_SQL, [group]).fetchall()
        add_sheet(workbook, title, INDICATOR_HEADERS, rows, number_columns={"waarde": "#,##0.0"})
    catalogue = next(t for t in published_tables() if t.name == "marts.indicator_catalogue")
    rows = con.execute("SELECT * FROM marts.indicator_catalogue ORDER BY indicator_group, indicator_id").fetchall()
    columns = [d[0] for d in con.description]
    rows = [tuple("ja" if v is True else "nee" if v is False else v for v in row) for row in rows]
    add_sheet(workbook, "Catalogus", [catalogue.labels[c] for c in columns], rows, number_columns={})
    workbook.save(path)
    return path


def add_sheet(
    workbook: Workbook, title: str, headers: list[str], rows: list[tuple], number_columns: dict[str, str]
) -> None:
    sheet = workbook.create_sheet(title)
    sheet.append(headers)
    for row in rows:
        sheet.append([neutralise_formula(_xml_text(v)) for v in row])
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = sheet.dimensions
    for index, header in enumerate(headers, start=1):
        letter = get_column_letter(index)
        sheet.column_dimensions[letter].width = max(10, min(60, len(header) + 4))
        if header in number_columns:
            for cell in sheet[letter][1:]:
                cell.number_format = number_columns[header]
