"""How one delivering system writes values: delimiter, encoding, date style, number and identifier layout.

Each file of the landing zone gets one style; "mixed" styles vary per row, as exports that were
pasted together from several sources do.
"""

from dataclasses import dataclass
from typing import Literal

import numpy as np
import pandas as pd

from .identifiers import dotted_insz, dotted_kbo, insz_digits

Layout = Literal["plain", "dotted", "mixed"]
DateStyle = Literal["iso", "belgian", "mixed"]


@dataclass(frozen=True)
class FileStyle:
    delimiter: str = ";"
    encoding: Literal["utf-8", "utf-8-sig", "cp1252"] = "utf-8"
    newline: str = "\n"
    date_style: DateStyle = "iso"
    kbo_layout: Layout = "dotted"
    insz_layout: Layout = "plain"
    decimal_comma: bool = True
    true_false: tuple[str, str] = ("J", "N")
    upper_header: bool = False


def _mixed(rng: np.random.Generator, count: int, layout: str) -> np.ndarray:
    if layout == "mixed":
        return rng.random(count) < 0.5
    return np.full(count, layout in ("dotted", "belgian"))


def format_dates(dates: np.ndarray, style: DateStyle, rng: np.random.Generator) -> pd.Series:
    """datetime64[D] (NaT allowed) as YYYY-MM-DD or DD/MM/YYYY text, '' for NaT."""
    iso = pd.Series(np.datetime_as_string(dates.astype("datetime64[D]"), unit="D"), dtype=object)
    belgian = iso.str[8:10] + "/" + iso.str[5:7] + "/" + iso.str[0:4]
    text = iso.where(~_mixed(rng, len(iso), style), belgian)
    return text.where(~np.isnat(dates), "")


def format_kbo(digits: np.ndarray, layout: Layout, rng: np.random.Generator) -> pd.Series:
    plain = pd.Series(digits, dtype=object)
    return plain.where(~_mixed(rng, len(plain), layout), dotted_kbo(plain))


def format_insz(numbers: np.ndarray, layout: Layout, rng: np.random.Generator) -> pd.Series:
    plain = insz_digits(numbers).astype(object)
    return plain.where(~_mixed(rng, len(plain), layout), dotted_insz(plain))


def format_decimals(values: np.ndarray, decimals: int | None, comma: bool) -> pd.Series:
    """Numbers as text; decimals=None drops trailing zeros (5 → '5', 1.5 → '1.5'); NaN → ''."""
    series = pd.Series(values, dtype=float)
    if decimals is None:
        text = series.map(lambda v: f"{v:g}", na_action="ignore")
    else:
        text = series.map(lambda v: f"{v:.{decimals}f}", na_action="ignore")
    text = text.astype(object).fillna("")
    return text.str.replace(".", ",", regex=False) if comma else text


def format_booleans(values: pd.Series, true_false: tuple[str, str]) -> pd.Series:
    """A nullable boolean series as the provider's J/N spelling, '' for missing."""
    text = pd.Series("", index=values.index, dtype=object)
    text[values.fillna(False).astype(bool)] = true_false[0]
    text[(~values.fillna(True)).astype(bool)] = true_false[1]
    return text
