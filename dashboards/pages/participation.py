"""Deelname: who takes up micro-credentials, where, and how many complete them."""

from __future__ import annotations

import html

from dashboards.charts import bars, number, trend
from dashboards.data import SiteData, shown
from dashboards.layout import HIGHLIGHT, Block, Choice, Figure, Page, figure, wrap
from pipelines.formatting import HIDDEN_CELL, belgian, suppression_note

BREAKDOWNS = ["province", "sex", "age_band", "education_level", "labour_status", "provider_type", "isced_broad"]
# The two-way breakdowns (indicators.md, section F) of these indicators, by the one-way breakdowns they cross.
CROSSED = ["learners", "awards"]
CROSSINGS = ["province×age_band", "province×sex", "age_band×sex"]
CROSSED_BREAKDOWNS = ["province", "age_band", "sex"]
HIDDEN_FILL = "#e5e5e5"
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


def cross_table(data: SiteData, indicator: str, year: int, rows: str, columns: str) -> Figure | None:
    """A two-way breakdown as a heatmap, rows by the first breakdown the reader picked and columns by the second
    (a crossing published as columns × rows is turned round); hidden cells grey, "verborgen". Its table adds the
    one-way cells (the margins) as the total column and row."""
    if f"{rows}×{columns}" in CROSSINGS:
        crossing, turned = f"{rows}×{columns}", False
    elif f"{columns}×{rows}" in CROSSINGS:
        crossing, turned = f"{columns}×{rows}", True
    else:
        return None
    cells = data.select(indicator, year, crossing)
    if cells.empty:
        return None
    row_margins, column_margins = data.select(indicator, year, rows), data.select(indicator, year, columns)
    by_key = {}
    for cell in cells.itertuples():
        first, second = cell.dimension_value.split("|")
        by_key[(second, first) if turned else (first, second)] = cell
    row_labels, column_labels = list(row_margins["label"]), list(column_margins["label"])
    z, hidden, texts, hover, published, words = [], [], [], [], [], []
    for row in row_margins.itertuples():
        cells_of_row = [
            by_key.get((row.dimension_value, column.dimension_value)) for column in column_margins.itertuples()
        ]
        # A cell that is not emitted counts nobody.
        suppressed = [cell is not None and bool(cell.suppressed) for cell in cells_of_row]
        values = [0.0 if cell is None else number(cell.value) for cell in cells_of_row]
        z.append([None if h else v for v, h in zip(values, suppressed, strict=True)])
        hidden.append([1 if h else None for h in suppressed])
        texts.append([shown(v, "count", h) for v, h in zip(values, suppressed, strict=True)])
        published.append(["" if h else text for text, h in zip(texts[-1], suppressed, strict=True)])
        words.append([text if h else "" for text, h in zip(texts[-1], suppressed, strict=True)])
        hover.append(
            [
                f"{html.escape(row.label)}, {html.escape(label)}<br>{HIDDEN_CELL if h else text}"
                for label, text, h in zip(column_labels, texts[-1], suppressed, strict=True)
            ]
        )
    # Column labels on one line: plotly.js turns them when they do not fit, and on a phone they stand upright.
    x, y = column_labels, [wrap(label, 20) for label in row_labels]
    common = {"x": x, "y": y, "texttemplate": "%{text}", "hovertext": hover, "hoverinfo": "text"}
    # Each cell's word in one trace only: the number where it is published; "verborgen" on light grey where it is
    # hidden, a colour outside the scale.
    traces = [
        {"type": "heatmap", "z": z, "text": published, "coloraxis": "coloraxis", **common},
        {"type": "heatmap", "z": hidden, "text": words, "colorscale": [[0, HIDDEN_FILL], [1, HIDDEN_FILL]], **common},
    ]
    traces[1]["showscale"] = False
    name = data.name(indicator)
    title = f"{name} per {data.breakdown(rows)} en {data.breakdown(columns)}, {year}"
    chart = figure(traces, title, data.dimension_labels[columns], height=max(360, 200 + 46 * len(row_labels)))
    chart["layout"]["yaxis"].update({"autorange": "reversed", "type": "category"})
    chart["layout"]["xaxis"].update({"type": "category", "side": "bottom"})
    chart["layout"]["coloraxis"] = {"colorscale": "Cividis", "colorbar": {"title": {"text": "aantal"}}}
    # A phone has no room for the colour scale beside the table, nor for the axis title under upright labels (the
    # title names both breakdowns): the numbers are in "Toon als tabel".
    chart["narrow"] = {"xaxis": {"tickangle": -90, "title": {"text": ""}}, "coloraxis": {"showscale": False}}
    total = data.total(indicator, year)
    table_rows = [
        [label, *row_texts, shown(margin.value, "count", margin.suppressed)]
        for label, row_texts, margin in zip(row_labels, texts, row_margins.itertuples(), strict=True)
    ]
    table_rows.append(
        [
            "Totaal",
            *(shown(margin.value, "count", margin.suppressed) for margin in column_margins.itertuples()),
            "" if total is None else shown(total["value"], "count", total["suppressed"]),
        ]
    )
    chart["table"] = ([data.dimension_labels[rows], *column_labels, "Totaal"], table_rows)
    return chart


def cross_tables(data: SiteData) -> dict[str, Figure]:
    """Every year, indicator and ordered pair of breakdowns: "2025|learners|province|age_band"."""
    variants = {}
    for year in data.years:
        for indicator in CROSSED:
            for rows in CROSSED_BREAKDOWNS:
                for columns in CROSSED_BREAKDOWNS:
                    chart = cross_table(data, indicator, year, rows, columns)
                    if chart is not None:
                        variants[f"{year}|{indicator}|{rows}|{columns}"] = chart
    return variants


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
                "Kruistabel: twee opsplitsingen samen",
                "Lerenden of uitreikingen per combinatie van twee opsplitsingen: kies de indicator, de opsplitsing "
                "in de rijen en die in de kolommen. Elke rij telt op tot de cel van die opsplitsing alleen "
                "(kolom Totaal in de tabel), elke kolom tot die van de andere (rij Totaal). Lerenden worden "
                "ingedeeld volgens hun laatste uitreiking in het jaar, uitreikingen volgens hun eigen gegevens. "
                "Een kruistabel heeft veel kleine cellen: ook de cellen die ze zouden verraden via de totalen van "
                "rijen en kolommen zijn verborgen. " + note,
                cross_tables(data),
                choices=[
                    Choice("Indicator", [(i, data.name(i)) for i in CROSSED]),
                    Choice("Rijen", [(d, data.dimension_labels[d]) for d in CROSSED_BREAKDOWNS]),
                    Choice("Kolommen", [(d, data.dimension_labels[d]) for d in CROSSED_BREAKDOWNS], "age_band"),
                ],
                empty="Geen gegevens voor deze keuze: kies voor rijen en kolommen twee verschillende opsplitsingen.",
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
