"""Datakwaliteit: what each source delivered, what was loaded, quarantined or refused, and the checks."""

from __future__ import annotations

from dashboards.data import SiteData, count
from dashboards.layout import PALETTE, Block, Figure, Page, figure, table

KINDS = {"rejected_file": "geweigerd bestand", "quarantined_row": "rij in quarantaine", "field_issue": "veldprobleem"}
OUTCOMES = {"loaded": "ingeladen", "quarantined": "quarantaine", "duplicate": "dubbel", "rejected": "bestand geweigerd"}


def issues_chart(data: SiteData) -> Figure:
    traces = []
    for index, (kind, label) in enumerate(KINDS.items()):
        per_reason = data.issues[data.issues["kind"] == kind].groupby("reason", as_index=False)["count"].sum()
        rows = list(per_reason.itertuples())
        traces.append(
            {
                "type": "bar",
                "name": label,
                "x": [r.reason for r in rows],
                "y": [int(r.count) for r in rows],
                "marker": {"color": PALETTE[index]},
                "hovertext": [f"{label}: {r.reason}<br>{count(r.count)}" for r in rows],
                "hoverinfo": "text",
            }
        )
    chart = figure(traces, "Gegevensproblemen per reden", "redencode", "aantal")
    chart["layout"]["barmode"] = "stack"
    return chart


def build(data: SiteData) -> Page:
    sources = table(
        [
            "bron",
            "omschrijving",
            "bestanden",
            "geweigerd",
            "ontvangen",
            "ingeladen",
            "quarantaine",
            "dubbel",
            "in geweigerde bestanden",
            "status",
        ],
        [
            [
                r.source,
                r.source_label,
                count(r.files),
                count(r.files_rejected),
                count(r.rows_received),
                count(r.rows_loaded),
                count(r.rows_quarantined),
                count(r.rows_duplicate),
                count(r.rows_in_rejected_files),
                "ontbreekt" if r.is_missing else ("sluit" if r.reconciles else "sluit niet"),
            ]
            for r in data.sources.itertuples()
        ],
        numeric={2, 3, 4, 5, 6, 7, 8},
    )
    files = table(
        ["bron", "bestand", "status", "reden", "ontvangen", "ingeladen", "quarantaine", "dubbel", "sluit", "opmerking"],
        [
            [
                r.source or "",
                r.file,
                "ingelezen" if r.status == "loaded" else "geweigerd",
                r.reason or "",
                count(r.rows_received),
                count(r.rows_loaded),
                count(r.rows_quarantined),
                count(r.rows_duplicate),
                "ja" if r.reconciles else "nee",
                r.message or r.warning or "",
            ]
            for r in data.files.itertuples()
        ],
        numeric={4, 5, 6, 7},
    )
    credentials = table(
        ["vorm", "uitkomst", "reden", "bestanden", "claims"],
        [
            [r.shape_label, OUTCOMES[r.outcome], r.reason or "", count(r.files), count(r.claims)]
            for r in data.elm_outcomes.itertuples()
        ],
        numeric={3, 4},
    )
    checks = table(
        ["ernst", "tabel", "controle", "geslaagd", "waargenomen", "omschrijving"],
        [
            [r.severity, r.suite, r.expectation, "ja" if r.success else "NEE", r.observed_value, r.description]
            for r in data.expectations.sort_values(["success", "severity", "suite"]).itertuples()
        ],
    )
    return Page(
        file="datakwaliteit.html",
        title="Datakwaliteit",
        intro="Wat elke bron aanleverde en wat ermee gebeurde: elke ontvangen rij is ingeladen, in quarantaine "
        "gezet met een reden, of als dubbel geteld. De controles (Great Expectations) van de laatste run staan "
        "onderaan.",
        blocks=[
            Block(
                "Per bron",
                "Ontvangen = ingeladen + quarantaine + dubbel. Een ontbrekende bron heeft nog niets "
                "aangeleverd: haar indicatoren blijven leeg. Bron: dq.sources.",
                {"": sources},
                by_year=False,
            ),
            Block(
                "Gegevensproblemen",
                "Geweigerde bestanden, rijen in quarantaine (niet ingeladen) en veldproblemen "
                "(ongeldige waarde leeggemaakt, rij wel ingeladen), per redencode. Bron: dq.issue_counts.",
                {"": issues_chart(data)},
                by_year=False,
            ),
            Block(
                "Europese digitale credentials per vorm",
                "Hoe de credentials aankwamen (credential, ondertekende envelop, EDC-uploadverpakking, JWT of "
                "SD-JWT) en wat er met hun claims gebeurde. Een claim die geen uitreiking is (een leeractiviteit "
                "zoals een webinar, reden not_an_achievement) staat ter informatie in quarantaine. "
                "Bron: dq.elm_outcomes.",
                {"": credentials},
                by_year=False,
            ),
            Block(
                "Controles van de laatste run",
                "ERROR-controles blokkeren de publicatie wanneer ze falen; "
                "WARN-controles zijn signalen. Bron: dq.expectations.",
                {"": checks},
                by_year=False,
            ),
            Block("Per bestand", "Elk bestand in het landingsgebied. Bron: dq.files.", {"": files}, by_year=False),
        ],
    )
