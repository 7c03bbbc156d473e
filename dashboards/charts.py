"""Chart builders shared by the pages. Hover texts are formatted in Python (Belgian notation) and hidden
cells are labelled as hidden, never drawn as zero."""

from __future__ import annotations

import html
import math

import pandas as pd

from dashboards.data import shown
from dashboards.layout import MUTED, PALETTE, Figure, figure, wrap
from pipelines.formatting import HIDDEN_CELL, belgian

AXIS = {"percent": "%", "per_1000": "per 1000", "count": "aantal", "flag": ""}


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


def _label(row, width: int = 18) -> str:
    return wrap(f"{row.label} (verborgen)" if row.suppressed else row.label, width)


def bars(rows: pd.DataFrame, title: str, horizontal: bool = False, color: str = PALETTE[0]) -> Figure:
    """One bar per breakdown value; a hidden cell keeps its place with the label '(verborgen)' and no bar."""
    unit = rows["unit"].iloc[0] if not rows.empty else "count"
    records = list(rows.itertuples())
    labels = [_label(r, 40 if horizontal else 18) for r in records]
    values = [None if r.suppressed else number(r.value) for r in records]
    trace = {
        "type": "bar",
        "x": values if horizontal else labels,
        "y": labels if horizontal else values,
        "orientation": "h" if horizontal else "v",
        "marker": {"color": [MUTED if r.suppressed else color for r in records]},
        "hovertext": [_hover(r) for r in records],
        "hoverinfo": "text",
        "text": [shown(r.value, r.unit, r.suppressed) for r in records],
        "textposition": "outside",
        "cliponaxis": False,
    }
    height = max(360, 40 + 28 * len(records)) if horizontal else 420
    chart = figure([trace], title, *((AXIS[unit], "") if horizontal else ("", AXIS[unit])), height=height)
    value_axis = chart["layout"]["xaxis" if horizontal else "yaxis"]
    if horizontal:
        chart["layout"]["yaxis"]["autorange"] = "reversed"
    if unit == "percent":
        value_axis["range"] = [0, 105]
    return chart


def grouped_bars(frames: dict[str, pd.DataFrame], title: str, unit: str) -> Figure:
    """Several indicators side by side per breakdown value (one colour per indicator)."""
    traces = []
    for index, (name, rows) in enumerate(frames.items()):
        records = list(rows.itertuples())
        traces.append(
            {
                "type": "bar",
                "name": name,
                "x": [_label(r) for r in records],
                "y": [None if r.suppressed else number(r.value) for r in records],
                "marker": {"color": PALETTE[index % len(PALETTE)]},
                "hovertext": [f"{html.escape(name)}<br>{_hover(r)}" for r in records],
                "hoverinfo": "text",
            }
        )
    chart = figure(traces, title, "", AXIS[unit], height=460)
    chart["layout"]["barmode"] = "group"
    if unit == "percent":
        chart["layout"]["yaxis"]["range"] = [0, 100]
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
                "line": {"color": PALETTE[index % len(PALETTE)], "width": 3},
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
