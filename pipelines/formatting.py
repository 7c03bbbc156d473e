"""Numbers as Flemish readers expect them: Belgian notation (1.234,5); what a hidden cell means."""

from __future__ import annotations

import pandas as pd

# What a hidden cell shows in a table: never 0, never blank.
HIDDEN_VALUE = "verborgen"
# A hidden cell is small or protects a small one: a reader must not take every hidden cell for a small one.
HIDDEN_CELL = "verborgen (klein aantal of ter bescherming)"


def suppression_note(min_cell: int) -> str:
    """The note that goes with every published table or chart of learner numbers (dashboards, report, Excel)."""
    return (
        f"Om de privacy van de lerenden te beschermen zijn cellen verborgen: kleine cellen (minder dan {min_cell} "
        f"lerenden, of een aandeel waarvan teller, noemer of het verschil kleiner is dan {min_cell}) en cellen die "
        "verborgen zijn ter bescherming van een kleine cel, zodat die niet uit de andere gepubliceerde cijfers te "
        "berekenen is. Een verborgen cel is dus niet noodzakelijk klein. Ze staat als 'verborgen', nooit als 0."
    )


def belgian(number: float | int | None, decimals: int = 0) -> str:
    """`1234.5` -> `1.234,5`; None -> empty."""
    if number is None:
        return ""
    text = f"{number:,.{decimals}f}"
    return text.translate(str.maketrans(",.", ".,"))


def kbo(number: str) -> str:
    """A KBO number as it is written for people: `0123456749` -> `0123.456.749`; anything else as it is."""
    return f"{number[:4]}.{number[4:7]}.{number[7:]}" if len(number) == 10 and number.isdigit() else number


def belgian_date(day) -> str:
    """A date as Flemish readers write it: `15/11/2026`; None or NaT -> empty."""
    return "" if day is None or pd.isna(day) else pd.Timestamp(day).strftime("%d/%m/%Y")


def indicator_value(value: float | None, unit: str, suppressed: bool) -> str:
    """An indicator value for people: suppressed cells say so, never 0."""
    if suppressed:
        return HIDDEN_VALUE
    if value is None:
        return ""
    if unit == "percent":
        return f"{belgian(value, 1)} %"
    if unit == "per_1000":
        return f"{belgian(value, 2)} ‰"
    if unit == "flag":
        return "ja" if value else "nee"
    return belgian(value, 0 if float(value).is_integer() else 1)
