"""Numbers as Flemish readers expect them: Belgian notation (1.234,5)."""

from __future__ import annotations


def belgian(number: float | int | None, decimals: int = 0) -> str:
    """`1234.5` -> `1.234,5`; None -> empty."""
    if number is None:
        return ""
    text = f"{number:,.{decimals}f}"
    return text.translate(str.maketrans(",.", ".,"))


def indicator_value(value: float | None, unit: str, suppressed: bool) -> str:
    """An indicator value for people: suppressed cells say so, never 0."""
    if suppressed:
        return "verborgen"
    if value is None:
        return ""
    if unit == "percent":
        return f"{belgian(value, 1)} %"
    if unit == "per_1000":
        return f"{belgian(value, 2)} ‰"
    if unit == "flag":
        return "ja" if value else "nee"
    return belgian(value, 0 if float(value).is_integer() else 1)
