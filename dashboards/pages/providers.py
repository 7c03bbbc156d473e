"""Aanbieders: a scorecard per provider, beside all providers of its type: its offers, how they carry the EU
standard elements over the years, its awards (hidden cells stay hidden) and its data quality."""

from __future__ import annotations

import pandas as pd

from dashboards.charts import grouped_bars, trend
from dashboards.data import SiteData, count, shown
from dashboards.layout import Block, Page, table
from dashboards.pages.transparency import ELEMENT_NAMES
from pipelines.formatting import HIDDEN_VALUE, belgian_date, kbo, suppression_note

ALL_ELEMENTS = "Alle negen elementen"
# The charts' series: short, so that the legend fits a phone; the title names the provider and its type.
THIS_PROVIDER = "Deze aanbieder"
ITS_TYPE = "Alle aanbieders van het type"
KINDS = {"quarantined_row": "rij in quarantaine", "field_issue": "veldprobleem"}
# The characteristics the current offer is counted by: a column of marts.offers (read in dashboards/data.py) with
# its code list in ref.codes, and its Dutch name.
OFFER_BREAKDOWNS = {"credential_kind": "Soort credential", "participation_form": "Deelnamevorm", "purpose": "Doel"}


def provider_label(row) -> str:
    return (
        f"{row.provider_name} ({kbo(row.provider_id)})" if isinstance(row.provider_name, str) else kbo(row.provider_id)
    )


def type_label(data: SiteData, provider_type) -> str:
    return data.label("provider_type", provider_type, "type onbekend")


def percent(value) -> str:
    return shown(value, "percent", False)


def figure_or_hidden(value, suppressed) -> str:
    return HIDDEN_VALUE if suppressed else count(value)


def key_figures(data: SiteData, card, label: str) -> str:
    kind = type_label(data, card.provider_type)
    complete = percent(card.share_complete)
    if card.offers_active:
        complete += f" ({count(card.offers_complete)} van {count(card.offers_active)})"
    return table(
        ["", label, f"alle aanbieders van het type ({count(card.type_providers)})"],
        [
            ["Actief aanbod", count(card.offers_active), count(card.type_offers_active)],
            ["Volledig transparant aanbod (alle negen elementen)", complete, percent(card.type_share_complete)],
            [
                "Uitreikingen",
                figure_or_hidden(card.awards, card.awards_suppressed),
                figure_or_hidden(card.type_awards, card.type_awards_suppressed),
            ],
        ],
        caption=f"Kerncijfers van {label}, {card.year}, naast alle aanbieders van het type {kind}",
        numeric={1, 2},
    )


def element_rows(elements: pd.DataFrame, card, of_type: bool) -> pd.DataFrame:
    """One bar per element and one for all nine, as the shared bar charts read them."""
    prefix = "type_" if of_type else ""
    rows = pd.DataFrame(
        {
            "label": [ELEMENT_NAMES[e] for e in elements["element_no"]] + [ALL_ELEMENTS],
            "value": [*elements[f"{prefix}share"], card[f"{prefix}share_complete"]],
            "numerator": [
                *elements["type_offers_complying" if of_type else "offers_complying"],
                card.type_offers_complete if of_type else card.offers_complete,
            ],
            "denominator": [
                *elements["type_offers" if of_type else "offers"],
                card.type_offers_active if of_type else card.offers_active,
            ],
        }
    )
    return rows.assign(unit="percent", suppressed=False, dimension_label="Standaardelement")


def elements_chart(data: SiteData, card, elements: pd.DataFrame, label: str) -> dict:
    kind = type_label(data, card.provider_type)
    return grouped_bars(
        {THIS_PROVIDER: element_rows(elements, card, False), ITS_TYPE: element_rows(elements, card, True)},
        f"Standaardelementen van het actieve aanbod van {label}, naast het type {kind}, {card.year}",
        "percent",
    )


def trend_chart(cards: pd.DataFrame) -> dict:
    provider = cards.assign(value=cards["share_complete"], suppressed=False)
    of_type = cards.assign(value=cards["type_share_complete"], suppressed=False)
    return trend(
        {THIS_PROVIDER: provider, ITS_TYPE: of_type},
        "Aandeel volledig transparant aanbod per jaar",
        "percent",
    )


def elements_by_year(data: SiteData, elements: pd.DataFrame, cards: pd.DataFrame, label: str) -> str:
    years = [int(y) for y in cards["year"]]
    rows = []
    for element, name in ELEMENT_NAMES.items():
        per_year = elements[elements["element_no"] == element].set_index("year")
        if per_year.empty:
            continue
        rows.append(
            [name]
            + [
                f"{percent(per_year.loc[y, 'share'])} (type {percent(per_year.loc[y, 'type_share'])})"
                if y in per_year.index
                else ""
                for y in years
            ]
        )
    complete = cards.set_index("year")
    rows.append(
        [ALL_ELEMENTS]
        + [
            f"{percent(complete.loc[y, 'share_complete'])} (type {percent(complete.loc[y, 'type_share_complete'])})"
            if complete.loc[y, "offers_active"]
            else ""
            for y in years
        ]
    )
    return table(
        ["standaardelement", *map(str, years)],
        rows,
        caption=f"Aandeel van het actieve aanbod van {label} dat aan elk element voldoet, per jaar (tussen haakjes: "
        "alle aanbieders van het type)",
        numeric=set(range(1, len(years) + 1)),
    )


def per_year(cards: pd.DataFrame, label: str) -> str:
    return table(
        ["jaar", "actief aanbod", "volledig transparant", "uitreikingen"],
        [
            [
                str(c.year),
                count(c.offers_active),
                percent(c.share_complete),
                figure_or_hidden(c.awards, c.awards_suppressed),
            ]
            for c in cards.itertuples()
        ],
        caption=f"Aanbod en uitreikingen van {label} per jaar",
        numeric={1, 2, 3},
    )


def current_offers(data: SiteData, offers: pd.DataFrame, label: str, report_year: int) -> str:
    end = pd.Timestamp(report_year, 12, 31)
    start = pd.Timestamp(report_year, 1, 1)
    rows = []
    for o in offers.itertuples():
        active = pd.Timestamp(o.valid_from) <= end and (pd.isna(o.valid_to) or pd.Timestamp(o.valid_to) >= start)
        rows.append(
            [
                o.title if isinstance(o.title, str) else "(zonder titel)",
                o.offer_id,
                data.label("offer_source", o.offer_source, ""),
                data.label("participation_form", o.participation_form, ""),
                belgian_date(o.valid_from),
                belgian_date(o.valid_to),
                "ja" if active else "nee",
                f"{count(o.elements_complied)} van 9",
            ]
        )
    return table(
        [
            "titel",
            "mc_id",
            "herkomst",
            "deelnamevorm",
            "startdatum",
            "einddatum",
            f"actief in {report_year}",
            "standaardelementen",
        ],  # fmt: skip
        rows,
        caption=f"Huidig aanbod van {label} ({count(len(rows))} microcredentials)",
    )


def offers_by(data: SiteData, offers: pd.DataFrame, label: str) -> str:
    """The current offer counted per value of each characteristic of OFFER_BREAKDOWNS."""
    rows = []
    for column, name in OFFER_BREAKDOWNS.items():
        for code, n in offers[column].fillna("ONBEKEND").value_counts(sort=False).sort_index().items():
            rows.append([name, data.label(column, code, "Onbekend"), count(n)])
    return table(
        ["kenmerk", "waarde", "microcredentials"], rows, caption=f"Huidig aanbod van {label} per kenmerk", numeric={2}
    )


def data_quality(data: SiteData, issues: pd.DataFrame, label: str) -> str:
    if issues.empty:
        return f'<p class="empty">Geen rijen in quarantaine en geen veldproblemen voor {label}.</p>'
    return table(
        ["bron", "soort", "reden", "veld", "aantal", "alle aanbieders van het type"],
        [
            [
                data.label("source", r.source, r.source),
                KINDS[r.kind],
                data.reasons.get(r.reason, ""),
                r.field if isinstance(r.field, str) else "",
                count(r.count),
                count(r.type_count),
            ]
            for r in issues.itertuples()
        ],
        caption=f"Rijen in quarantaine en veldproblemen van {label}",
        numeric={4, 5},
    )


def build(data: SiteData) -> Page:
    years = data.years
    cards = data.scorecard
    type_order = {code: i for i, code in enumerate(data.codes.loc[data.codes["list"] == "provider_type", "code"])}
    providers = (
        cards.drop_duplicates("provider_id")
        .assign(order=lambda f: f["provider_type"].map(type_order).fillna(len(type_order)))
        .sort_values(["order", "provider_name", "provider_id"], na_position="last")
    )
    figures, charts, trends, tables, offers, by_year, quality = {}, {}, {}, {}, {}, {}, {}
    report_year = data.report_year or (years[-1] if years else 0)
    # Split each table by provider once, not once per provider.
    empty = {
        name: frame.iloc[0:0]
        for name, frame in (
            ("cards", cards),
            ("compliance", data.compliance),
            ("offers", data.offers),
            ("issues", data.provider_issues),
        )
    }
    cards_of, compliance_of, offers_of, issues_of = (
        dict(tuple(frame.groupby("provider_id", sort=False)))
        for frame in (cards, data.compliance, data.offers, data.provider_issues)
    )
    for provider in providers.itertuples():
        label = provider_label(provider)
        pid = provider.provider_id
        own = cards_of.get(pid, empty["cards"])
        elements = compliance_of.get(pid, empty["compliance"])
        for card in own.itertuples():
            key = f"{card.year}|{provider.provider_id}"
            figures[key] = key_figures(data, card, label)
            that_year = elements[elements["year"] == card.year]
            if not that_year.empty:
                charts[key] = elements_chart(data, own.loc[card.Index], that_year, label)
        trends[pid] = trend_chart(own)
        tables[pid] = elements_by_year(data, elements, own, label)
        by_year[pid] = per_year(own, label)
        own_offers = offers_of.get(pid, empty["offers"])
        offers[pid] = current_offers(data, own_offers, label, report_year) + offers_by(data, own_offers, label)
        quality[pid] = data_quality(data, issues_of.get(pid, empty["issues"]), label)
    return Page(
        file="aanbieders.html",
        title="Aanbieders",
        intro="De scorekaart van één aanbieder naast alle aanbieders van hetzelfde type: het aanbod, welke "
        "EU-standaardelementen het vermeldt en hoe dat evolueert (Vlor-advies 3.2 en 4.2.1), de uitreikingen en "
        "de datakwaliteit van de aanlevering. Kies de aanbieder in de lijst of zoek op naam of "
        "KBO-nummer.",
        years=years,
        providers=[
            (p.provider_id, provider_label(p), type_label(data, p.provider_type)) for p in providers.itertuples()
        ],
        blocks=[
            Block(
                "Kerncijfers",
                "Actief aanbod: huidige aanbiedingen die actief zijn in het jaar. Volledig transparant: voldoet aan "
                "alle negen standaardelementen op aanbodniveau. Uitreikingen: met een uitreikingsdatum in het jaar. "
                + suppression_note(data.min_cell)
                + " Bron: marts.provider_scorecard.",
                figures,
            ),
            Block(
                "Standaardelementen",
                "Aandeel van het actieve aanbod van de aanbieder dat aan elk standaardelement voldoet, naast alle "
                "aanbieders van hetzelfde type (de transparantie-indicatoren per type aanbieder). Een waarde die "
                "aangeleverd maar ongeldig is, voldoet niet. Bron: marts.provider_compliance.",
                charts,
            ),
            Block(
                "Evolutie van de transparantie",
                "Aandeel van het actieve aanbod dat aan alle negen standaardelementen voldoet, per jaar, naast alle "
                "aanbieders van hetzelfde type. Een jaar zonder actief aanbod heeft geen punt. "
                "Bron: marts.provider_scorecard.",
                trends,
                by_year=False,
            ),
            Block(
                "Standaardelementen per jaar",
                "Per element en jaar het aandeel van het actieve aanbod dat eraan voldoet, met tussen haakjes "
                "alle aanbieders van het type. Bron: marts.provider_compliance.",
                tables,
                by_year=False,
            ),
            Block(
                "Per jaar",
                "Actief aanbod, aandeel volledig transparant en uitreikingen per jaar. "
                + suppression_note(data.min_cell)
                + " Bron: marts.provider_scorecard.",
                by_year,
                by_year=False,
            ),
            Block(
                "Huidig aanbod",
                "De laatste versie van elke microcredential van de aanbieder, uit haar catalogus of uit Europese "
                "digitale credentials, met het aantal van de negen standaardelementen op aanbodniveau waaraan ze "
                "voldoet, en het aantal per kenmerk. Bron: marts.offers.",
                offers,
                by_year=False,
            ),
            Block(
                "Datakwaliteit van de aanlevering",
                "Rijen in quarantaine (niet ingeladen) en veldproblemen (ongeldige waarde leeggemaakt, rij wel "
                "ingeladen) van de laatste run, per bron en reden, naast alle aanbieders van hetzelfde type. Een "
                "geweigerd bestand staat op de pagina Datakwaliteit: de inhoud ervan werd niet gelezen en noemt dus "
                "geen aanbieder. De aanbieder krijgt de rijen zelf in haar terugkoppelingsbestand. "
                "Bron: dq.provider_issue_counts.",
                quality,
                by_year=False,
            ),
        ],
    )
