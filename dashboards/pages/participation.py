"""Deelname: who takes up micro-credentials, where, and how many complete them."""

from __future__ import annotations

from dashboards.charts import bars, trend
from dashboards.data import SiteData
from dashboards.layout import HIGHLIGHT, Block, Figure, Page
from pipelines.formatting import belgian, suppression_note

BREAKDOWNS = ["province", "sex", "age_band", "education_level", "labour_status", "provider_type", "isced_broad"]
SHARES = [
    "learner_share_low_educated",
    "learner_share_jobseeker",
    "learner_share_55plus",
    "learner_share_stacking",
    "learner_share_multi_provider",
    "award_share_lifewide",
    "award_share_digital",
]


def per_1000(data: SiteData, year: int) -> Figure | None:
    rows = data.select("learners_per_1000", year, "province")
    if rows.empty:
        return None
    chart = bars(rows, f"Lerenden per 1000 inwoners van 25 tot 64 jaar per provincie, {year}")
    flanders = data.total("learners_per_1000", year)
    if flanders is not None and not flanders["suppressed"]:
        # The Flemish total as a dashed reference line across the provinces.
        level = float(flanders["value"])
        chart["layout"]["shapes"] = [
            {
                "type": "line",
                "yref": "paper",
                "y0": 0,
                "y1": 1,
                "x0": level,
                "x1": level,
                "line": {"color": HIGHLIGHT, "dash": "dash", "width": 2},
            }
        ]
        chart["layout"]["annotations"] = [
            {
                "yref": "paper",
                "y": 1,
                "x": level,
                "yanchor": "bottom",
                "xanchor": "left",
                "showarrow": False,
                "text": f"Vlaams Gewest: {belgian(level, 2)}",
            }
        ]
    return chart


def build(data: SiteData) -> Page:
    years = data.years
    note = suppression_note(data.min_cell)
    learners, awards, rates, completion, shares, digital, foreign = {}, {}, {}, {}, {}, {}, {}
    for year in years:
        rows = data.select("award_share_digital", year, "provider_type")
        if not rows.empty:
            digital[str(year)] = bars(rows, f"Aandeel uitreikingen als Europese digitale credential, {year}")
        rows = data.select("foreign_credentials", year, "issuer_country")
        if not rows.empty:
            foreign[str(year)] = bars(rows, f"Buitenlandse credentials per land van de uitreiker, {year}")
        for dimension in BREAKDOWNS:
            key = f"{year}|{dimension}"
            rows = data.select("learners", year, dimension)
            if not rows.empty:
                learners[key] = bars(rows, f"Lerenden per {data.breakdown(dimension)}, {year}")
            rows = data.select("awards", year, dimension)
            if not rows.empty:
                awards[key] = bars(rows, f"Uitreikingen per {data.breakdown(dimension)}, {year}")
        figure = per_1000(data, year)
        if figure is not None:
            rates[str(year)] = figure
        rows = data.select("completion_rate", year, "provider_type")
        if not rows.empty:
            completion[str(year)] = bars(rows, f"Slaagpercentage per type aanbieder, {year}")
        rows = data.values[
            (data.values["indicator_id"].isin(SHARES))
            & (data.values["year"] == year)
            & (data.values["dimension"] == "total")
        ].copy()
        if not rows.empty:
            rows["label"] = rows["name_nl"]
            shares[str(year)] = bars(rows, f"Kenmerken van de lerenden en uitreikingen, {year}")
    return Page(
        file="deelname.html",
        title="Deelname",
        intro="Wie microcredentials behaalt, waar de lerenden wonen en hoeveel inschrijvingen tot een "
        "uitreiking leiden (Vlor-advies 2, 5.1, 5.2 en 5.3).",
        years=years,
        breakdowns=[(d, data.dimension_labels[d]) for d in BREAKDOWNS],
        blocks=[
            Block(
                "Lerenden",
                data.definition("learners") + " Lerenden worden ingedeeld volgens hun laatste "
                "uitreiking in het jaar. Niet elke opsplitsing bestaat voor lerenden (wel provincie, geslacht, "
                "leeftijd, onderwijsniveau en arbeidsmarktstatus). " + note,
                learners,
                by_breakdown=True,
            ),
            Block(
                "Uitreikingen",
                data.definition("awards") + " Elke uitreiking wordt ingedeeld volgens haar eigen gegevens. " + note,
                awards,
                by_breakdown=True,
            ),
            Block(
                "Lerenden per 1000 inwoners",
                data.definition("learners_per_1000")
                + " Bron: inschrijvingen en uitreikingen; bevolking: Statbel. "
                + note,
                rates,
            ),
            Block("Slaagpercentage", data.definition("completion_rate") + " " + note, completion),
            Block(
                "Kenmerken van de lerenden",
                "Aandeel laaggeschoolden, werkzoekenden en 55-plussers onder de "
                "lerenden met een uitreiking in het jaar; aandeel lerenden dat stapelt of bij meerdere aanbieders "
                "leert (cumulatief tot en met het jaar); aandeel uitreikingen voor persoonlijke ontwikkeling en als "
                "Europese digitale credential. " + note,
                shares,
            ),
            Block(
                "Uitreikingen als Europese digitale credential",
                data.definition("award_share_digital")
                + " Per type aanbieder; zo bereikt een credential de lerende digitaal (Vlor-advies 4.2.3, 5.3). "
                + note,
                digital,
            ),
            Block(
                "Buitenlandse credentials",
                data.definition("foreign_credentials")
                + " Het grensoverschrijdende signaal (Vlor-advies 5.3): geteld worden credentials, geen personen. "
                + note,
                foreign,
            ),
            Block(
                "Deelname door de jaren heen",
                "Totalen per jaar. " + note,
                {
                    "": trend(
                        {data.name(i): data.select(i, dimension="total") for i in ("enrolments", "awards", "learners")},
                        "Deelname per jaar",
                        "count",
                    )
                },
                by_year=False,
            ),
        ],
    )
