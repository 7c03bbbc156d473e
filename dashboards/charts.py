"""Chart builders shared by the pages. Hover texts are formatted in Python (Belgian notation) and hidden
cells are labelled as hidden, never drawn as zero."""

from __future__ import annotations

import html
import math

import pandas as pd

from dashboards.data import shown
from dashboards.layout import MUTED, PALETTE, PATTERNS, Figure, figure, wrap
from pipelines.formatting import HIDDEN_CELL, belgian

AXIS = {"percent": "%", "per_1000": "per 1000", "count": "aantal", "flag": ""}
DASHES = ["solid", "dash", "dot", "dashdot"]
SYMBOLS = ["circle", "square", "diamond", "triangle-up"]


def number(value: object) -> float | None:
    """A plain JSON number; a missing value (None, NaN) is no value."""
    if value is None:
        return None
    result = float(value)
    return None if math.isnan(result) else result


def _amount(value: float) -> str:
    return belgian(value, 0 if float(value).is_integer() else 1)


def _hover(row) -> str:
    if row.suppressed:
        return f"{html.escape(row.label)}<br>{HIDDEN_CELL}"
    text = f"{html.escape(row.label)}<br>{shown(row.value, row.unit, False)}"
    if not pd.isna(row.denominator):
        text += f"<br>{_amount(row.numerator)} van {_amount(row.denominator)}"
    return text


def _label(row, width: int = 24) -> str:
    return wrap(f"{row.label} (verborgen)" if row.suppressed else row.label, width)


def height_for(labels: list[str], bars_per_label: int = 1) -> int:
    """Room for every label's lines and its bars, and for title, axes and legend around the plot: wrapped
    labels never run into each other."""
    # plotly gives every category the same room, so the label with the most lines sets it for all.
    per_label = max((max(18 * (label.count("<br>") + 1), 22 * bars_per_label) + 14 for label in labels), default=0)
    return max(360, 220 + per_label * len(labels))


# Bars are horizontal: category labels stay readable, unrotated and on a phone too.
def bars(rows: pd.DataFrame, title: str) -> Figure:
    """One bar per breakdown value; a hidden cell keeps its place with the label '(verborgen)' and no bar."""
    unit = rows["unit"].iloc[0] if not rows.empty else "count"
    records = list(rows.itertuples())
    labels = [_label(r) for r in records]
    texts = [shown(r.value, r.unit, r.suppressed) for r in records]
    trace = {
        "type": "bar",
        "name": _series_name(rows),
        "x": [None if r.suppressed else number(r.value) for r in records],
        "y": labels,
        "orientation": "h",
        "marker": {"color": [MUTED if r.suppressed else PALETTE[0] for r in records]},
        "hovertext": [_hover(r) for r in records],
        "hoverinfo": "text",
        "text": texts,
        "customdata": texts,
        "textposition": "outside",
        "cliponaxis": False,
    }
    chart = figure([trace], title, AXIS[unit], _category_title(rows), height=height_for(labels))
    chart["layout"]["yaxis"]["autorange"] = "reversed"
    if unit == "percent":
        chart["layout"]["xaxis"]["range"] = [0, 115]
    return chart


def grouped_bars(frames: dict[str, pd.DataFrame], title: str, unit: str) -> Figure:
    """Several indicators side by side per breakdown value (colour and fill pattern per indicator)."""
    traces = []
    for index, (name, rows) in enumerate(frames.items()):
        records = list(rows.itertuples())
        traces.append(
            {
                "type": "bar",
                "name": name,
                "orientation": "h",
                "x": [None if r.suppressed else number(r.value) for r in records],
                "y": [_label(r) for r in records],
                "marker": {
                    "color": PALETTE[index % len(PALETTE)],
                    "pattern": {"shape": PATTERNS[index % len(PATTERNS)], "fillmode": "overlay", "fgcolor": "white"},
                },
                "hovertext": [f"{html.escape(name)}<br>{_hover(r)}" for r in records],
                "hoverinfo": "text",
                "customdata": [shown(r.value, r.unit, r.suppressed) for r in records],
            }
        )
    labels = list(dict.fromkeys(label for trace in traces for label in trace["y"]))
    category = next((_category_title(rows) for rows in frames.values() if not rows.empty), "")
    chart = figure(traces, title, AXIS[unit], category, height=height_for(labels, len(traces)) + 30 * len(traces))
    chart["layout"]["barmode"] = "group"
    chart["layout"]["yaxis"]["autorange"] = "reversed"
    if unit == "percent":
        chart["layout"]["xaxis"]["range"] = [0, 100]
    return chart


def trend(series: dict[str, pd.DataFrame], title: str, unit: str) -> Figure:
    """Totals over the years; a hidden year is a gap in the line."""
    traces = []
    for index, (name, rows) in enumerate(series.items()):
        records = list(rows.sort_values("year").itertuples())
        traces.append(
            {
                "type": "scatter",
                "name": name,
                "x": [str(r.year) for r in records],
                "y": [None if r.suppressed else number(r.value) for r in records],
                "mode": "lines+markers",
                # Line style and marker differ per series too, not the colour alone.
                "line": {"color": PALETTE[index % len(PALETTE)], "width": 3, "dash": DASHES[index % len(DASHES)]},
                "marker": {"symbol": SYMBOLS[index % len(SYMBOLS)], "size": 9},
                "customdata": [shown(r.value, unit, r.suppressed) for r in records],
                "hovertext": [
                    f"{html.escape(name)} {r.year}<br>{HIDDEN_CELL if r.suppressed else shown(r.value, unit, False)}"
                    for r in records
                ],
                "hoverinfo": "text",
            }
        )
    chart = figure(traces, title, "jaar", AXIS[unit], height=380)
    chart["layout"]["xaxis"]["type"] = "category"
    return chart


def _series_name(rows: pd.DataFrame) -> str:
    """The indicator's name when the bars are one indicator; "waarde" when each bar is another indicator."""
    names = rows["name_nl"].unique() if "name_nl" in rows else []
    return names[0] if len(names) == 1 else "waarde"


def _category_title(rows: pd.DataFrame) -> str:
    labels = rows["dimension_label"].unique() if "dimension_label" in rows else []
    return labels[0] if len(labels) == 1 and labels[0] != "Totaal" else ""
