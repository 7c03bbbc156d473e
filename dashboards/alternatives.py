"""The text alternative and the data table of a chart (WCAG 2.1, 1.1.1): what a screen reader says and what
"Toon als tabel" shows, derived from the chart's own traces so that they always hold the drawn numbers.

Every trace carries its points' values as the reader sees them (Belgian notation, "verborgen") in `customdata`;
a chart that is not a set of categories (the skills-gap scatter) brings its own table as `chart["table"]`.
"""

from __future__ import annotations

from dashboards.layout import Figure, table

KINDS = {"bar": "Staafdiagram", "heatmap": "Warmtekaart", "lines": "Lijndiagram", "markers": "Spreidingsdiagram"}
TABLE_HINT = "De cijfers staan in de tabel onder de grafiek (Toon als tabel)."


def describe(chart: Figure) -> Figure:
    """The chart with `alt` (one or two Dutch sentences) and `table` (HTML) added for site.js."""
    title = chart["layout"]["title"]["text"]
    traces = chart["data"]
    if "table" in chart:
        headers, rows = chart.pop("table")
        alt = f"{_kind(traces)}: {title}. {TABLE_HINT}"
    elif traces[0]["type"] == "heatmap":
        headers, rows = _heatmap(traces[0])
        alt = f"{_kind(traces)}: {title}. {TABLE_HINT}"
    else:
        headers, rows = _categories(chart)
        alt = f"{_kind(traces)}: {title}. {_summary(traces)}{TABLE_HINT}"
    numeric = set(range(1, len(headers)))
    return {**chart, "alt": alt, "table": table(headers, rows, caption=title, numeric=numeric)}


def _kind(traces: list[dict]) -> str:
    trace = traces[0]
    if trace["type"] == "scatter":
        kind = KINDS["lines" if "lines" in trace.get("mode", "") else "markers"]
    else:
        kind = KINDS.get(trace["type"], "Grafiek")
    return f"Gegroepeerd {kind.lower()}" if trace["type"] == "bar" and len(traces) > 1 else kind


def _plain(label: object) -> str:
    return str(label).replace("<br>", " ")


def _categories(chart: Figure) -> tuple[list[str], list[list[str]]]:
    """One row per category (bar, year), one column per series."""
    traces = chart["data"]
    horizontal = traces[0].get("orientation") == "h"
    axis = "y" if horizontal else "x"
    title = chart["layout"][f"{axis}axis"]["title"]["text"] or "categorie"
    order: list[str] = []
    cells: dict[str, dict[int, str]] = {}
    for index, trace in enumerate(traces):
        for label, text in zip(trace[axis], trace["customdata"], strict=True):
            key = _plain(label)
            if key not in cells:
                order.append(key)
                cells[key] = {}
            cells[key][index] = text
    headers = [title, *(trace.get("name") or "waarde" for trace in traces)]
    return headers, [[key, *(cells[key].get(i, "") for i in range(len(traces)))] for key in order]


def _heatmap(trace: dict) -> tuple[list[str], list[list[str]]]:
    return ["", *(_plain(x) for x in trace["x"])], [
        [y, *texts] for y, texts in zip(trace["y"], trace["text"], strict=True)
    ]


def _summary(traces: list[dict]) -> str:
    """For one series: its highest and lowest shown value; for several: their names."""
    if len(traces) > 1:
        return "Reeksen: " + ", ".join(t.get("name", "") for t in traces) + ". "
    trace = traces[0]
    axis, values = ("y", trace["x"]) if trace.get("orientation") == "h" else ("x", trace["y"])
    shown = [
        (v, _plain(label), text)
        for v, label, text in zip(values, trace[axis], trace["customdata"], strict=True)
        if v is not None
    ]
    hidden = len(values) - len(shown)
    text = f"{len(values)} waarden"
    if shown:
        high, low = max(shown, key=lambda s: s[0]), min(shown, key=lambda s: s[0])
        text += f"; hoogste: {high[1]} ({high[2]}); laagste: {low[1]} ({low[2]})"
    if hidden:
        text += f"; {hidden} verborgen"
    return text + ". "
