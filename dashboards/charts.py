"""Chart builders shared by the pages. Hover texts are formatted in Python (Belgian notation) and hidden
cells are labelled as hidden, never drawn as zero."""

from __future__ import annotations

import html

import pandas as pd
import plotly.graph_objects as go

from dashboards.data import shown
from dashboards.layout import MUTED, PALETTE, style, wrap
from pipelines.formatting import belgian

AXIS = {"percent": "%", "per_1000": "per 1000", "count": "aantal", "flag": ""}


def _hover(row: pd.Series) -> str:
    if row["suppressed"]:
        return f"{html.escape(row['label'])}<br>verborgen (kleine cel)"
    text = f"{html.escape(row['label'])}<br>{shown(row['value'], row['unit'], False)}"
    if not pd.isna(row["denominator"]):
        text += (
            f"<br>{belgian(row['numerator'], 0 if float(row['numerator']).is_integer() else 1)} van "
            f"{belgian(row['denominator'], 0 if float(row['denominator']).is_integer() else 1)}"
        )
    return text


def bars(rows: pd.DataFrame, title: str, horizontal: bool = False, color: str = PALETTE[0]) -> go.Figure:
    """One bar per breakdown value; a hidden cell keeps its place with the label '(verborgen)' and no bar."""
    unit = rows["unit"].iloc[0] if not rows.empty else "count"
    labels = [
        wrap(f"{r.label} (verborgen)" if r.suppressed else r.label, 40 if horizontal else 18) for r in rows.itertuples()
    ]
    values = [None if r.suppressed else r.value for r in rows.itertuples()]
    hover = [_hover(r) for _, r in rows.iterrows()]
    bar = go.Bar(
        x=values if horizontal else labels,
        y=labels if horizontal else values,
        orientation="h" if horizontal else "v",
        marker_color=[MUTED if r.suppressed else color for r in rows.itertuples()],
        hovertext=hover,
        hoverinfo="text",
        text=[shown(r.value, r.unit, r.suppressed) for r in rows.itertuples()],
        textposition="outside",
        cliponaxis=False,
    )
    figure = go.Figure(bar)
    height = max(360, 40 + 28 * len(rows)) if horizontal else 420
    style(figure, title, *((AXIS[unit], "") if horizontal else ("", AXIS[unit])), height=height)
    if horizontal:
        figure.update_yaxes(autorange="reversed")
    if unit == "percent":
        (figure.update_xaxes if horizontal else figure.update_yaxes)(range=[0, 105])
    return figure


def grouped_bars(frames: dict[str, pd.DataFrame], title: str, unit: str) -> go.Figure:
    """Several indicators side by side per breakdown value (one colour per indicator)."""
    figure = go.Figure()
    for number, (name, rows) in enumerate(frames.items()):
        figure.add_bar(
            name=name,
            x=[wrap(f"{r.label} (verborgen)" if r.suppressed else r.label) for r in rows.itertuples()],
            y=[None if r.suppressed else r.value for r in rows.itertuples()],
            marker_color=PALETTE[number % len(PALETTE)],
            hovertext=[f"{html.escape(name)}<br>{_hover(r)}" for _, r in rows.iterrows()],
            hoverinfo="text",
        )
    style(figure, title, "", AXIS[unit], height=460)
    if unit == "percent":
        figure.update_yaxes(range=[0, 100])
    figure.update_layout(barmode="group")
    return figure


def trend(series: dict[str, pd.DataFrame], title: str, unit: str) -> go.Figure:
    """Totals over the years; a hidden year is a gap in the line."""
    figure = go.Figure()
    for number, (name, rows) in enumerate(series.items()):
        rows = rows.sort_values("year")
        figure.add_scatter(
            name=name,
            x=rows["year"].astype(str),
            y=[None if s else v for v, s in zip(rows["value"], rows["suppressed"], strict=True)],
            mode="lines+markers",
            line={"color": PALETTE[number % len(PALETTE)], "width": 3},
            hovertext=[
                f"{html.escape(name)} {y}<br>{shown(v, unit, s)}"
                for y, v, s in zip(rows["year"], rows["value"], rows["suppressed"], strict=True)
            ],
            hoverinfo="text",
        )
    style(figure, title, "jaar", AXIS[unit], height=380)
    figure.update_xaxes(type="category")
    return figure
