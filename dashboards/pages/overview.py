"""Overzicht: the headline indicators of a year with their change versus the year before."""

from __future__ import annotations

import html

from dashboards.charts import trend
from dashboards.data import SiteData, shown
from dashboards.layout import Block, Page
from pipelines.formatting import belgian, suppression_note

HEADLINES = [
    "offer_count",
    "transparency_complete",
    "offer_share_incentive",
    "enrolments",
    "awards",
    "learners",
    "learners_per_1000",
    "completion_rate",
]


def change(data: SiteData, indicator: str, year: int) -> str:
    now, before = data.total(indicator, year), data.total(indicator, year - 1)
    if now is None or before is None or now["suppressed"] or before["suppressed"]:
        return "geen vergelijking met het jaar ervoor"
    difference = now["value"] - before["value"]
    sign = "+" if difference >= 0 else "−"
    if now["unit"] == "percent":
        return f"{sign}{belgian(abs(difference), 1)} procentpunt t.o.v. {year - 1}"
    if now["unit"] == "per_1000":
        return f"{sign}{belgian(abs(difference), 2)} t.o.v. {year - 1}"
    if before["value"] == 0:
        return f"{sign}{belgian(abs(difference))} t.o.v. {year - 1}"
    return f"{sign}{belgian(abs(100 * difference / before['value']), 1)} % t.o.v. {year - 1}"


def tiles(data: SiteData, year: int) -> str:
    cards = []
    for indicator in HEADLINES:
        row = data.total(indicator, year)
        value = "geen gegevens" if row is None else shown(row["value"], row["unit"], row["suppressed"])
        cards.append(
            f'<div class="tile"><p class="tile-name">{html.escape(data.name(indicator))}</p>'
            f'<p class="tile-value" data-indicator="{indicator}">{html.escape(value)}</p>'
            f'<p class="tile-change">{html.escape(change(data, indicator, year))}</p></div>'
        )
    if year == data.report_year:
        spots = data.select("gap_white_spot", year, "isco_submajor")
        count = int((spots["value"] == 1).sum())
        robust = int((data.select("gap_white_spot_robust", year, "isco_submajor")["value"] == 1).sum())
        cards.append(
            f'<div class="tile"><p class="tile-name">Witte vlekken (beroepsgroepen)</p>'
            f'<p class="tile-value" data-indicator="gap_white_spot">{count}</p>'
            f'<p class="tile-change">van {len(spots)} beroepsgroepen met druk en dekking; {robust} ook in '
            "het hoge scenario</p></div>"
        )
    return f'<div class="tiles">{"".join(cards)}</div>'


def build(data: SiteData) -> Page:
    years = data.years
    participation = {data.name(i): data.select(i, dimension="total") for i in ("enrolments", "awards", "learners")}
    return Page(
        file="index.html",
        title="Overzicht",
        intro="De kerncijfers van de monitor microcredentials voor het gekozen jaar, met de verandering tegenover "
        "het jaar ervoor. Het Vlor-advies Microcredentials in Vlaanderen (2023) vraagt deze opvolging.",
        years=years,
        blocks=[
            Block(
                "Kerncijfers",
                "Aanbod: huidige aanbiedingen actief in het jaar. Deelname: inschrijvingen, uitreikingen en lerenden "
                "met minstens één uitreiking in het jaar. " + suppression_note(data.min_cell),
                {str(y): tiles(data, y) for y in years},
            ),
            Block(
                "Deelname door de jaren heen",
                "Inschrijvingen (inschrijvingsdatum in het jaar), uitreikingen (uitreikingsdatum in het jaar) en "
                "lerenden met minstens één uitreiking. Bron: inschrijvingen en uitreikingen, Europese digitale "
                "credentials.",
                {"": trend(participation, "Inschrijvingen, uitreikingen en lerenden per jaar", "count")},
                by_year=False,
            ),
            Block(
                "Aanbod door de jaren heen",
                "Aantal huidige aanbiedingen dat in het jaar actief is. Bron: catalogi van de aanbieders.",
                {
                    "": trend(
                        {data.name("offer_count"): data.select("offer_count", dimension="total")},
                        "Aantal microcredentials in het aanbod per jaar",
                        "count",
                    )
                },
                by_year=False,
            ),
        ],
    )
