"""The chart builders on small frames: labels, colours, the text alternative and the data table."""

import pandas as pd

from dashboards.alternatives import describe
from dashboards.charts import bars, grouped_bars
from dashboards.layout import PALETTE, wrap


def contrast(colour: str, background: str = "#ffffff") -> float:
    """WCAG 2.1 contrast ratio of two sRGB colours."""

    def luminance(hex_colour: str) -> float:
        channels = [int(hex_colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
        linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]

    high, low = sorted((luminance(colour), luminance(background)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def rows(values: list[tuple[str, float | None, bool]], unit: str = "count") -> pd.DataFrame:
    return pd.DataFrame(
        [
            {
                "label": label,
                "value": value,
                "unit": unit,
                "suppressed": hidden,
                "numerator": value,
                "denominator": None,
                "name_nl": "Lerenden met een behaalde microcredential",
                "dimension_label": "Type aanbieder",
            }
            for label, value, hidden in values
        ]
    )


def test_a_label_is_wrapped_between_words_never_inside_one():
    label = "Centrum voor Volwassenenonderwijs (CVO)"
    lines = wrap(label, 18).split("<br>")
    assert lines == ["Centrum voor", "Volwassenenonderwijs", "(CVO)"]
    assert " ".join(lines) == label


def test_every_series_colour_stands_out_from_the_white_background():
    assert all(contrast(colour) >= 3 for colour in PALETTE), [(c, round(contrast(c), 2)) for c in PALETTE]


def test_a_bar_chart_comes_with_its_table_and_text_alternative_in_dutch():
    chart = describe(
        bars(
            rows([("Hoger onderwijs", 1234.0, False), ("Syntra", None, True), ("Sectorfonds", 56.0, False)]),
            "Lerenden per type aanbieder, 2026",
        )
    )
    assert chart["alt"] == (
        "Staafdiagram: Lerenden per type aanbieder, 2026. 3 waarden; hoogste: Hoger onderwijs (1.234); "
        "laagste: Sectorfonds (56); 1 verborgen. De cijfers staan in de tabel onder de grafiek (Toon als tabel)."
    )
    table = chart["table"]
    assert "<caption>Lerenden per type aanbieder, 2026</caption>" in table
    assert '<th scope="col">Type aanbieder</th>' in table
    assert "<td>Syntra (verborgen)</td><td class=num>verborgen</td>" in table
    assert "<td class=num>1.234</td>" in table


def test_grouped_bars_differ_in_pattern_not_only_in_colour():
    frame = rows([("HO", 40.0, False)], unit="percent")
    chart = grouped_bars({"Aandeel A": frame, "Aandeel B": frame, "Aandeel C": frame}, "Kenmerken", "percent")
    patterns = [trace["marker"]["pattern"]["shape"] for trace in chart["data"]]
    assert len(set(patterns)) == 3
    described = describe(chart)
    assert described["alt"].startswith("Gegroepeerd staafdiagram: Kenmerken. Reeksen: Aandeel A, Aandeel B")
    assert "<td class=num>40,0 %</td><td class=num>40,0 %</td><td class=num>40,0 %</td>" in described["table"]
