"""The quarterly monitoring report: `data/reports/YYYY-Qn/rapport.html` and `indicatoren.xlsx`.

The first time a quarter is reported, the published numbers it needs are frozen into the quarter's
folder (`cijfers.duckdb`, aggregates only). Every later rerun of that quarter renders from the frozen
numbers, so a report, once sent, never changes silently; the previous quarter's frozen numbers give
the change versus the previous report.
"""

from __future__ import annotations

import html
from datetime import UTC, date, datetime
from pathlib import Path

import duckdb
import pandas as pd

from dashboards.data import belgian_date, count, shown
from dashboards.pages.overview import HEADLINES
from pipelines.formatting import belgian, suppression_note
from pipelines.publication import WORKBOOK_NAME, replace_file, write_workbook

SNAPSHOT = "cijfers.duckdb"
FROZEN_TABLES = (
    "marts.indicator_values",
    "marts.indicator_catalogue",
    "marts.report_period",
    # The Dutch names of breakdowns and units, for the workbook (pipelines/publication.py write_workbook).
    "ref.codes",
    "ref.dimension_labels",
    "dq.sources",
)


def quarter_label(partition_start: str) -> str:
    """`2026-10-01` (the first day of a quarter) -> `2026-Q4`."""
    day = date.fromisoformat(partition_start)
    return f"{day.year}-Q{(day.month - 1) // 3 + 1}"


def previous_quarter(quarter: str) -> str:
    year, number = int(quarter[:4]), int(quarter[-1])
    return f"{year - 1}-Q4" if number == 1 else f"{year}-Q{number - 1}"


def freeze(warehouse: Path, folder: Path, quarter: str, run_id: str, min_cell: int) -> Path:
    """Copy the numbers of the report into the quarter's folder, once."""
    snapshot = folder / SNAPSHOT
    if snapshot.exists():
        return snapshot
    return replace_file(snapshot, run_id, lambda path: _write_snapshot(path, warehouse, quarter, run_id, min_cell))


def _write_snapshot(building: Path, warehouse: Path, quarter: str, run_id: str, min_cell: int) -> None:
    with duckdb.connect(str(building)) as con:
        con.execute(f"ATTACH '{warehouse}' AS published (READ_ONLY)")
        for table in FROZEN_TABLES:
            schema = table.split(".")[0]
            con.execute(f"CREATE SCHEMA IF NOT EXISTS {schema}")
            con.execute(f"CREATE TABLE {table} AS SELECT * FROM published.{table}")
        con.execute(
            "CREATE TABLE dq.checks AS SELECT severity, count(*) FILTER (success) AS passed, "
            "count(*) FILTER (NOT success) AS failed, "
            "list(description ORDER BY suite, expectation) FILTER (NOT success) AS failed_checks "
            "FROM published.dq.expectations "
            "WHERE run_id = (SELECT run_id FROM published.dq.expectations ORDER BY checked_at DESC LIMIT 1) "
            "GROUP BY severity"
        )
        con.execute(
            "CREATE TABLE main.report AS SELECT $1 AS quarter, $2::TIMESTAMP AS frozen_at, $3 AS run_id, "
            "$4::INTEGER AS min_cell",
            [quarter, datetime.now(UTC).replace(tzinfo=None), run_id, min_cell],
        )


def headline(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    return (
        con.execute(
            """SELECT v.indicator_id, c.name_nl, v.value, v.unit, v.suppressed
           FROM marts.indicator_values v JOIN marts.indicator_catalogue c USING (indicator_id)
           WHERE v.dimension = 'total' AND v.year = (SELECT report_year FROM marts.report_period)"""
        )
        .fetchdf()
        .set_index("indicator_id")
    )


def render_report(folder: Path, reports_dir: Path, run_id: str) -> list[Path]:
    quarter = folder.name
    with duckdb.connect(str(folder / SNAPSHOT), read_only=True) as con:
        period = con.execute("SELECT * FROM marts.report_period").fetchdf().iloc[0]
        frozen_at, min_cell = con.execute("SELECT frozen_at, min_cell FROM main.report").fetchall()[0]
        current = headline(con)
        spots = con.execute(
            """SELECT v.dimension_value, l.label_nl FROM marts.indicator_values v
               LEFT JOIN ref.dimension_labels l USING (dimension, dimension_value)
               WHERE v.indicator_id = 'gap_white_spot' AND v.value = 1 ORDER BY v.dimension_value"""
        ).fetchall()
        sources = con.execute("SELECT * FROM dq.sources").fetchdf()
        checks = con.execute("SELECT * FROM dq.checks ORDER BY severity").fetchdf()
        workbook = replace_file(folder / WORKBOOK_NAME, run_id, lambda path: write_workbook(con, path, min_cell))
    previous_snapshot = reports_dir / previous_quarter(quarter) / SNAPSHOT
    previous = None
    if previous_snapshot.exists():
        with duckdb.connect(str(previous_snapshot), read_only=True) as con:
            previous = headline(con)
    page = _html(quarter, period, frozen_at, min_cell, current, previous, spots, sources, checks)
    report = replace_file(folder / "rapport.html", run_id, lambda path: path.write_text(page, encoding="utf-8"))
    return [report, workbook]


def _change(indicator: str, current: pd.DataFrame, previous: pd.DataFrame | None) -> str:
    if previous is None or indicator not in previous.index or indicator not in current.index:
        return "geen vorig rapport"
    now, before = current.loc[indicator], previous.loc[indicator]
    if now["suppressed"] or before["suppressed"]:
        return "verborgen"
    difference = now["value"] - before["value"]
    sign = "+" if difference >= 0 else "−"
    if now["unit"] == "percent":
        return f"{sign}{belgian(abs(difference), 1)} procentpunt"
    return f"{sign}{belgian(abs(difference), 2 if now['unit'] == 'per_1000' else 0)}"


def _html(quarter, period, frozen_at, min_cell, current, previous, spots, sources, checks) -> str:
    def row(indicator: str) -> str:
        if indicator not in current.index:
            return ""
        r = current.loc[indicator]
        value = shown(r["value"], r["unit"], r["suppressed"])
        return (
            f"<tr><td>{html.escape(r['name_nl'])}</td><td class=num>{html.escape(value)}</td>"
            f"<td class=num>{html.escape(_change(indicator, current, previous))}</td></tr>"
        )

    incomplete = (
        ""
        if period["is_complete"]
        else (
            f"<p class=banner>Het rapportjaar {int(period['report_year'])} is niet volledig: gegevens t.e.m. "
            f"{belgian_date(period['data_through'])}.</p>"
        )
    )
    spot_list = (
        "".join(f"<li>{html.escape(label or code)}</li>" for code, label in spots) or "<li>Geen witte vlekken.</li>"
    )
    source_rows = "".join(
        "<tr><td>"
        + html.escape(s.source_label)
        + "</td>"
        + "".join(
            f"<td class=num>{count(v)}</td>"
            for v in (
                s.files,
                s.files_rejected,
                s.rows_received,
                s.rows_loaded,
                s.rows_quarantined,
                s.rows_duplicate,
                # A report frozen before the column existed shows it empty.
                getattr(s, "rows_in_rejected_files", None),
            )
        )
        + f"<td>{'ontbreekt' if s.is_missing else 'sluit' if s.reconciles else 'sluit niet'}</td></tr>"
        for s in sources.itertuples()
    )
    check_text = "; ".join(
        f"{c.severity}: {c.passed} geslaagd, {c.failed} gefaald" + _failed_checks(c) for c in checks.itertuples()
    )
    return REPORT.format(
        quarter=quarter,
        year=int(period["report_year"]),
        frozen=frozen_at.strftime("%d/%m/%Y"),
        suppression=html.escape(suppression_note(min_cell)),
        incomplete=incomplete,
        headline="".join(row(i) for i in HEADLINES),
        spots=spot_list,
        sources=source_rows,
        checks=html.escape(check_text or "geen controles"),
    )


def _failed_checks(severity_row) -> str:
    """Which checks of a severity failed, as their descriptions (a report frozen before they were kept names none)."""
    failed = getattr(severity_row, "failed_checks", None)  # a list, or missing when none failed
    return f" ({' '.join(failed)})" if pd.api.types.is_list_like(failed) and len(failed) else ""


REPORT = """<!DOCTYPE html>
<html lang="nl-BE">
<head><meta charset="utf-8"><title>Monitoringrapport microcredentials {quarter}</title>
<style>
body {{ font-family: "Segoe UI", Helvetica, Arial, sans-serif; max-width: 60rem; margin: 2rem auto; color: #1d1d1b; }}
h1 {{ color: #0072B2; }} table {{ border-collapse: collapse; width: 100%; margin: 0.5rem 0 1.5rem; }}
th, td {{ border-bottom: 1px solid #d9d9d9; padding: 0.3rem 0.5rem; text-align: left; }}
.num {{ text-align: right; }} .banner {{ background: #fff4d6; border-left: 4px solid #E69F00; padding: 0.6rem 1rem; }}
.note {{ color: #6b6b6b; font-size: 0.85rem; }}
</style></head>
<body>
<h1>Monitoringrapport microcredentials Vlaanderen — {quarter}</h1>
<p>Rapportjaar {year}. Cijfers vastgelegd op {frozen}; een nieuwe aanmaak van dit kwartaal toont dezelfde cijfers.</p>
{incomplete}
<h2>Kerncijfers</h2>
<table><thead><tr><th>indicator</th><th class=num>waarde</th><th class=num>verschil met vorig rapport</th></tr></thead>
<tbody>{headline}</tbody></table>
<p class=note>{suppression}
Definities: marts.indicator_catalogue en indicatoren.xlsx.</p>
<h2>Witte vlekken</h2>
<p>Beroepsgroepen met hoge arbeidsmarktdruk, minstens één knelpuntberoep en weinig uitreikingen:</p>
<ul>{spots}</ul>
<h2>Datakwaliteit</h2>
<table><thead><tr><th>bron</th><th class=num>bestanden</th><th class=num>geweigerd</th><th class=num>ontvangen</th>
<th class=num>ingeladen</th><th class=num>quarantaine</th><th class=num>dubbel</th>
<th class=num>in geweigerde bestanden</th><th>status</th></tr></thead>
<tbody>{sources}</tbody></table>
<p class=note>Rijen per bron: ontvangen = ingeladen + quarantaine + dubbel + in geweigerde bestanden.</p>
<p>Controles: {checks}.</p>
</body>
</html>
"""
