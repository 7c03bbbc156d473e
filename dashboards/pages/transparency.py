"""Transparantie: how far offers carry the EU standard elements of a micro-credential."""

from __future__ import annotations

from dashboards.charts import bars, number
from dashboards.data import SiteData
from dashboards.layout import Block, Figure, Page, figure, wrap
from pipelines.formatting import belgian

BREAKDOWNS = ["provider_type", "isced_broad", "level", "participation_form", "purpose"]
OFFER_ELEMENTS = ["02", "03", "04", "06", "07", "08", "09", "10", "11"]
ELEMENT_NAMES = {
    "01": "01 Identificatie van de lerende",
    "02": "02 Titel",
    "03": "03 Land of regio van de uitreiker",
    "04": "04 Uitreikende instantie",
    "05": "05 Datum van uitreiking",
    "06": "06 Leerresultaten",
    "07": "07 Studiebelasting",
    "08": "08 Niveau",
    "09": "09 Beoordelingsvorm",
    "10": "10 Deelnamevorm",
    "11": "11 Kwaliteitszorg",
}


def heatmap(data: SiteData, year: int, dimension: str) -> Figure | None:
    columns = data.select("transparency_complete", year, dimension)
    if columns.empty:
        return None
    labels = list(columns["label"])
    rows, texts, names = [], [], []
    for element, name in ELEMENT_NAMES.items():
        names.append(name)
        if element in OFFER_ELEMENTS:
            values = data.select(f"transparency_element_{element}", year, dimension).set_index("label")["value"]
            row = [number(values.get(label)) for label in labels]
            rows.append(row)
            texts.append(["" if v is None else f"{belgian(v, 0)} %" for v in row])
        else:
            # 01 and 05 belong to the award: an award without them does not load.
            rows.append([100.0] * len(labels))
            texts.append(["gegarandeerd"] * len(labels))
    # Categories as rows and the elements' numbers as columns: the labels stay horizontal on a phone too.
    trace = {
        "type": "heatmap",
        "z": [list(column) for column in zip(*rows, strict=True)],
        "x": list(ELEMENT_NAMES),
        "y": [wrap(label, 24) for label in labels],
        "text": [list(column) for column in zip(*texts, strict=True)],
        "texttemplate": "%{text}",
        "colorscale": "Cividis",
        "zmin": 0,
        "zmax": 100,
        "colorbar": {"title": {"text": "%"}},
        "customdata": [names] * len(labels),
        "hovertemplate": "%{customdata}<br>%{y}: %{text}<extra></extra>",
    }
    chart = figure(
        [trace],
        f"Standaardelementen per {data.breakdown(dimension)}, {year}",
        "standaardelement (nummer)",
        height=max(420, 180 + 48 * len(labels)),
    )
    chart["layout"]["yaxis"]["autorange"] = "reversed"
    chart["layout"]["xaxis"]["type"] = "category"
    chart["table"] = (["standaardelement", *labels], [[name, *row] for name, row in zip(names, texts, strict=True)])
    return chart


def build(data: SiteData) -> Page:
    years = data.years
    maps, complete = {}, {}
    for year in years:
        for dimension in BREAKDOWNS:
            key = f"{year}|{dimension}"
            figure = heatmap(data, year, dimension)
            if figure is not None:
                maps[key] = figure
                complete[key] = bars(
                    data.select("transparency_complete", year, dimension),
                    f"Aandeel dat aan alle negen elementen voldoet per {data.breakdown(dimension)}, {year}",
                )
    return Page(
        file="transparantie.html",
        title="Transparantie",
        intro="In welke mate het aanbod de elf EU-standaardelementen van een microcredential vermeldt "
        "(Raadsaanbeveling 2022; Vlor-advies 3.2 en 4.2.1).",
        years=years,
        breakdowns=[(d, data.dimension_labels[d]) for d in BREAKDOWNS],
        blocks=[
            Block(
                "De elf standaardelementen",
                "Aandeel van de actieve aanbiedingen dat aan elk element voldoet. Een waarde die aangeleverd maar "
                "ongeldig is, voldoet niet. Elementen 01 (lerende) en 05 (datum van uitreiking) horen bij de "
                "uitreiking: een uitreiking zonder die elementen wordt niet ingeladen, dus ze zijn gegarandeerd. "
                "De elementen: " + "; ".join(ELEMENT_NAMES.values()) + ". Bron: catalogi van de aanbieders.",
                maps,
                by_breakdown=True,
            ),
            Block(
                "Volledig transparant aanbod",
                data.definition("transparency_complete"),
                complete,
                by_breakdown=True,
            ),
        ],
    )
