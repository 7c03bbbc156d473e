"""Vaardigheidskloof: does the offer answer the hiring needs Steunpunt Werk projects? White spots under both
scenarios, per sector, and the causes of the bottleneck occupations per group."""

from __future__ import annotations

import html

import pandas as pd

from dashboards.charts import bars, grouped_bars, number
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
    "gap_hiring_need_high",
    "gap_pressure_high",
    "gap_coverage_high",
    "gap_white_spot_high",
    "gap_white_spot_robust",
]
# Column suffix and Dutch name of each projection scenario.
SCENARIOS = {"": "basisscenario", "_high": "hoog scenario"}
SECTOR = "sector×isco_submajor"
CAUSES = "isco_submajor×bottleneck_cause"


def groups(data: SiteData) -> pd.DataFrame:
    """One row per ISCO sub-major group of the report year, one column per skills-gap indicator."""
    rows = data.values[
        data.values["indicator_id"].isin(COLUMNS)
        & (data.values["year"] == data.report_year)
        & (data.values["dimension"] == "isco_submajor")
    ]
    wide = rows.pivot_table(index=["dimension_value", "label"], columns="indicator_id", values="value", aggfunc="first")
    hidden = rows[rows["suppressed"]].groupby("dimension_value")["indicator_id"].apply(set)
    wide = wide.reset_index()
    wide["hidden"] = wide["dimension_value"].map(hidden).apply(lambda s: s if isinstance(s, set) else set())
    return wide.reindex(columns=["dimension_value", "label", "hidden", *COLUMNS])


def scatter(frame: pd.DataFrame, year: int, suffix: str = "") -> Figure:
    """Pressure against coverage per group under one scenario, its white spots marked."""
    pressure, coverage, spot = (f"gap_pressure{suffix}", f"gap_coverage{suffix}", f"gap_white_spot{suffix}")
    defined = frame.dropna(subset=[pressure, coverage])
    traces = []
    for is_spot, name, color, symbol in (
        (0, "Andere beroepsgroepen", PALETTE[0], "circle"),
        (1, "Witte vlek", HIGHLIGHT, "diamond"),
    ):
        part = defined[defined[spot].fillna(0) == is_spot].to_dict("records")
        traces.append(
            {
                "type": "scatter",
                "name": name,
                "x": [number(r[pressure]) for r in part],
                "y": [number(r[coverage]) for r in part],
                "mode": "markers+text" if is_spot else "markers",
                "text": [r["dimension_value"] for r in part] if is_spot else None,
                "textposition": "top center",
                "marker": {
                    "color": color,
                    "symbol": symbol,
                    "size": 14 if is_spot else 10,
                    "line": {"width": 1, "color": "white"},
                },
                "hovertext": [
                    f"{html.escape(r['label'])}<br>druk: {belgian(r[pressure], 1)} %<br>"
                    f"dekking: {belgian(r[coverage], 2)} per 1000<br>"
                    f"knelpuntberoepen: {count(r['gap_bottleneck_occupations'])}"
                    for r in part
                ],
                "hoverinfo": "text",
            }
        )
    chart = figure(
        traces,
        f"Druk en dekking per beroepsgroep, {SCENARIOS[suffix]}, {year}",
        "arbeidsmarktdruk (aanwervingsbehoefte in % van de werkgelegenheid)",
        "dekking (uitreikingen per 1000 aanwervingen)",
        height=520,
    )
    # "Toon als tabel": the drawn points, one row per group.
    chart["table"] = (
        ["beroepsgroep", "druk", "dekking", "witte vlek"],
        [
            [
                r["label"],
                f"{belgian(r[pressure], 1)} %",
                belgian(r[coverage], 2),
                "ja" if r[spot] == 1 else "nee",
            ]
            for r in defined.sort_values("dimension_value").to_dict("records")
        ],
    )
    return chart


def _flag(value: object) -> str:
    return "" if pd.isna(value) else ("ja" if value == 1 else "nee")


def white_spot_table(frame: pd.DataFrame, causes: pd.DataFrame) -> str:
    """The groups that are a white spot under either scenario, side by side, with their bottleneck causes."""
    rows = frame[(frame["gap_white_spot"] == 1) | (frame["gap_white_spot_high"] == 1)]
    if rows.empty:
        return '<p class="empty">Geen witte vlekken in het rapportjaar, in geen van beide scenario\'s.</p>'
    named = causes[causes["value"] > 0].groupby("group")["cause"].apply(", ".join)
    body = [
        [
            r["label"],
            shown(r["gap_pressure"], "percent", "gap_pressure" in r["hidden"]),
            shown(r["gap_pressure_high"], "percent", "gap_pressure_high" in r["hidden"]),
            shown(r["gap_coverage"], "per_1000", "gap_coverage" in r["hidden"]),
            shown(r["gap_coverage_high"], "per_1000", "gap_coverage_high" in r["hidden"]),
            count(r["gap_bottleneck_occupations"]),
            named.get(r["dimension_value"], ""),
            _flag(r["gap_white_spot"]),
            _flag(r["gap_white_spot_high"]),
            _flag(r["gap_white_spot_robust"]),
        ]
        for r in rows.sort_values("dimension_value").to_dict("records")
    ]
    return table(
        [
            "beroepsgroep",
            "druk (basis)",
            "druk (hoog)",
            "dekking (basis)",
            "dekking (hoog)",
            "knelpuntberoepen",
            "oorzaken",
            "witte vlek (basis)",
            "witte vlek (hoog)",
            "robuust",
        ],
        body,
        caption="Witte vlekken in het basisscenario of het hoge scenario",
        numeric={1, 2, 3, 4, 5},
    )


def group_table(frame: pd.DataFrame) -> str:
    units = {
        "gap_hiring_need": "count",
        "gap_pressure": "percent",
        "gap_bottleneck_occupations": "count",
        "gap_offers": "count",
        "gap_awards": "count",
        "gap_coverage": "per_1000",
    }
    body = []
    for r in frame.sort_values("dimension_value").itertuples():
        cells = [shown(getattr(r, indicator), unit, indicator in r.hidden) for indicator, unit in units.items()]
        body.append([r.label, *cells, _flag(r.gap_white_spot), _flag(r.gap_white_spot_robust)])
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
            "robuust",
        ],
        body,
        caption="Alle beroepsgroepen (basisscenario)",
        numeric={1, 2, 3, 4, 5, 6},
    )


def cause_rows(data: SiteData, frame: pd.DataFrame) -> pd.DataFrame:
    """gap_bottleneck_causes with its group and cause apart: the group's label, the cause's short Dutch name."""
    rows = data.select("gap_bottleneck_causes", data.report_year, CAUSES).copy()
    # .str[i] rather than expand=True: an edition without bottleneck list gives no rows, and no columns to split into.
    group = rows["dimension_value"].str.split("|", n=1).str[0]
    names = rows["label"].str.split(" | ", n=1, regex=False)
    return rows.assign(
        group=group,
        # The name without its explanation in brackets: a legend entry fits a phone's width.
        cause=names.str[1].str.replace(r" \(.*\)$", "", regex=True),
        label=group.map(frame.set_index("dimension_value")["label"]).fillna(group),
        dimension_label="Beroepsgroep (ISCO-08)",
    )


def causes_chart(causes: pd.DataFrame, year: int) -> Figure | str:
    """Per group with bottleneck occupations, how many name each cause."""
    with_bottlenecks = causes.groupby("group")["value"].transform("sum") > 0
    shown_rows = causes[with_bottlenecks]
    if shown_rows.empty:
        return '<p class="empty">Geen knelpuntberoepen op de laatste lijst.</p>'
    frames = {name: part.drop(columns=["cause"]) for name, part in shown_rows.groupby("cause", sort=False)}
    return grouped_bars(frames, f"Knelpuntberoepen per oorzaak en beroepsgroep, {year}", "count")


def sector_rows(data: SiteData) -> pd.DataFrame:
    """One row per sector and group of the projections: hiring need, pressure and white spot in the sector."""
    year = data.report_year
    wide = pd.concat(
        [
            data.select(indicator, year, SECTOR)
            .set_index("dimension_value")[["value"]]
            .rename(columns={"value": indicator})
            for indicator in ("gap_sector_hiring_need", "gap_sector_pressure", "gap_sector_white_spot")
        ],
        axis=1,
    )
    labels = data.select("gap_sector_hiring_need", year, SECTOR).set_index("dimension_value")["label"]
    names = labels.str.split(" | ", n=1, regex=False)
    return wide.assign(sector=names.str[0], group=names.str[1], sort=labels.index).reset_index(drop=True)


def sector_chart(sectors: pd.DataFrame, year: int) -> Figure | str:
    """How many occupation groups are a white spot within each sector."""
    spots = sectors.groupby("sector", sort=False)["gap_sector_white_spot"].apply(lambda s: int((s == 1).sum()))
    if spots.empty:
        return '<p class="empty">De beroepenprojecties geven geen cijfers per sector.</p>'
    rows = pd.DataFrame(
        {
            "label": spots.index,
            "value": spots.to_numpy(dtype=float),
            "unit": "count",
            "suppressed": False,
            "numerator": spots.to_numpy(dtype=float),
            "denominator": float("nan"),
            "name_nl": "Witte vlekken in de sector",
            "dimension_label": "Sector (NACE)",
        }
    )
    chart = bars(rows, f"Beroepsgroepen die in de sector een witte vlek zijn, {year}")
    chart["layout"]["xaxis"]["dtick"] = 1  # whole groups
    return chart


def sector_table(sectors: pd.DataFrame) -> str:
    rows = sectors[sectors["gap_sector_white_spot"] == 1]
    if rows.empty:
        return '<p class="empty">Geen witte vlekken binnen een sector.</p>'
    return table(
        ["sector", "beroepsgroep", "aanwervingsbehoefte in de sector", "druk in de sector"],
        [
            [
                r["sector"],
                r["group"],
                count(r["gap_sector_hiring_need"]),
                shown(r["gap_sector_pressure"], "percent", False),
            ]
            for r in rows.sort_values("sort").to_dict("records")
        ],
        caption="Witte vlekken per sector (basisscenario)",
        numeric={2, 3},
    )


def build(data: SiteData) -> Page:
    year = data.report_year
    frame = groups(data)
    causes = cause_rows(data, frame) if year else pd.DataFrame()
    sectors = sector_rows(data) if year else pd.DataFrame()

    def for_report_year(render) -> dict:
        return {str(year): render()} if year else {}

    def note(scenario: str = "basisscenario, alle sectoren") -> str:
        return (
            f"Enkel voor het rapportjaar {year}: laatste editie van de beroepenprojecties van Steunpunt Werk "
            f"({scenario}), laatste knelpuntberoepenlijst van VDAB, actief aanbod en uitreikingen in {year}. "
        )

    hidden_points = (
        " Groepen met verborgen uitreikingen staan niet in de grafiek, maar tellen mee voor de mediaan en het "
        "percentiel. " + suppression_note(data.min_cell)
    )
    return Page(
        file="vaardigheidskloof.html",
        title="Vaardigheidskloof",
        intro="Beantwoordt het aanbod aan microcredentials de tekorten die Steunpunt Werk projecteert? Een witte "
        "vlek is een beroepsgroep met hoge druk, minstens één knelpuntberoep en weinig uitreikingen "
        "(Vlor-advies 4.2.2 en 5.2). Een robuuste witte vlek is dat in beide scenario's van de projecties.",
        years=[year] if year else [],
        blocks=[
            Block(
                "Druk en dekking",
                note() + data.definition("gap_white_spot") + hidden_points,
                for_report_year(lambda: scatter(frame, year)),
            ),
            Block(
                "Witte vlekken",
                note("basisscenario en hoog scenario, alle sectoren")
                + "Beroepsgroepen die in minstens één scenario aan alle drie voorwaarden voldoen. "
                + data.definition("gap_white_spot_robust")
                + " De oorzaken komen van de knelpuntberoepenlijst.",
                for_report_year(lambda: white_spot_table(frame, causes)),
            ),
            Block(
                "Druk en dekking in het hoge scenario",
                note("hoog scenario, alle sectoren") + data.definition("gap_white_spot_high") + hidden_points,
                for_report_year(lambda: scatter(frame, year, "_high")),
            ),
            Block(
                "Witte vlekken per sector",
                note("basisscenario, per sector") + data.definition("gap_sector_white_spot") + " Aanbod en "
                "uitreikingen noemen beroepen, geen sectoren: de dekking is die van de beroepsgroep over alle "
                "sectoren.",
                for_report_year(lambda: sector_chart(sectors, year)),
            ),
            Block(
                "Witte vlekken per sector: de beroepsgroepen",
                note("basisscenario, per sector") + "Per sector de beroepsgroepen die er een witte vlek zijn.",
                for_report_year(lambda: sector_table(sectors)),
            ),
            Block(
                "Oorzaken van de knelpuntberoepen",
                note() + data.definition("gap_bottleneck_causes") + " Een beroep kan meer dan één oorzaak hebben. "
                "Enkel beroepsgroepen met minstens één knelpuntberoep.",
                for_report_year(lambda: causes_chart(causes, year)),
            ),
            Block(
                "Alle beroepsgroepen",
                note() + "Aanwervingsbehoefte: gemiddelde per projectiejaar. Dekking: "
                "uitreikingen per 1000 aanwervingen. " + suppression_note(data.min_cell),
                for_report_year(lambda: group_table(frame)),
            ),
        ],
    )
