"""The quarterly monitoring report: `data/reports/YYYY-Qn/rapport.html` and `indicatoren.xlsx`.

A report of quarter Q says "these are the figures as of Q's end". The published warehouse holds its
figures as of one date, `marts.report_period.data_through` (the last enrolment or award date, at most
31 December of the report year), and was published at one moment (the checks of the run that
published it, `dq.expectations`). It cannot be turned back to an earlier date: the landing zone keeps
only each record's current state (an enrolment's status, an offer's latest version, the latest
projection edition), so figures "as of the end of Q" cannot be recomputed later; a second, recomputed
version of a year's figures would also let hidden cells be derived from the difference between the two.
So a quarter is reported only when the warehouse holds what its label promises:

- **Refused** (`QuarterRefused`, one Dutch sentence; nothing is written) unless the figures end in Q
  (start of Q <= data_through <= end of Q) and are those of Q's year (report year = year of Q): figures
  after Q's end would show under Q's label, and before Q's start Q's own data are not there yet.
- **Final** when the warehouse was published after Q ended: the quarter is complete (everything
  delivered by then, nothing dated after its end). The figures are frozen into the quarter's folder
  (`cijfers.duckdb`, aggregates only); every later report of Q renders from them, whatever the warehouse
  holds then, so a report, once sent, never changes silently.
- **Provisional** ("voorlopig", on the page) when the warehouse was published before Q ended: its
  snapshot is replaced by each later report of Q, until the first one on a warehouse published after
  Q's end (with figures still ending in Q) freezes it. Once the figures run past Q's end a provisional
  report stays as it is, provisional.

The quarterly schedule asks for the quarter that just ended, an hour after the monthly refresh of that
morning: normally final. The page prints the cut-off ("Cijfers t.e.m."), the quarter's end and whether
the quarter is complete; the previous quarter's snapshot gives the change versus the previous report.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from enum import Enum
from pathlib import Path
from zoneinfo import ZoneInfo

import duckdb
import pandas as pd

from dashboards.data import count, shown
from dashboards.pages.overview import HEADLINES
from pipelines.formatting import belgian, belgian_date, suppression_note
from pipelines.publication import WORKBOOK_NAME, replace_file, write_workbook
from pipelines.settings import TIMEZONE

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
BRUSSELS = ZoneInfo(TIMEZONE)
# The overview's headline indicators, and those the report adds for the questions of the Vlor advice
# that issue 17 answers (kinds of credential and recognition: 4.1, 4.2.3, 5.3).
REPORT_HEADLINES = [*HEADLINES, "offer_share_recognised", "award_share_digital", "foreign_credentials"]
LATEST_RUN = "(SELECT run_id FROM {db}dq.expectations ORDER BY checked_at DESC LIMIT 1)"


class QuarterRefused(ValueError):
    """A quarter that cannot be reported honestly from the published warehouse; the message says why, in Dutch."""


class Status(Enum):
    """What a report of a quarter is; the value is how `mcmon report` says it."""

    FINAL = "definitief vastgelegd"
    PROVISIONAL = "voorlopig"
    FROZEN = "opnieuw opgemaakt uit de vastgelegde cijfers"


@dataclass(frozen=True, order=True)
class Quarter:
    year: int
    number: int

    @classmethod
    def parse(cls, label: str) -> Quarter:
        """`2026-Q3`, as users write it."""
        match = re.fullmatch(r"(\d{4})-Q([1-4])", label)
        if not match:
            raise ValueError(f"kwartaal {label!r}: gebruik JJJJ-Qn, bv. 2026-Q3")
        return cls(int(match[1]), int(match[2]))

    @classmethod
    def of(cls, day: date) -> Quarter:
        """The quarter `day` falls in; a partition key (the quarter's first day) gives its quarter."""
        return cls(day.year, (day.month - 1) // 3 + 1)

    @property
    def label(self) -> str:
        return f"{self.year}-Q{self.number}"

    @property
    def start(self) -> date:
        return date(self.year, 3 * self.number - 2, 1)

    @property
    def end(self) -> date:
        return self.next().start - timedelta(days=1)

    @property
    def partition_key(self) -> str:
        return self.start.isoformat()

    def next(self) -> Quarter:
        return Quarter(self.year + 1, 1) if self.number == 4 else Quarter(self.year, self.number + 1)

    def previous(self) -> Quarter:
        return Quarter(self.year - 1, 4) if self.number == 1 else Quarter(self.year, self.number - 1)


@dataclass(frozen=True)
class Cutoff:
    """What a warehouse (or a snapshot) says about time."""

    data_through: date | None
    report_year: int | None
    published_at: datetime | None  # UTC: the first check of the run that published the warehouse

    @property
    def published_on(self) -> date | None:
        return None if self.published_at is None else _brussels(self.published_at).date()


def read_cutoff(con: duckdb.DuckDBPyConnection, db: str = "") -> Cutoff:
    """The cut-off of the published warehouse open in `con` (attached as `db`, e.g. "published.")."""
    data_through, report_year = con.execute(
        f"SELECT data_through, report_year FROM {db}marts.report_period"
    ).fetchone() or (None, None)
    (published_at,) = con.execute(
        f"SELECT min(checked_at) FROM {db}dq.expectations WHERE run_id = {LATEST_RUN.format(db=db)}"
    ).fetchone()
    return Cutoff(data_through, report_year, published_at)


def check_quarter(quarter: Quarter, cutoff: Cutoff) -> bool:
    """Whether a report of `quarter` on figures with this cut-off is provisional (True) or final (False);
    raises QuarterRefused when they are not the quarter's (the module's docstring gives the rule)."""
    through = cutoff.data_through
    name, end = f"Kwartaal {quarter.label}", belgian_date(quarter.end)
    if through is None or cutoff.report_year is None:
        raise QuarterRefused(
            f"{name} kan niet opgemaakt worden: het gepubliceerde datawarehouse bevat nog geen aanbod, inschrijvingen "
            "of uitreikingen; voer eerst `mcmon run` uit."
        )
    if through > quarter.end:
        raise QuarterRefused(
            f"{name} kan niet meer opgemaakt worden: de gepubliceerde cijfers lopen t.e.m. {belgian_date(through)}, "
            f"na het einde van het kwartaal ({end}), en een kwartaalrapport toont geen cijfers van na zijn kwartaal; "
            f"`mcmon report` maakt het rapport van {Quarter.of(through).label}, het kwartaal van deze cijfers."
        )
    if through < quarter.start:
        raise QuarterRefused(
            f"{name} kan nog niet opgemaakt worden: de gepubliceerde cijfers lopen t.e.m. {belgian_date(through)}, "
            f"vóór het begin van het kwartaal ({belgian_date(quarter.start)}); voer eerst `mcmon run` uit op de "
            "leveringen van dit kwartaal."
        )
    if cutoff.report_year != quarter.year:
        raise QuarterRefused(
            f"{name} kan niet opgemaakt worden: de gepubliceerde cijfers lopen t.e.m. {belgian_date(through)}, maar "
            f"hun rapportjaar is {cutoff.report_year} en niet {quarter.year}; voer `mcmon run` opnieuw uit met "
            f"MCMON_REPORT_YEAR={quarter.year} of zonder MCMON_REPORT_YEAR."
        )
    # Published on the quarter's last day or earlier, the quarter was still running: more may come.
    return cutoff.published_on is None or cutoff.published_on <= quarter.end


def default_quarter(warehouse: Path) -> Quarter:
    """The quarter the published figures end in: the one report that can show them as they are."""
    with _open(warehouse) as con:
        through = read_cutoff(con).data_through
    if through is None:
        raise ValueError("het gepubliceerde datawarehouse bevat nog geen cijfers: voer eerst `mcmon run` uit")
    return Quarter.of(through)


def plan(warehouse: Path, reports_dir: Path, quarter: Quarter) -> Status:
    """What reporting `quarter` would do now, without writing anything; raises QuarterRefused."""
    snapshot = reports_dir / quarter.label / SNAPSHOT
    if snapshot.exists():
        with duckdb.connect(str(snapshot), read_only=True) as con:
            if not _facts(con)["provisional"]:
                return Status.FROZEN
    with _open(warehouse) as con:
        cutoff = read_cutoff(con)
    try:
        return Status.PROVISIONAL if check_quarter(quarter, cutoff) else Status.FINAL
    except QuarterRefused as refused:
        if snapshot.exists():
            raise QuarterRefused(f"{refused} Het voorlopige rapport van {quarter.label} blijft zoals het is.") from None
        raise


def report_quarter(warehouse: Path, reports_dir: Path, quarter: Quarter, run_id: str, min_cell: int) -> Status:
    """Report `quarter` into `reports_dir/YYYY-Qn/`: from its frozen numbers, or from the published warehouse
    when the rule allows (then frozen, or kept provisional); raises QuarterRefused, writing nothing."""
    folder = reports_dir / quarter.label
    status = plan(warehouse, reports_dir, quarter)
    if status is Status.FROZEN:
        render_report(folder, reports_dir, run_id)
        return status
    replace_file(folder / SNAPSHOT, run_id, lambda path: _write_snapshot(path, warehouse, quarter, run_id, min_cell))
    return render_report(folder, reports_dir, run_id)


def _open(warehouse: Path) -> duckdb.DuckDBPyConnection:
    if not warehouse.exists():
        raise ValueError(f"{warehouse} bestaat nog niet: voer eerst `mcmon run` uit")
    return duckdb.connect(str(warehouse), read_only=True)


def _write_snapshot(building: Path, warehouse: Path, quarter: Quarter, run_id: str, min_cell: int) -> None:
    with duckdb.connect(str(building)) as con:
        con.execute(f"ATTACH '{warehouse}' AS published (READ_ONLY)")
        # Checked again on what is copied: a run may have published another warehouse since `plan`.
        cutoff = read_cutoff(con, "published.")
        provisional = check_quarter(quarter, cutoff)
        for table in FROZEN_TABLES:
            schema = table.split(".")[0]
            con.execute(f"CREATE SCHEMA IF NOT EXISTS {schema}")
            con.execute(f"CREATE TABLE {table} AS SELECT * FROM published.{table}")
        con.execute(
            "CREATE TABLE dq.checks AS SELECT e.severity, any_value(c.label_nl) AS severity_label, "
            "count(*) FILTER (success) AS passed, count(*) FILTER (NOT success) AS failed, "
            "list(e.description ORDER BY e.suite, e.expectation) FILTER (NOT success) AS failed_checks "
            "FROM published.dq.expectations e "
            "LEFT JOIN published.ref.codes c ON c.list = 'check_severity' AND c.code = e.severity "
            f"WHERE e.run_id = {LATEST_RUN.format(db='published.')} GROUP BY e.severity"
        )
        con.execute(
            "CREATE TABLE main.report AS SELECT $1 AS quarter, $2::TIMESTAMP AS frozen_at, $3 AS run_id, "
            "$4::INTEGER AS min_cell, $5::BOOLEAN AS provisional, $6::TIMESTAMP AS published_at",
            [quarter.label, datetime.now(UTC).replace(tzinfo=None), run_id, min_cell, provisional, cutoff.published_at],
        )


def _facts(con: duckdb.DuckDBPyConnection) -> dict:
    """The snapshot's own record. One frozen before provisional reports existed was final, without a
    publication time."""
    facts = con.execute("SELECT * FROM main.report").fetchdf().iloc[0].to_dict()
    published_at = facts.get("published_at")
    return {
        "frozen_at": facts["frozen_at"],
        "min_cell": int(facts["min_cell"]),
        "provisional": bool(facts.get("provisional", False)),
        "published_at": None if published_at is None or pd.isna(published_at) else published_at.to_pydatetime(),
    }


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


@dataclass(frozen=True)
class PreviousReport:
    quarter: Quarter
    provisional: bool
    headline: pd.DataFrame


def render_report(folder: Path, reports_dir: Path, run_id: str) -> Status:
    """Write `rapport.html` and `indicatoren.xlsx` from the quarter's snapshot; whether it is provisional."""
    quarter = Quarter.parse(folder.name)
    with duckdb.connect(str(folder / SNAPSHOT), read_only=True) as con:
        period = con.execute("SELECT * FROM marts.report_period").fetchdf().iloc[0]
        facts = _facts(con)
        current = headline(con)
        spots = con.execute(WHITE_SPOTS_SQL).fetchdf()
        sources = con.execute("SELECT * FROM dq.sources").fetchdf()
        checks = con.execute("SELECT * FROM dq.checks ORDER BY severity").fetchdf()
        min_cell = facts["min_cell"]
        replace_file(folder / WORKBOOK_NAME, run_id, lambda path: write_workbook(con, path, min_cell))
    previous = None
    previous_snapshot = reports_dir / quarter.previous().label / SNAPSHOT
    if previous_snapshot.exists():
        with duckdb.connect(str(previous_snapshot), read_only=True) as con:
            previous = PreviousReport(quarter.previous(), _facts(con)["provisional"], headline(con))
    page = _html(quarter, period, facts, current, previous, spots, sources, checks)
    replace_file(folder / "rapport.html", run_id, lambda path: path.write_text(page, encoding="utf-8"))
    return Status.PROVISIONAL if facts["provisional"] else Status.FINAL


def _change(indicator: str, current: pd.DataFrame, previous: PreviousReport | None) -> str:
    if previous is None or indicator not in previous.headline.index or indicator not in current.index:
        return "geen vorig rapport"
    now, before = current.loc[indicator], previous.headline.loc[indicator]
    if now["suppressed"] or before["suppressed"]:
        return "verborgen"
    difference = now["value"] - before["value"]
    sign = "+" if difference >= 0 else "−"
    if now["unit"] == "percent":
        return f"{sign}{belgian(abs(difference), 1)} procentpunt"
    return f"{sign}{belgian(abs(difference), 2 if now['unit'] == 'per_1000' else 0)}"


def _brussels(utc: datetime) -> datetime:
    return utc.replace(tzinfo=UTC).astimezone(BRUSSELS)


def _time_block(quarter: Quarter, period: pd.Series, facts: dict) -> dict[str, str]:
    """The report's statements about time: its cut-off, the quarter's end, whether the quarter is complete
    and whether the figures are final."""
    through = None if pd.isna(period["data_through"]) else pd.Timestamp(period["data_through"]).date()
    year = int(period["report_year"])
    made = belgian_date(_brussels(facts["frozen_at"].to_pydatetime()))
    end = belgian_date(quarter.end)
    published = facts["published_at"]
    if published is None:
        complete = "Voor dit rapport is niet bewaard wanneer de cijfers gepubliceerd werden."
    elif _brussels(published).date() > quarter.end:
        complete = (
            f"Kwartaal volledig: ja, de cijfers werden gepubliceerd op {belgian_date(_brussels(published))}, na het "
            "einde van het kwartaal."
        )
    else:
        complete = (
            f"Kwartaal volledig: nee, de cijfers werden gepubliceerd op {belgian_date(_brussels(published))}, vóór "
            "het einde van het kwartaal."
        )
    provisional = facts["provisional"]
    warning = ""
    if provisional:
        warning = (
            "<p class=banner><strong>Voorlopig rapport.</strong> Het kwartaal was nog niet voorbij toen deze cijfers "
            "gepubliceerd werden. Een nieuwe aanmaak van dit kwartaal vervangt ze; de eerste aanmaak op cijfers die na "
            f"{end} gepubliceerd werden en niet verder lopen dan {end}, legt ze definitief vast.</p>"
        )
    elif through is None or not quarter.start <= through <= quarter.end or year != quarter.year:
        # Only a snapshot frozen before the rule existed can get here.
        warning = (
            f"<p class=banner><strong>Let op:</strong> deze cijfers lopen t.e.m. {belgian_date(through)} (rapportjaar "
            f"{year}) en horen dus niet bij kwartaal {quarter.label} ({belgian_date(quarter.start)} t.e.m. {end}). "
            "Ze werden vastgelegd voordat een kwartaalrapport daarop gecontroleerd werd.</p>"
        )
    year_note = "" if period["is_complete"] else f", nog niet volledig: gegevens t.e.m. {belgian_date(through)}"
    made_note = (
        f"Aangemaakt op {made}; voorlopig: een nieuwe aanmaak van dit kwartaal kan andere cijfers tonen."
        if provisional
        else f"Cijfers vastgelegd op {made}; een nieuwe aanmaak van dit kwartaal toont dezelfde cijfers."
    )
    return {
        "status": " (voorlopig)" if provisional else "",
        "warning": warning,
        "cutoff": (
            f"<p class=cutoff><strong>Cijfers t.e.m. {belgian_date(through)}</strong> (de laatste inschrijving of "
            f"uitreiking in de gegevens). Einde van het kwartaal: {end}. {complete}</p>"
        ),
        "year": f"<p>Kerncijfers van rapportjaar {year}{year_note}. {made_note}</p>",
    }


# The groups that are a white spot under either scenario, with both flags and the bottleneck causes. A report
# frozen before the HOOG scenario and the causes were published finds only the BASIS flag.
WHITE_SPOTS_SQL = """
WITH flags AS (
    SELECT dimension_value,
           max(value) FILTER (WHERE indicator_id = 'gap_white_spot') AS basis,
           max(value) FILTER (WHERE indicator_id = 'gap_white_spot_high') AS high,
           max(value) FILTER (WHERE indicator_id = 'gap_white_spot_robust') AS robust
    FROM marts.indicator_values
    WHERE dimension = 'isco_submajor'
      AND indicator_id IN ('gap_white_spot', 'gap_white_spot_high', 'gap_white_spot_robust')
    GROUP BY dimension_value
),
causes AS (
    SELECT split_part(v.dimension_value, '|', 1) AS dimension_value,
           string_agg(lower(c.label_nl), ', ' ORDER BY c.sort_order) AS causes
    FROM marts.indicator_values v
    JOIN ref.codes c ON c.list = 'bottleneck_cause' AND c.code = split_part(v.dimension_value, '|', 2)
    WHERE v.indicator_id = 'gap_bottleneck_causes' AND v.value > 0
    GROUP BY 1
)
SELECT f.dimension_value AS code, l.label_nl AS label, f.basis, f.high, f.robust, c.causes
FROM flags f
LEFT JOIN ref.dimension_labels l ON l.dimension = 'isco_submajor' AND l.dimension_value = f.dimension_value
LEFT JOIN causes c ON c.dimension_value = f.dimension_value
WHERE f.basis = 1 OR f.high = 1
ORDER BY f.dimension_value
"""


def _white_spot(spot) -> str:
    """One line of the list: "61 ...: in beide scenario's (robuuste witte vlek); oorzaken van de knelpunten: ..."."""
    if spot.robust == 1:
        scenarios = "in beide scenario's (robuuste witte vlek)"
    elif spot.basis == 1 and spot.high == 0:
        scenarios = "enkel in het basisscenario"
    elif spot.high == 1 and spot.basis != 1:
        scenarios = "enkel in het hoge scenario"
    else:
        scenarios = "in het basisscenario"
    causes = "" if pd.isna(spot.causes) else f"; oorzaken van de knelpunten: {spot.causes}"
    return f"{spot.label or spot.code}: {scenarios}{causes}"


def _html(quarter, period, facts, current, previous, spots, sources, checks) -> str:
    def row(indicator: str) -> str:
        if indicator not in current.index:
            return ""
        r = current.loc[indicator]
        value = shown(r["value"], r["unit"], r["suppressed"])
        return (
            f"<tr><td>{html.escape(r['name_nl'])}</td><td class=num>{html.escape(value)}</td>"
            f"<td class=num>{html.escape(_change(indicator, current, previous))}</td></tr>"
        )

    spot_list = "".join(f"<li>{html.escape(_white_spot(s))}</li>" for s in spots.itertuples()) or (
        "<li>Geen witte vlekken.</li>"
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
        + f"<td>{'niets aangeleverd' if s.is_missing else 'klopt' if s.reconciles else 'klopt niet'}</td></tr>"
        for s in sources.itertuples()
    )
    check_items = "".join(
        f"<li>{html.escape(_severity(c))}: {count(c.passed)} geslaagd, {count(c.failed)} gefaald"
        + html.escape(_failed_checks(c))
        + "</li>"
        for c in checks.itertuples()
    )
    previous_label = (
        "" if previous is None else f" ({previous.quarter.label}{', voorlopig' if previous.provisional else ''})"
    )
    return REPORT.format(
        quarter=quarter.label,
        suppression=html.escape(suppression_note(facts["min_cell"])),
        headline="".join(row(i) for i in REPORT_HEADLINES),
        previous=html.escape(previous_label),
        spots=spot_list,
        sources=source_rows,
        checks=check_items or "<li>geen controles</li>",
        **_time_block(quarter, period, facts),
    )


def _severity(severity_row) -> str:
    """The Dutch name of a check severity (ref.codes); a report frozen before it was kept shows the code."""
    label = getattr(severity_row, "severity_label", None)
    return severity_row.severity if label is None or pd.isna(label) else label


def _failed_checks(severity_row) -> str:
    """Which checks of a severity failed, as their descriptions (a report frozen before they were kept names none)."""
    failed = getattr(severity_row, "failed_checks", None)  # a list, or missing when none failed
    return f". Niet voldaan: {' '.join(failed)}" if pd.api.types.is_list_like(failed) and len(failed) else ""


REPORT = """<!DOCTYPE html>
<html lang="nl-BE">
<head><meta charset="utf-8"><title>Monitoringrapport microcredentials {quarter}{status}</title>
<style>
body {{ font-family: "Segoe UI", Helvetica, Arial, sans-serif; max-width: 60rem; margin: 2rem auto; color: #1d1d1b; }}
h1 {{ color: #0072B2; }} table {{ border-collapse: collapse; width: 100%; margin: 0.5rem 0 1.5rem; }}
th, td {{ border-bottom: 1px solid #d9d9d9; padding: 0.3rem 0.5rem; text-align: left; }}
.num {{ text-align: right; }} .banner {{ background: #fff4d6; border-left: 4px solid #E69F00; padding: 0.6rem 1rem; }}
.cutoff {{ border-left: 4px solid #0072B2; padding: 0.4rem 1rem; }}
.note {{ color: #6b6b6b; font-size: 0.85rem; }}
</style></head>
<body>
<h1>Monitoringrapport microcredentials Vlaanderen — {quarter}{status}</h1>
{warning}
{cutoff}
{year}
<h2>Kerncijfers</h2>
<table><thead><tr><th>indicator</th><th class=num>waarde</th>
<th class=num>verschil met vorig rapport{previous}</th></tr></thead>
<tbody>{headline}</tbody></table>
<p class=note>{suppression}
Definities: marts.indicator_catalogue en indicatoren.xlsx.</p>
<h2>Witte vlekken</h2>
<p>Beroepsgroepen met hoge arbeidsmarktdruk, minstens één knelpuntberoep en weinig uitreikingen, in het
basisscenario of het hoge scenario van Steunpunt Werk. Een robuuste witte vlek is dat in beide. De witte vlekken
binnen elke NACE-sectie staan op de pagina Vaardigheidskloof van de dashboards.</p>
<ul>{spots}</ul>
<h2>Datakwaliteit</h2>
<table><thead><tr><th>bron</th><th class=num>bestanden</th><th class=num>geweigerd</th><th class=num>ontvangen</th>
<th class=num>ingeladen</th><th class=num>quarantaine</th><th class=num>dubbel</th>
<th class=num>in geweigerde bestanden</th><th>status</th></tr></thead>
<tbody>{sources}</tbody></table>
<p class=note>Rijen per bron: ontvangen = ingeladen + quarantaine + dubbel + in geweigerde bestanden.</p>
<p>Controles:</p>
<ul>{checks}</ul>
</body>
</html>
"""
