"""The shared layout of the dashboard site: page shell, navigation, selectors, chart style.

A page is a list of blocks. A block has variants keyed by the reader's choices ("2026", "2026|province"
or "" when it does not depend on them; a block's own selectors add their values: "2026|learners|province|sex");
the page carries every variant as JSON and `static/site.js` shows the one that matches the selectors, so the
site works from disk without a server.
"""

from __future__ import annotations

import html
import json
import textwrap
from dataclasses import dataclass, field

# Okabe & Ito's hues, darkened where needed so that every colour has a contrast of at least 3:1 against the
# white background (WCAG 2.1, 1.4.11): the light orange, sky blue and yellow are replaced. Series also differ in
# fill pattern (PATTERNS), so no chart relies on colour alone.
PALETTE = ["#0072B2", "#D55E00", "#009E73", "#B5477F", "#8F7A00", "#6A3D9A", "#000000"]
PATTERNS = ["", "/", ".", "x", "\\", "+", "-"]
HIGHLIGHT = "#D55E00"
MUTED = "#767676"

PAGES = [
    ("index.html", "Overzicht"),
    ("aanbod.html", "Aanbod"),
    ("aanbod-zoeken.html", "Aanbod zoeken"),
    ("transparantie.html", "Transparantie"),
    ("deelname.html", "Deelname"),
    ("vaardigheidskloof.html", "Vaardigheidskloof"),
    ("datakwaliteit.html", "Datakwaliteit"),
    ("aanbieders.html", "Aanbieders"),
    ("woordenboek.html", "Gegevenswoordenboek"),
]


@dataclass
class Block:
    """One chart or HTML fragment with its explanation: definition, source and, where relevant, suppression."""

    title: str
    note: str
    variants: dict[str, Figure | str]
    by_year: bool = True
    by_breakdown: bool = False
    # The block's own selectors, after the page's: (Dutch label, [(value, Dutch text), ...]); the first option
    # is chosen at first, unless `selected` names another value.
    choices: list[Choice] = field(default_factory=list)
    # What the block says for a choice without a variant.
    empty: str = ""

    @property
    def kind(self) -> str:
        return "figure" if any(isinstance(v, dict) for v in self.variants.values()) else "html"


@dataclass
class Choice:
    label: str
    options: list[tuple[str, str]]
    selected: str | None = None


@dataclass
class Page:
    file: str
    title: str
    intro: str
    blocks: list[Block]
    years: list[int] = field(default_factory=list)
    # (dimension, Dutch label) the reader can break the figures down by.
    breakdowns: list[tuple[str, str]] = field(default_factory=list)
    # A script of the page's own in static/, after site.js, with its data as JSON (id "scriptgegevens").
    script: str = ""
    script_data: object = None
    # (KBO number, label, group) of the providers the reader can pick, grouped by provider type.
    providers: list[tuple[str, str, str]] = field(default_factory=list)


@dataclass(frozen=True)
class SiteContext:
    report_year: int
    data_through: str  # Belgian date, e.g. 15/11/2026
    is_complete: bool
    min_cell: int


def wrap(label: str, width: int = 18) -> str:
    """A long category label over several lines, so axes stay readable."""
    # Never inside a word ("Centrum voor Volwa / ssenen..."): a word longer than the width gets a line of its own.
    return "<br>".join(textwrap.wrap(label, width, break_long_words=False, break_on_hyphens=False)) or label


Figure = dict  # a Plotly figure as plotly.js takes it: {"data": [...traces], "layout": {...}}


def figure(traces: list[dict], title: str, x_title: str = "", y_title: str = "", height: int = 420) -> Figure:
    """A Plotly figure with Dutch titles, Belgian number notation (1.234,5) and the colour-blind-safe palette.

    Built as the plain JSON plotly.js reads: the site holds hundreds of variants and plotly.py's figure
    objects validate every property, which took most of the build time.
    """
    axis = {"gridcolor": "#e5e5e5", "automargin": True}
    return {
        "data": traces,
        "layout": {
            "title": {"text": title, "x": 0, "xanchor": "left", "font": {"size": 16}},
            "separators": ",.",
            "colorway": PALETTE,
            "font": {"family": "Segoe UI, Helvetica, Arial, sans-serif", "size": 13},
            "height": height,
            "margin": {"l": 60, "r": 20, "t": 60, "b": 60},
            "plot_bgcolor": "white",
            "paper_bgcolor": "white",
            # At the foot of the figure, below the x-axis title: at a fixed place under the plot area it ran into
            # the x-axis title and tick labels; above the plot, into the title.
            "legend": {"orientation": "h", "x": 0, "xanchor": "left", "y": 0, "yref": "container", "yanchor": "bottom"},
            "hoverlabel": {"namelength": -1},
            "xaxis": {**axis, "title": {"text": x_title}},
            "yaxis": {**axis, "title": {"text": y_title}, "separatethousands": True},
        },
    }


def render(page: Page, site: SiteContext) -> str:
    blocks = []
    data = []
    for number, block in enumerate(page.blocks, start=1):
        block_id = f"blok{number}"
        content = f'<div id="{block_id}" class="{block.kind}"></div>'
        if block.kind == "figure":
            # site.js fills in the shown variant's text alternative and data table.
            content = (
                f'<figure class="chart" aria-labelledby="{block_id}-alt">{content}'
                f'<figcaption id="{block_id}-alt" class="visually-hidden"></figcaption>'
                f'<details class="as-table"><summary>Toon als tabel</summary><div id="{block_id}-tabel"></div>'
                "</details></figure>"
            )
        blocks.append(
            '<section class="block">'
            f'<h2 id="{block_id}-titel">{html.escape(block.title)}</h2>{_choices(block_id, block.choices)}{content}'
            f'<p class="note">{html.escape(block.note)}</p></section>'
        )
        data.append(
            {
                "id": block_id,
                "kind": block.kind,
                "by_year": block.by_year,
                "by_breakdown": block.by_breakdown,
                "choices": [f"{block_id}-keuze{n}" for n in range(1, len(block.choices) + 1)],
                "empty": block.empty,
                "variants": block.variants,
            }
        )
    payload = {"report_year": site.report_year, "is_complete": site.is_complete, "blocks": data}
    return PAGE.format(
        title=html.escape(page.title),
        nav=_navigation(page.file),
        intro=html.escape(page.intro),
        controls=_controls(page),
        banner=html.escape(
            f"Het rapportjaar {site.report_year} is nog niet volledig: gegevens t.e.m. {site.data_through}."
        ),
        banner_hidden="" if not site.is_complete else "hidden",
        blocks="\n".join(blocks),
        data=_script_json(payload),
        script=_page_script(page),
    )


def _script_json(data: object) -> str:
    """JSON to embed in a script element: "</" cannot end it early."""
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"), default=_json_number).replace("</", "<\\/")


def _page_script(page: Page) -> str:
    if not page.script:
        return ""
    return (
        f'\n<script type="application/json" id="scriptgegevens">{_script_json(page.script_data)}</script>'
        f'\n<script src="{html.escape(page.script)}"></script>'
    )


def _json_number(value: object) -> object:
    """numpy numbers from pandas become JSON numbers; NaN is no value."""
    number = float(value)
    return None if number != number else number


def _navigation(current: str) -> str:
    links = []
    for file, label in PAGES:
        active = ' aria-current="page"' if file == current else ""
        links.append(f'<a href="{file}"{active}>{html.escape(label)}</a>')
    return "".join(links)


def _controls(page: Page) -> str:
    parts = []
    if page.providers:
        parts.append(_provider_picker(page.providers))
    if page.years:
        options = "".join(
            f'<option value="{y}"{" selected" if y == page.years[-1] else ""}>{y}</option>' for y in page.years
        )
        parts.append(f'<label>Jaar <select id="jaar">{options}</select></label>')
    if page.breakdowns:
        options = "".join(f'<option value="{d}">{html.escape(label)}</option>' for d, label in page.breakdowns)
        parts.append(f'<label>Opsplitsing <select id="opsplitsing">{options}</select></label>')
    return f'<div class="controls">{"".join(parts)}</div>' if parts else ""


def _choices(block_id: str, choices: list[Choice]) -> str:
    parts = []
    for number, choice in enumerate(choices, start=1):
        selected = choice.selected or choice.options[0][0]
        options = "".join(
            f'<option value="{html.escape(value)}"{" selected" if value == selected else ""}>'
            f"{html.escape(text)}</option>"
            for value, text in choice.options
        )
        parts.append(
            f'<label>{html.escape(choice.label)} <select id="{block_id}-keuze{number}">{options}</select></label>'
        )
    return f'<div class="controls">{"".join(parts)}</div>' if parts else ""


def _provider_picker(providers: list[tuple[str, str, str]]) -> str:
    """A search field that narrows the list of providers, and the list itself, grouped (optgroup) by type."""
    groups: dict[str, list[str]] = {}
    for value, label, group in providers:
        groups.setdefault(group, []).append(f'<option value="{html.escape(value)}">{html.escape(label)}</option>')
    options = "".join(f'<optgroup label="{html.escape(g)}">{"".join(o)}</optgroup>' for g, o in groups.items())
    return (
        '<label>Zoek een aanbieder <input type="search" id="zoek-aanbieder" autocomplete="off" '
        'placeholder="naam of KBO-nummer"></label>'
        f'<label>Aanbieder <select id="aanbieder">{options}</select></label>'
        '<p id="zoek-resultaat" class="visually-hidden" role="status" aria-live="polite"></p>'
    )


PAGE = """<!DOCTYPE html>
<html lang="nl-BE">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title} · Monitor microcredentials Vlaanderen</title>
<link rel="stylesheet" href="site.css">
<script src="plotly.min.js"></script>
<script src="plotly-locale-nl.js"></script>
</head>
<body>
<a class="skip-link" href="#inhoud">Naar de inhoud</a>
<header><p class="brand">Monitor microcredentials Vlaanderen</p><nav aria-label="Pagina's">{nav}</nav></header>
<main id="inhoud" tabindex="-1">
<h1>{title}</h1>
<p class="intro">{intro}</p>
{controls}
<p id="onvolledig" class="banner" {banner_hidden}>{banner}</p>
{blocks}
</main>
<footer>Bronnen: aanbieders (catalogi), Opleidingsdatabank, inschrijvingen en uitreikingen (LED), Europese digitale
credentials, Steunpunt Werk, VDAB, Statbel. Definities: zie het gegevenswoordenboek en
marts.indicator_catalogue.</footer>
<script type="application/json" id="paginagegevens">{data}</script>
<script src="site.js"></script>{script}
</body>
</html>
"""


def table(headers: list[str], rows: list[list[object]], caption: str, numeric: set[int] = frozenset()) -> str:
    """An HTML table with its caption; values are escaped, numeric columns right-aligned, a missing value is an
    empty cell (never "nan"). The table scrolls inside its own frame, which takes keyboard focus for that."""
    head = "".join(
        f'<th scope="col"{" class=num" if i in numeric else ""}>{html.escape(h)}</th>' for i, h in enumerate(headers)
    )
    body = "".join(
        "<tr>"
        + "".join(f"<td{' class=num' if i in numeric else ''}>{html.escape(_cell(v))}</td>" for i, v in enumerate(row))
        + "</tr>"
        for row in rows
    )
    return (
        f'<div class="table" tabindex="0" role="region" aria-label="{html.escape(caption)}"><table>'
        f"<caption>{html.escape(caption)}</caption><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table></div>"
    )


def _cell(value: object) -> str:
    if value is None or (isinstance(value, float) and value != value):
        return ""
    return str(value)
