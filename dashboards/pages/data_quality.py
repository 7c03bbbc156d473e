"""Datakwaliteit: what each source delivered, what was loaded, quarantined or refused, and the checks."""

from __future__ import annotations

import html

from dashboards.charts import height_for
from dashboards.data import SiteData, count
from dashboards.layout import PALETTE, PATTERNS, Block, Figure, Page, figure, table, wrap

KINDS = {"rejected_file": "geweigerd bestand", "quarantined_row": "rij in quarantaine", "field_issue": "veldprobleem"}
OUTCOMES = {"loaded": "ingeladen", "quarantined": "quarantaine", "duplicate": "dubbel", "rejected": "bestand geweigerd"}


def issues_chart(data: SiteData) -> Figure:
    traces = []
    for index, (kind, label) in enumerate(KINDS.items()):
        per_reason = data.issues[data.issues["kind"] == kind].groupby("reason", as_index=False)["count"].sum()
        rows = list(per_reason.itertuples())
        reasons = [data.reasons.get(r.reason, r.reason) for r in rows]
        traces.append(
            {
                "type": "bar",
                "name": label,
                "orientation": "h",
                "y": [wrap(reason, 24) for reason in reasons],
                "x": [int(r.count) for r in rows],
                "marker": {
                    "color": PALETTE[index],
                    "pattern": {"shape": PATTERNS[index], "fillmode": "overlay", "fgcolor": "white"},
                },
                "hovertext": [
                    f"{label}: {html.escape(reason)}<br>{count(r.count)}"
                    for r, reason in zip(rows, reasons, strict=True)
                ],
                "hoverinfo": "text",
                "customdata": [count(r.count) for r in rows],
            }
        )
    reasons = list(dict.fromkeys(label for trace in traces for label in trace["y"]))
    chart = figure(traces, "Gegevensproblemen per reden", "aantal", "reden", height=height_for(reasons) + 60)
    chart["layout"]["barmode"] = "stack"
    chart["layout"]["yaxis"]["categoryorder"] = "total ascending"
    return chart


def build(data: SiteData) -> Page:
    file_status = {"loaded": "ingeladen", "rejected": "geweigerd"}
    sources = table(
        [
            "bron",
            "bestanden",
            "geweigerd",
            "ontvangen",
            "ingeladen",
            "quarantaine",
            "dubbel",
            "in geweigerde bestanden",
            "telling",
        ],
        [
            [
                r.source_label,
                count(r.files),
                count(r.files_rejected),
                count(r.rows_received),
                count(r.rows_loaded),
                count(r.rows_quarantined),
                count(r.rows_duplicate),
                count(r.rows_in_rejected_files),
                "niets aangeleverd" if r.is_missing else ("klopt" if r.reconciles else "klopt niet"),
            ]
            for r in data.sources.itertuples()
        ],
        caption="Per bron: bestanden en rijen",
        numeric={1, 2, 3, 4, 5, 6, 7},
    )
    source_names = dict(zip(data.sources["source"], data.sources["source_label"], strict=True))
    # The files with something to say; a file loaded whole and without remark is only counted (every file is
    # in dq.files). The sample's 446 files, most of them single credentials, made a table nobody reads through.
    remarkable = data.files[
        (data.files["status"] == "rejected")
        | (data.files["rows_quarantined"] > 0)
        | (data.files["rows_duplicate"] > 0)
        | data.files["message"].notna()
        | data.files["warning"].notna()
        | ~data.files["reconciles"].astype(bool)
    ]
    files = table(
        [
            "bron",
            "bestand",
            "status",
            "reden",
            "ontvangen",
            "ingeladen",
            "quarantaine",
            "dubbel",
            "telling",
            "opmerking",
        ],
        [
            [
                source_names.get(r.source, "buiten de bronmappen"),
                r.file,
                file_status[r.status],
                data.reasons.get(r.reason, ""),
                count(r.rows_received),
                count(r.rows_loaded),
                count(r.rows_quarantined),
                count(r.rows_duplicate),
                "klopt" if r.reconciles else "klopt niet",
                first_text(r.message, r.warning),
            ]
            for r in remarkable.itertuples()
        ],
        caption="Bestanden met een opmerking",
        numeric={4, 5, 6, 7},
    )
    credentials = table(
        ["vorm", "uitkomst", "reden", "bestanden", "claims"],
        [
            [
                r.shape_label,
                OUTCOMES[r.outcome],
                data.reasons.get(r.reason, ""),
                count(r.files),
                count(r.claims),
            ]
            for r in data.elm_outcomes.itertuples()
        ],
        caption="Europese digitale credentials per vorm en uitkomst",
        numeric={3, 4},
    )
    checks = table(
        ["ernst", "tabel", "controle", "geslaagd", "waargenomen"],
        [
            [
                data.severities.get(r.severity, r.severity),
                r.suite,
                r.description,
                "ja" if r.success else "NEE",
                r.observed_value,
            ]
            for r in data.expectations.sort_values(["success", "severity", "suite"]).itertuples()
        ],
        caption="Controles van de laatste run",
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
                "zoals een webinar) staat ter informatie in quarantaine. "
                "Bron: dq.elm_outcomes.",
                {"": credentials},
                by_year=False,
            ),
            Block(
                "Controles van de laatste run",
                "Blokkerende controles stoppen de publicatie wanneer ze falen; de andere zijn signalen. "
                "Bron: dq.expectations.",
                {"": checks},
                by_year=False,
            ),
            Block(
                "Bestanden met een opmerking",
                f"{count(len(remarkable))} van de {count(len(data.files))} bestanden in het landingsgebied: "
                "geweigerd, met rijen in quarantaine of dubbele rijen, of met een waarschuwing. De andere "
                f"{count(len(data.files) - len(remarkable))} zijn volledig ingeladen. Elk bestand: dq.files.",
                {"": files},
                by_year=False,
            ),
        ],
    )


def first_text(*values: object) -> str:
    """The first value that is text; a missing value (None, or NaN from pandas) is not."""
    return next((v for v in values if isinstance(v, str)), "")
