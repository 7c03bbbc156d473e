"""Vaardigheidskloof: does the offer answer the hiring needs Steunpunt Werk projects? White spots."""

from __future__ import annotations

import html

import pandas as pd

from dashboards.charts import number
from dashboards.data import SiteData, count, shown
from dashboards.layout import HIGHLIGHT, PALETTE, Block, Figure, Page, figure, table
from pipelines.formatting import belgian, suppression_note

COLUMNS = [
    "gap_hiring_need",
    "gap_pressure",
    "gap_bottleneck_occupations",
    "gap_offers",
    "gap_awards",
    "gap_coverage",
    "gap_white_spot",
]


def groups(data: SiteData) -> pd.DataFrame:
    """One row per ISCO sub-major group of the report year, one column per skills-gap indicator."""
    rows = data.values[data.values["indicator_id"].isin(COLUMNS) & (data.values["year"] == data.report_year)]
    wide = rows.pivot_table(index=["dimension_value", "label"], columns="indicator_id", values="value", aggfunc="first")
    hidden = rows[rows["suppressed"]].groupby("dimension_value")["indicator_id"].apply(set)
    wide = wide.reset_index()
    wide["hidden"] = wide["dimension_value"].map(hidden).apply(lambda s: s if isinstance(s, set) else set())
    return wide.reindex(columns=["dimension_value", "label", "hidden", *COLUMNS])


def scatter(frame: pd.DataFrame, year: int) -> Figure:
    defined = frame.dropna(subset=["gap_pressure", "gap_coverage"])
    traces = []
    for is_spot, name, color, symbol in (
        (0, "Andere beroepsgroepen", PALETTE[0], "circle"),
        (1, "Witte vlek", HIGHLIGHT, "diamond"),
    ):
        part = list(defined[defined["gap_white_spot"].fillna(0) == is_spot].itertuples())
        traces.append(
            {
                "type": "scatter",
                "name": name,
                "x": [number(r.gap_pressure) for r in part],
                "y": [number(r.gap_coverage) for r in part],
                "mode": "markers+text" if is_spot else "markers",
                "text": [r.dimension_value for r in part] if is_spot else None,
                "textposition": "top center",
                "marker": {
                    "color": color,
                    "symbol": symbol,
                    "size": 14 if is_spot else 10,
                    "line": {"width": 1, "color": "white"},
                },
                "hovertext": [
                    f"{html.escape(r.label)}<br>druk: {belgian(r.gap_pressure, 1)} %<br>"
                    f"dekking: {belgian(r.gap_coverage, 2)} per 1000<br>"
                    f"knelpuntberoepen: {count(r.gap_bottleneck_occupations)}"
                    for r in part
                ],
                "hoverinfo": "text",
            }
        )
    chart = figure(
        traces,
        f"Arbeidsmarktdruk en dekking door uitreikingen per beroepsgroep, {year}",
        "arbeidsmarktdruk (aanwervingsbehoefte in % van de werkgelegenheid)",
        "dekking (uitreikingen per 1000 aanwervingen)",
        height=520,
    )
    # "Toon als tabel": the drawn points, one row per group.
    chart["table"] = (
        ["beroepsgroep", "druk", "dekking", "witte vlek"],
        [
            [
                r.label,
                f"{belgian(r.gap_pressure, 1)} %",
                belgian(r.gap_coverage, 2),
                "ja" if r.gap_white_spot == 1 else "nee",
            ]
            for r in defined.sort_values("dimension_value").itertuples()
        ],
    )
    return chart


def group_table(frame: pd.DataFrame, only_white_spots: bool) -> str:
    rows = frame[frame["gap_white_spot"] == 1] if only_white_spots else frame
    if rows.empty:
        return '<p class="empty">Geen witte vlekken in het rapportjaar.</p>' if only_white_spots else ""
    units = {
        "gap_hiring_need": "count",
        "gap_pressure": "percent",
        "gap_bottleneck_occupations": "count",
        "gap_offers": "count",
        "gap_awards": "count",
        "gap_coverage": "per_1000",
    }
    body = []
    for r in rows.sort_values("dimension_value").itertuples():
        cells = [shown(getattr(r, indicator), unit, indicator in r.hidden) for indicator, unit in units.items()]
        spot = "" if pd.isna(r.gap_white_spot) else ("ja" if r.gap_white_spot == 1 else "nee")
        body.append([r.label, *cells, spot])
    return table(
        [
            "beroepsgroep",
            "aanwervingsbehoefte",
            "druk",
            "knelpuntberoepen",
            "aanbod",
            "uitreikingen",
            "dekking",
            "witte vlek",
        ],
        body,
        caption="Witte vlekken" if only_white_spots else "Alle beroepsgroepen",
        numeric={1, 2, 3, 4, 5, 6},
    )


def build(data: SiteData) -> Page:
    year = data.report_year
    frame = groups(data)

    def for_report_year(render) -> dict:
        return {str(year): render()} if year else {}

    note = (
        f"Enkel voor het rapportjaar {year}: laatste editie van de beroepenprojecties van Steunpunt Werk "
        "(scenario BASIS, alle sectoren), laatste knelpuntberoepenlijst van VDAB, actief aanbod en uitreikingen in "
        f"{year}. "
    )
    return Page(
        file="vaardigheidskloof.html",
        title="Vaardigheidskloof",
        intro="Beantwoordt het aanbod aan microcredentials de tekorten die Steunpunt Werk projecteert? Een witte "
        "vlek is een beroepsgroep met hoge druk, minstens één knelpuntberoep en weinig uitreikingen "
        "(Vlor-advies 4.2.2 en 5.2).",
        years=[year] if year else [],
        blocks=[
            Block(
                "Druk en dekking",
                note + data.definition("gap_white_spot") + " Groepen met verborgen uitreikingen "
                "staan niet in de grafiek, maar tellen mee voor de mediaan en het percentiel. "
                + suppression_note(data.min_cell),
                for_report_year(lambda: scatter(frame, year)),
            ),
            Block(
                "Witte vlekken",
                note + "Beroepsgroepen die aan alle drie voorwaarden voldoen.",
                for_report_year(lambda: group_table(frame, only_white_spots=True)),
            ),
            Block(
                "Alle beroepsgroepen",
                note + "Aanwervingsbehoefte: gemiddelde per projectiejaar. Dekking: "
                "uitreikingen per 1000 aanwervingen. " + suppression_note(data.min_cell),
                for_report_year(lambda: group_table(frame, only_white_spots=False)),
            ),
        ],
    )
