"""Aanbod zoeken: every current offer, searched and filtered in the browser, with its EU standard elements.

The page carries the offers as columns, which `static/aanbod-zoeken.js` filters without a server: a code is a small
integer into its column's Dutch labels, a list of codes a bit mask over them, a text an index into one table of
distinct texts. So 20 000 offers stay a few megabytes, and a filter is a loop over typed arrays.
"""

from __future__ import annotations

import html

import numpy as np
import pandas as pd

from dashboards.data import SiteData
from dashboards.layout import Block, Page
from pipelines.formatting import belgian, belgian_date, kbo
from pipelines.publication import published_tables

# The reader's code filters, in the form's order: (column of dashboards/offers.sql, its list in ref.codes). A column
# holding a list of codes (VARCHAR[]) keeps the offers that carry the chosen code. Its name in the form and the detail
# view is the list's breakdown name (ref.codes, list dimension), else the column's label in models/published.yml.
# A new column of marts.offers needs only its line here: its filter, options, labels and detail line follow.
CODE_FILTERS = (
    ("provider_type", "provider_type"),
    ("credential_kind", "credential_kind"),
    ("recognition", "recognition"),
    ("isced_broad", "isced_broad"),
    ("level_group", "level"),
    ("participation_form", "participation_form"),
    ("purpose", "purpose"),
    ("issuer_region", "issuer_region"),
    ("language", "language"),
)
# Further code columns the detail view shows by their labels.
CODE_COLUMNS = (("volume_unit", "volume_unit"), ("level_framework", "level_framework"),
                ("assessment_type", "assessment_type"), ("offer_source", "offer_source"))  # fmt: skip
TEXT_COLUMNS = ("title", "provider_name", "provider_id", "offer_id", "quality_assurance", "odb_id")
# Searched by the free text, with the learning outcomes (the offer's description).
SEARCHED = ("title", "provider_name", "learning_outcomes", "quality_assurance", "offer_id")
NUMBER_COLUMNS = ("volume_value", "level", "price_eur")
YES_NO_COLUMNS = ("stackable", "is_joint")
# The Opleidingsdatabank's incentives, as marts.offers carries them; the KMO-portefeuille is not in any source.
INCENTIVES = ("incentive_vov", "incentive_vouchers", "incentive_credit")
ELEMENT_COLUMNS = {
    "02": ["title"],
    "03": ["issuer_region"],
    "04": ["provider_name", "provider_id"],
    "06": ["learning_outcomes"],
    "07": ["volume"],
    "08": ["level_text"],
    "09": ["assessment_type"],
    "10": ["participation_form"],
    "11": ["quality_assurance"],
}
UNKNOWN = "Onbekend"
STEP = 50  # results shown at once, and added by "Toon meer"


def build(data: SiteData) -> Page:
    offers = data.offers
    labels = offer_labels()
    payload = encode(offers, labels, data)
    total = belgian(len(offers))
    form = filter_form(payload, labels, data)
    results = (
        f'<p id="aantal" class="count" role="status">{total} van {total} microcredentials</p>'
        '<div id="resultaten-blok"><ol id="resultaten" class="results" aria-labelledby="aantal"></ol>'
        '<p id="geen-resultaten" class="empty" hidden>Geen microcredential voldoet aan deze keuze.</p>'
        '<button type="button" id="meer" class="more" hidden>Toon meer</button></div>'
        '<section id="detail" class="offer-detail" hidden aria-labelledby="detail-titel"></section>'
    )
    return Page(
        file="aanbod-zoeken.html",
        title="Aanbod zoeken",
        intro="Zoek in het volledige huidige aanbod van microcredentials: op tekst (titel, aanbieder, "
        "leerresultaten, kwaliteitszorg) en met filters. Kies een microcredential voor de details en de "
        "EU-standaardelementen die ze vermeldt (Vlor-advies 3.2, 4.1 en 4.2).",
        blocks=[
            Block(
                "Zoeken en filteren",
                "Bron: marts.offers (catalogi van de aanbieders en Europese digitale credentials, de "
                "Opleidingsdatabank voor de opleidingsincentives). De KMO-portefeuille staat in geen enkele bron "
                "van de monitor en is dus geen filter.",
                {"": form + results},
                by_year=False,
            )
        ],
        script="aanbod-zoeken.js",
        script_data=payload,
    )


def offer_labels() -> dict[str, str]:
    """The Dutch labels of marts.offers's columns (models/published.yml)."""
    return next(t for t in published_tables() if t.name == "marts.offers").labels


def encode(offers: pd.DataFrame, labels: dict[str, str], data: SiteData) -> dict:
    """The offers as columns (see the module's docstring), with what the script needs to show them."""
    texts: dict[str, int] = {}

    def text_index(value) -> int:
        if value is None or (isinstance(value, float) and value != value):
            return -1
        return texts.setdefault(str(value), len(texts))

    columns: dict[str, dict] = {}
    for column, code_list in (*CODE_FILTERS, *CODE_COLUMNS):
        if column in offers:
            columns[column] = code_column(offers[column], code_list, data)
    for column in YES_NO_COLUMNS:
        columns[column] = code_column(offers[column].map({True: "J", False: "N"}), "yes_no", data)
    for column in TEXT_COLUMNS:
        values = offers[column]
        if column == "provider_id":
            values = values.map(lambda v: kbo(v) if isinstance(v, str) else None)
        columns[column] = {"kind": "text", "values": [text_index(v) for v in values]}
    for column in ("valid_from", "valid_to"):
        columns[column] = {"kind": "text", "values": [text_index(belgian_date(v) or None) for v in offers[column]]}
    columns["learning_outcomes"] = {
        "kind": "texts",
        "values": [[text_index(v) for v in listed(values)] for values in offers["learning_outcomes"]],
    }
    for column in NUMBER_COLUMNS:
        columns[column] = {"kind": "number", "values": [None if pd.isna(v) else float(v) for v in offers[column]]}
    columns["incentives"] = {
        "kind": "codes",
        "labels": [labels[c][:1].upper() + labels[c][1:] for c in INCENTIVES],
        "values": mask(offers[list(INCENTIVES)].fillna(False).to_numpy(dtype=bool)).tolist(),
    }
    elements = [f"element_{no}" for no in ELEMENT_COLUMNS]
    columns["elements"] = {
        "kind": "codes",
        "labels": list(ELEMENT_COLUMNS),
        "values": mask(offers[elements].fillna(False).to_numpy(dtype=bool)).tolist(),
    }
    standard = data.standard_elements
    return {
        "n": len(offers),
        # The code filters' names, for the detail view too.
        "filters": [
            {"column": column, "name": filter_name(column, code_list, labels, data)}
            for column, code_list in CODE_FILTERS
            if column in columns
        ],
        "step": STEP,
        "texts": list(texts),
        "columns": columns,
        "searched": list(SEARCHED),
        "elements": [
            {"no": e.element_no, "name": e.name_nl, "columns": ELEMENT_COLUMNS[e.element_no]}
            for e in standard.itertuples()
            if e.applies_to == "offer"
        ],
        "award_elements": [
            {"no": e.element_no, "name": e.name_nl} for e in standard.itertuples() if e.applies_to == "award"
        ],
    }


def listed(values) -> list:
    """A list column's value as a list; a missing list (None, NaN, pd.NA) is empty."""
    return list(values) if isinstance(values, (list, tuple, np.ndarray)) else []


def mask(flags: np.ndarray) -> np.ndarray:
    """Each row's true columns as bits: column j is bit j."""
    return (flags.astype(np.int64) << np.arange(flags.shape[1])).sum(axis=1)


def code_column(values: pd.Series, code_list: str, data: SiteData) -> dict:
    """A code column as indexes into the Dutch labels of the codes it holds, in their list's order; a missing value
    is "Onbekend". A column of code lists becomes bit masks over those labels."""
    is_list = values.map(lambda v: isinstance(v, (list, np.ndarray))).any()
    listed_values = values.map(listed) if is_list else values.map(lambda v: [] if pd.isna(v) else [v])
    present = {code for codes in listed_values for code in codes}
    order = code_order(code_list, data)
    codes = sorted(present, key=lambda c: (order.get(c, (len(order), ""))[0], c))
    labels = [code_label(code_list, c, data) for c in codes]
    index = {c: i for i, c in enumerate(codes)}
    if is_list:
        # The script holds a mask in 32 bits, of which JavaScript's `1 << 31` is the sign.
        if len(codes) > 31:
            raise ValueError(f"{code_list}: meer dan 31 codes in één lijstkolom")
        return {
            "kind": "codes",
            "labels": labels,
            "values": [sum(1 << index[c] for c in set(v)) for v in listed_values],
        }
    unknown_code = "ONBEKEND" if "ONBEKEND" in index else None
    if values.isna().any() and unknown_code is None:
        labels.append(UNKNOWN)
    missing = index[unknown_code] if unknown_code else len(codes)
    return {"kind": "code", "labels": labels, "values": [index[v[0]] if v else missing for v in listed_values]}


def code_order(code_list: str, data: SiteData) -> dict[str, tuple[int, str]]:
    rows = data.codes[data.codes["list"] == code_list]
    return {r.code: (int(r.sort_order), r.label_nl) for r in rows.itertuples()}


YES_NO = {"J": "Ja", "N": "Nee"}


def code_label(code_list: str, code: str, data: SiteData) -> str:
    """The Dutch label of a code; ONBEKEND is "Onbekend"; a country (or a region of one outside the list) its
    country's name from ref.countries."""
    if code_list == "yes_no":
        return YES_NO[code]
    known = code_order(code_list, data)
    if code in known:
        return known[code][1]
    if code == "ONBEKEND":
        return UNKNOWN
    country = data.countries.loc[data.countries["code"] == code.split("-")[0], "label_nl"]
    if code_list == "issuer_region" and not country.empty:
        return country.iloc[0] if "-" not in code else f"{country.iloc[0]} ({code})"
    return code


def filter_name(column: str, code_list: str, labels: dict[str, str], data: SiteData) -> str:
    name = data.dimension_labels.get(code_list) or labels.get(column, column)
    return name[:1].upper() + name[1:]


def filter_form(payload: dict, labels: dict[str, str], data: SiteData) -> str:
    """The form: proper controls with their labels, built here so the page reads without its script too."""
    columns = payload["columns"]

    def select(control_id: str, name: str, column: str, options: list[tuple[str, str]]) -> str:
        items = "".join(f'<option value="{v}">{html.escape(label)}</option>' for v, label in options)
        return (
            f'<div class="field"><label for="{control_id}">{html.escape(name)}</label>'
            f'<select id="{control_id}" data-filter="{column}"><option value="">Alle</option>{items}</select></div>'
        )

    def code_select(column: str, code_list: str) -> str:
        options = [(str(i), label) for i, label in enumerate(columns[column]["labels"])]
        return select(f"f-{column}", filter_name(column, code_list, labels, data), column, options)

    def number(control_id: str, name: str, column: str, bound: str) -> str:
        return (
            f'<div class="field"><label for="{control_id}">{html.escape(name)}</label>'
            f'<input id="{control_id}" type="text" inputmode="decimal" autocomplete="off" data-range="{column}" '
            f'data-bound="{bound}" aria-describedby="{control_id}-fout"><span id="{control_id}-fout" class="error" '
            "hidden>Geef een getal, bv. 3 of 1.250,50.</span></div>"
        )

    codes = "".join(code_select(column, code_list) for column, code_list in CODE_FILTERS if column in columns)
    incentive_options = [
        ("any", "Minstens één opleidingsincentive"),
        *((str(i), label) for i, label in enumerate(columns["incentives"]["labels"])),
        ("none", "Geen opleidingsincentive"),
    ]
    return (
        '<form id="zoekfilters" class="filters" role="search" aria-label="Aanbod zoeken">'
        '<div class="field search"><label for="zoektekst">Zoekterm</label>'
        '<input id="zoektekst" type="search" autocomplete="off" aria-describedby="zoektekst-uitleg">'
        '<span id="zoektekst-uitleg" class="hint">In titel, aanbieder, leerresultaten en kwaliteitszorg; '
        "meerdere woorden: allemaal.</span></div>"
        f"{codes}"
        "<fieldset><legend>Omvang (vanaf en tot en met: in de gekozen eenheid)</legend>"
        + code_select("volume_unit", "volume_unit")
        + number("omvang-van", "Vanaf", "volume_value", "min")
        + number("omvang-tot", "Tot en met", "volume_value", "max")
        + "</fieldset>"
        "<fieldset><legend>Prijs (euro)</legend>"
        + number("prijs-van", "Vanaf", "price_eur", "min")
        + number("prijs-tot", "Tot en met", "price_eur", "max")
        + "</fieldset>"
        + select("f-incentives", "Opleidingsincentives", "incentives", incentive_options)
        + '<div class="field actions"><button type="reset" id="wissen">Alle filters wissen</button></div>'
        "</form>"
    )
