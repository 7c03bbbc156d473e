"""Aanbod: how many micro-credentials are offered, and with which characteristics."""

from __future__ import annotations

from dashboards.charts import bars, grouped_bars
from dashboards.data import SiteData
from dashboards.layout import Block, Page

BREAKDOWNS = ["provider_type", "isced_broad", "level", "participation_form", "purpose"]
SHARES = [
    "offer_share_ects",
    "offer_share_levelled",
    "offer_share_stackable",
    "offer_share_joint",
    "offer_share_lifewide",
    "offer_share_incentive",
    "offer_share_below_threshold",
    "offer_share_recognised",
]


def build(data: SiteData) -> Page:
    years = data.years
    counts, shares, kinds = {}, {}, {}
    for year in years:
        rows = data.select("offer_count", year, "credential_kind")
        if not rows.empty:
            kinds[str(year)] = bars(rows, f"Aantal microcredentials per soort credential, {year}")
        for dimension in BREAKDOWNS:
            key = f"{year}|{dimension}"
            rows = data.select("offer_count", year, dimension)
            if not rows.empty:
                counts[key] = bars(rows, f"Aantal microcredentials per {data.breakdown(dimension)}, {year}")
            frames = {data.name(i): data.select(i, year, dimension) for i in SHARES}
            if any(not f.empty for f in frames.values()):
                shares[key] = grouped_bars(
                    frames, f"Kenmerken van het aanbod per {data.breakdown(dimension)}, {year}", "percent"
                )
    return Page(
        file="aanbod.html",
        title="Aanbod",
        intro="Hoeveel microcredentials aangeboden worden, door wie, op welk niveau en met welke kenmerken "
        "(Vlor-advies 4.1, 4.2.3, 4.2.4, 4.3 en 5.2).",
        years=years,
        breakdowns=[(d, data.dimension_labels[d]) for d in BREAKDOWNS],
        blocks=[
            Block(
                "Aantal microcredentials",
                data.definition("offer_count") + " Bron: catalogi van de aanbieders en Europese digitale credentials.",
                counts,
                by_breakdown=True,
            ),
            Block(
                "Kenmerken van het aanbod",
                "Aandeel van de actieve aanbiedingen met omvang in ECTS, met een niveau, stapelbaar, gezamenlijk, "
                "gericht op persoonlijke ontwikkeling, met recht op opleidingsincentives (Opleidingsdatabank) en "
                "onder de "
                "drempel voor incentives (minder dan 3 ECTS of 32 uur/lestijden; noemer: aanbod in ECTS, uren of "
                "lestijden) en met een erkenning elders (vrijstelling, creditbewijs of beroepskwalificatie; noemer: "
                "aanbod waarvan de erkenning gekend is). Bron: catalogi, Opleidingsdatabank.",
                shares,
                by_breakdown=True,
            ),
            Block(
                "Soort credential",
                "Aantal actieve microcredentials per soort: op zichzelf staand, deelcertificaat of "
                "opleidingsonderdeel van een opleiding, deelkwalificatie, EVC-certificaat (Vlor-advies 4.1). Onbekend: "
                "de aanbieder vulde de soort niet of ongeldig in, of levert nog in het oude formaat aan. Een "
                "microcredential die enkel uit een Europese digitale credential gekend is, telt als microcredential. "
                "Bron: catalogi van de aanbieders en Europese digitale credentials.",
                kinds,
            ),
        ],
    )
