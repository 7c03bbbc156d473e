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
import pandas as pd
import yaml
from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from pipelines.formatting import HIDDEN_VALUE, belgian, belgian_date, suppression_note
from pipelines.settings import MODELS_DIR
from pipelines.sql_templates import render

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
    spreadsheet programs open it, text a spreadsheet would run as a formula neutralised. Beside it, per provider,
    its scorecard (write_scorecards)."""
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
    return written + write_scorecards(con, target)


SCORECARD_HEADERS = ["onderdeel", "jaar", "kenmerk", "eenheid", "aanbieder", "alle aanbieders van het type"]
SCORECARD_PARTS = {
    1: "Aanbod en uitreikingen",
    2: "Standaardelementen",
    3: "Datakwaliteit van de laatste run",
}
SCORECARD_UNITS = {"count": "aantal", "percent": "%"}


def _scorecard_value(value: float | None, unit: str, hidden: bool) -> str:
    """A figure as the scorecard shows it: Belgian notation, a percentage with one decimal, "verborgen" when hidden;
    empty where there is no figure (a share without offers)."""
    if hidden:
        return HIDDEN_VALUE
    if value is None or pd.isna(value):
        return ""
    return belgian(value, 1 if unit == "percent" else 0)


def write_scorecards(con: duckdb.DuckDBPyConnection, target: Path) -> list[Path]:
    """`<KBO number>-scorekaart.csv` per provider, in the format of the feedback files: its offers and awards per year,
    its standard elements per year and its data-quality problems, each beside all providers
    of its type (models/marts/feedback/scorecard_rows.sql). Published figures only: a hidden cell says
    "verborgen", and the file holds no learner record."""
    frame = con.execute(render("marts/feedback/scorecard_rows.sql")).fetchdf()
    written = []
    for provider, rows in frame.groupby("provider_id", sort=True):
        table = pd.DataFrame(
            {
                "onderdeel": rows["part"].map(SCORECARD_PARTS),
                "jaar": rows["year"].map(lambda y: "" if pd.isna(y) else str(int(y))),
                "kenmerk": rows["item"],
                "eenheid": rows["unit"].map(SCORECARD_UNITS),
                "aanbieder": [
                    _scorecard_value(*r) for r in zip(rows["value"], rows["unit"], rows["hidden"], strict=True)
                ],
                "alle aanbieders van het type": [
                    _scorecard_value(*r)
                    for r in zip(rows["type_value"], rows["unit"], rows["type_hidden"], strict=True)
                ],
            }
        ).map(neutralise_formula)
        path = target / f"{provider}-scorekaart.csv"
        table.to_csv(path, sep=";", index=False, encoding="utf-8-sig")
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


# How Excel shows a value of each unit (ref.codes, list unit). A percentage is stored as Excel stores one, as a
# fraction (46,5 % is 0,465), so that it calculates as one; Belgian notation puts a space before the %.
UNIT_FORMATS = {"count": "#,##0", "percent": "0.0 %", "per_1000": "#,##0.00", "flag": '"ja";"ja";"nee"'}
WHOLE_NUMBER = "#,##0"
# Units with a denominator (a share, a rate): a hidden cell hides it too. A count has none to hide.
RATIO_UNITS = ("percent", "per_1000")
# Column widths in characters: fitted to the longest text, within these bounds; longer text wraps.
MIN_WIDTH, MAX_WIDTH = 10, 60
BOLD = Font(bold=True)
WRAPPED = Alignment(wrap_text=True, vertical="top")

INDICATOR_SHEET_SQL = """
    SELECT v.indicator_id, c.name_nl, v.year, v.dimension, d.label_nl, v.dimension_value, l.label_nl,
           v.numerator, v.denominator, v.value, v.unit, u.label_nl, v.suppressed
    FROM marts.indicator_values v
    JOIN marts.indicator_catalogue c USING (indicator_id)
    LEFT JOIN ref.dimension_labels l USING (dimension, dimension_value)
    LEFT JOIN {codes} d ON d.list = 'dimension' AND d.code = v.dimension
    LEFT JOIN {codes} u ON u.list = 'unit' AND u.code = v.unit
    WHERE c.indicator_group = $1
    ORDER BY v.indicator_id, v.year, v.dimension <> 'total', d.sort_order, v.dimension, l.sort_order, v.dimension_value
"""
# The columns of an indicator sheet and what the "Lees mij" sheet says about each.
INDICATOR_COLUMNS = {
    "code indicator": "Code van de indicator, zoals in de databank (marts.indicator_values).",
    "naam": "Naam van de indicator; de definitie staat in het blad Catalogus.",
    "jaar": "Referentiejaar (kalenderjaar).",
    "code opsplitsing": "Code van de opsplitsing, zoals in de databank.",
    "opsplitsing": "Naam van de opsplitsing waarnaar de cijfers uitgesplitst zijn, of het totaal.",
    "code waarde opsplitsing": "Code van de groep binnen de opsplitsing, zoals in de databank.",
    "waarde opsplitsing": "De groep binnen de opsplitsing, in woorden.",
    "teller": "Teller van een aandeel of verhouding; bij een aantal het aantal zelf.",
    "noemer": "Noemer van een aandeel of verhouding; leeg bij een aantal of een ja/nee-indicator.",
    "waarde": "De waarde van de indicator, in de eenheid van de kolom eenheid (zie Getallen).",
    "eenheid": "Eenheid van de waarde.",
    "verborgen": "'ja' wanneer de cel verborgen is (zie Verborgen cellen), anders 'nee'.",
}
CATALOGUE_SQL = """
    SELECT c.indicator_id, c.name_nl, c.indicator_group, c.name_en, c.definition_nl, c.unit, u.label_nl,
           c.dimensions, c.advice_sections, c.suppressed, c.interpretation_nl, c.run_note_nl
    FROM marts.indicator_catalogue c
    LEFT JOIN {codes} u ON u.list = 'unit' AND u.code = c.unit
    ORDER BY c.indicator_id
"""
# A quarter's snapshot frozen before it held the code lists (dashboards/report.py) is rendered without the Dutch
# names of breakdowns and units: those cells stay empty rather than show a code.
NO_CODE_LISTS = (
    "(SELECT NULL::VARCHAR AS list, NULL::VARCHAR AS code, NULL::VARCHAR AS label_nl, 0 AS sort_order LIMIT 0)"
)


@dataclass(frozen=True)
class Number:
    """A number and the Excel number format it is shown in."""

    value: float | int
    number_format: str


def _whole(value: float) -> float | int:
    """43.0 -> 43: a count is stored as a whole number; an average (a projected need) keeps its decimals."""
    return int(value) if float(value).is_integer() else value


def _figure(value: float | None, number_format: str, hidden: bool) -> Number | str | None:
    if hidden:
        return HIDDEN_VALUE
    return None if value is None else Number(_whole(value), number_format)


def _indicator_value(value: float | None, unit: str, hidden: bool) -> Number | str | None:
    if unit == "percent" and value is not None and not hidden:
        return Number(value / 100, UNIT_FORMATS[unit])
    return _figure(value, UNIT_FORMATS.get(unit, "#,##0.0"), hidden)


def _indicator_row(row: tuple) -> tuple:
    (indicator, name, year, dimension, dimension_name, code, label, numerator, denominator, value, unit, unit_name,
     hidden) = row  # fmt: skip
    return (
        indicator,
        name,
        year,
        dimension,
        dimension_name,
        code,
        label,
        _figure(numerator, WHOLE_NUMBER, hidden),
        _figure(denominator, WHOLE_NUMBER, hidden and unit in RATIO_UNITS),
        _indicator_value(value, unit, hidden),
        unit_name,
        "ja" if hidden else "nee",
    )


def _has_table(con: duckdb.DuckDBPyConnection, schema: str, table: str) -> bool:
    return con.execute(
        "SELECT count(*) > 0 FROM duckdb_tables() WHERE database_name = current_database() "
        "AND schema_name = $1 AND table_name = $2",
        [schema, table],
    ).fetchone()[0]


def write_workbook(con: duckdb.DuckDBPyConnection, path: Path, min_cell: int) -> Path:
    """indicatoren.xlsx from the published warehouse, or from a quarter's frozen snapshot (the report's copy).

    "Lees mij" first, then a sheet per indicator group and the catalogue. Every code has its Dutch label
    beside it (ref.codes, ref.dimension_labels); numbers stay numbers, shown in their unit's format; a
    hidden cell reads "verborgen".
    """
    codes = "ref.codes" if _has_table(con, "ref", "codes") else NO_CODE_LISTS
    workbook = Workbook()
    about = workbook.active
    about.title = "Lees mij"
    for group, title in SHEETS.items():
        rows = con.execute(INDICATOR_SHEET_SQL.format(codes=codes), [group]).fetchall()
        add_sheet(workbook, title, list(INDICATOR_COLUMNS), [_indicator_row(row) for row in rows])
    catalogue = con.execute(CATALOGUE_SQL.format(codes=codes)).fetchall()
    order = list(SHEETS)
    catalogue.sort(key=lambda row: order.index(row[2]) if row[2] in order else len(order))  # as the sheets
    dimension_names = dict(con.execute(f"SELECT code, label_nl FROM {codes} WHERE list = 'dimension'").fetchall())
    add_sheet(workbook, "Catalogus", _catalogue_headers(), [_catalogue_row(row, dimension_names) for row in catalogue])
    _write_about(about, con, min_cell, catalogue)
    workbook.save(path)
    return path


def _catalogue_headers() -> list[str]:
    """The catalogue's labels of models/published.yml, a code column named "code <label>" beside its label."""
    label = next(t for t in published_tables() if t.name == "marts.indicator_catalogue").labels
    return [
        f"code {label['indicator_id']}",
        label["name_nl"],
        f"code {label['indicator_group']}",
        label["indicator_group"],
        label["name_en"],
        label["definition_nl"],
        f"code {label['unit']}",
        label["unit"],
        f"code {label['dimensions']}",
        label["dimensions"],
        label["advice_sections"],
        label["suppressed"],
        label["interpretation_nl"],
        label["run_note_nl"],
    ]


def _catalogue_row(row: tuple, dimension_names: dict[str, str]) -> tuple:
    (indicator, name, group, name_en, definition, unit, unit_name, dimensions, advice, suppressed, interpretation,
     note) = row  # fmt: skip
    codes = dimensions.split(", ") if dimensions else []
    names = ", ".join(dimension_names[c] for c in codes) if all(c in dimension_names for c in codes) else None
    return (
        indicator,
        name,
        group,
        SHEETS.get(group),
        name_en,
        definition,
        unit,
        unit_name,
        dimensions,
        names or None,
        advice,
        "ja" if suppressed else "nee",
        interpretation,
        note,
    )


def _write_about(sheet: Worksheet, con: duckdb.DuckDBPyConnection, min_cell: int, catalogue: list[tuple]) -> None:
    """The "Lees mij" sheet: what the workbook holds, the period, each sheet and column, and the hidden cells."""
    lines: list[tuple[str | None, str | None]] = [
        ("Indicatoren van de monitor microcredentials Vlaanderen", None),
        (
            None,
            "De indicatoren van de monitor per jaar en per opsplitsing: aantallen, aandelen en verhoudingen over "
            "het aanbod van microcredentials, de transparantie ervan (de EU-standaardelementen), de deelname en de "
            "vaardigheidskloof, zoals gepubliceerd in de databank (marts.indicator_values). Enkel geaggregeerde "
            "cijfers. De definitie van elke indicator staat in het blad Catalogus.",
        ),
    ]
    if _has_table(con, "marts", "report_period"):
        first, last, through, complete = con.execute(
            "SELECT first_year, report_year, data_through, is_complete FROM marts.report_period"
        ).fetchone()
        period = f"{first} tot en met {last}; gegevens t.e.m. {belgian_date(through)}"
        lines.append(("Periode", period + ("." if complete else f" (het rapportjaar {last} is nog niet volledig).")))
    lines += [(None, None), ("Bladen", None)]
    for group, title in SHEETS.items():
        names = [row[1] for row in catalogue if row[2] == group]
        lines.append((title, f"{len(names)} indicatoren, per jaar en per opsplitsing: {'; '.join(names)}."))
    lines.append(
        (
            "Catalogus",
            "Per indicator: naam, definitie (wat geteld wordt, in teller en noemer), eenheid, opsplitsingen, de "
            "onderdelen van het Vlor-advies waaraan ze bijdraagt, of kleine cellen verborgen worden en de gemaakte "
            "keuzes waar de definitie ruimte liet.",
        )
    )
    lines += [(None, None), ("Kolommen van de bladen per groep", None), *INDICATOR_COLUMNS.items()]
    lines += [
        (None, None),
        (
            "Getallen",
            "Elk cijfer staat als getal in het werkboek, niet afgerond: enkel de weergave rondt af. Aantallen "
            "staan zonder decimalen, percentages als Excel-percentage (46,5 % is in een formule 0,465), aantallen "
            "per 1000 met twee decimalen, een ja/nee-indicator als 1 (ja) of 0 (nee). Een lege cel betekent dat "
            "er geen getal is, bv. de noemer van een aantal.",
        ),
        (None, None),
        ("Verborgen cellen", suppression_note(min_cell)),
        (
            None,
            f"In dit werkboek staat in een verborgen cel '{HIDDEN_VALUE}': in de waarde, de teller en, bij een "
            "aandeel of verhouding, de noemer; de kolom verborgen zegt dan 'ja'.",
        ),
    ]
    for line in lines:
        sheet.append(line)
    sheet["A1"].font = Font(bold=True, size=14)
    for row in sheet.iter_rows(min_row=2):
        if row[0].value and row[1].value is None:
            row[0].font = BOLD  # a section's title
        for cell in row:
            cell.alignment = WRAPPED
    sheet.column_dimensions["A"].width = 32
    sheet.column_dimensions["B"].width = 100


def add_sheet(workbook: Workbook, title: str, headers: list[str], rows: list[tuple]) -> Worksheet:
    """A sheet as analysts want it: a bold header, frozen, with a filter; each column as wide as its longest
    text (MIN_WIDTH to MAX_WIDTH characters, longer text wraps); a `Number` in its number format; text that a
    spreadsheet would run as a formula neutralised."""
    sheet = workbook.create_sheet(title)
    sheet.append(headers)
    for cell in sheet[1]:
        cell.font = BOLD
    # A bold header with the filter's button beside it takes a few characters more.
    longest = [len(header) + 3 for header in headers]
    for number, row in enumerate(rows, start=2):
        sheet.append([v.value if isinstance(v, Number) else neutralise_formula(_xml_text(v)) for v in row])
        for index, value in enumerate(row):
            longest[index] = max(longest[index], _shown_length(value))
            if isinstance(value, Number):
                sheet.cell(number, index + 1).number_format = value.number_format
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = sheet.dimensions
    for index, length in enumerate(longest, start=1):
        letter = get_column_letter(index)
        sheet.column_dimensions[letter].width = max(MIN_WIDTH, min(MAX_WIDTH, length + 2))
        if length > MAX_WIDTH:
            for (cell,) in sheet.iter_rows(min_row=2, min_col=index, max_col=index):
                cell.alignment = WRAPPED
    return sheet


def _shown_length(value: object) -> int:
    """About how many characters a value takes in its cell."""
    if isinstance(value, Number):
        number = value.value * 100 if "%" in value.number_format else value.value
        return len(belgian(number, 2)) + 2
    if value is None:
        return 0
    return max((len(line) for line in str(value).splitlines()), default=0)
