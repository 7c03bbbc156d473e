"""The dashboard site for every reader: in Dutch only, accessible (WCAG 2.1 AA, checked by axe-core in the
real browser: test_dashboard_axe.py), usable by keyboard alone, its charts readable as tables. The layout on a
phone: test_dashboard_layout.py."""

import json
import re
from pathlib import Path

import duckdb
import pytest

from dashboards.layout import PAGES
from tests.conftest import CHROMIUM

pytestmark = pytest.mark.skipif(
    not Path(CHROMIUM).exists(), reason="Debian's chromium is not installed (.ci/run installs it)"
)

# The lists whose codes are English words or snake_case names: a reader gets their Dutch label instead.
ENGLISH_LISTS = ("reason_code", "source", "file_status", "elm_shape", "dimension", "unit")
# The data dictionary documents the warehouse's columns, and so names the codes an analyst writes in SQL.
DOCUMENTS_CODES = {"woordenboek.html"}


def page_data(page: Path) -> dict:
    text = page.read_text(encoding="utf-8")
    embedded = re.search(r'<script type="application/json" id="paginagegevens">(.*?)</script>', text, re.S)[1]
    return json.loads(embedded.replace("<\\/", "</"))


def reader_texts(site: Path, file: str) -> list[str]:
    """Everything a reader can get to see on a page, under any choice of year and breakdown: the page's own
    text, and per chart its title, axis and series names, labels, hover texts, text alternative and table."""
    html = (site / file).read_text(encoding="utf-8")
    texts = [re.sub(r"<script.*?</script>|<[^>]+>", " ", html, flags=re.S)]
    for block in page_data(site / file)["blocks"]:
        for variant in block["variants"].values():
            if isinstance(variant, str):
                texts.append(re.sub(r"<[^>]+>", " ", variant))
                continue
            layout = variant["layout"]
            texts += [layout["title"]["text"], layout["xaxis"]["title"]["text"], layout["yaxis"]["title"]["text"]]
            texts += [variant["alt"], re.sub(r"<[^>]+>", " ", variant["table"])]
            for trace in variant["data"]:
                texts.append(str(trace.get("name", "")))
                for key in ("x", "y", "text", "hovertext", "customdata"):
                    texts += [str(v) for v in trace.get(key) or [] if isinstance(v, str)]
    return texts


def english_codes(warehouse: Path) -> set[str]:
    with duckdb.connect(str(warehouse), read_only=True) as con:
        rows = con.execute(
            f"SELECT code FROM ref.codes WHERE list IN {ENGLISH_LISTS} AND regexp_matches(code, '^[a-z][a-z0-9_]+$')"
        ).fetchall()
    return {code for (code,) in rows}


@pytest.mark.parametrize(("file", "title"), PAGES)
def test_no_page_shows_an_english_code_or_nan(sample_run, file, title):
    data, _, _ = sample_run
    text = "\n".join(reader_texts(data / "site", file))
    assert title in text
    assert not re.findall(r"\b(?:nan|NaN|None|null|undefined)\b", text), file
    # One term per concept: "microcredential" as the Vlor advice spells it; rows and files are "ingeladen".
    assert not re.findall(r"(?i)micro-credential|ingelezen", text), file
    codes = english_codes(data / "warehouse.duckdb")
    assert {"invalid_insz", "provider_type", "total", "percent", "loaded", "awards"} <= codes
    if file not in DOCUMENTS_CODES:
        shown = {code for code in codes if re.search(rf"(?<![\w./-]){re.escape(code)}(?![\w./-])", text)}
        assert not shown, f"{file} shows the codes {sorted(shown)} instead of their Dutch labels"
    # Counts in Belgian notation: no number of four digits or more without its thousands separator; years and
    # the unit "per 1000" apart.
    numbers = re.findall(r"(?<![\w.,/-])(?<!per )\d{4,}(?![\w.,/-])", text)
    bare = {n for n in numbers if not re.fullmatch(r"20\d\d", n)}
    assert not bare, f"{file}: {sorted(bare)[:5]}"


def test_the_chart_toolbar_is_dutch_and_only_downloads(sample_run, page_at):
    page, errors = page_at(1400)
    page.goto((sample_run[0] / "site" / "aanbod.html").as_uri())
    page.locator("#blok1 .main-svg").first.hover()
    titles = page.locator("#blok1 .modebar-btn").evaluate_all("buttons => buttons.map(b => b.dataset.title)")
    assert titles == ["Grafiek downloaden als PNG"]
    # plotly.js's own texts in the nl-BE locale, numbers in Belgian notation.
    assert page.locator("#blok1").evaluate("gd => [gd._context.locale, gd._fullLayout.separators]") == ["nl-BE", ",."]
    assert errors == []


def test_every_chart_has_a_dutch_text_alternative_and_a_table(sample_run, page_at):
    page, errors = page_at(1400)
    checked = 0
    for file, _ in PAGES:
        page.goto((sample_run[0] / "site" / file).as_uri())
        charts = page.locator("figure.chart")
        for index in range(charts.count()):
            chart = charts.nth(index)
            if chart.locator(".main-svg").count() == 0:
                continue  # "Geen gegevens voor deze keuze."
            alt = chart.locator("figcaption").text_content()
            assert re.match(r"(Gegroepeerd staafdiagram|Staafdiagram|Lijndiagram|Warmtekaart|Spreidingsdiagram): ", alt)
            assert chart.get_attribute("aria-labelledby") == chart.locator("figcaption").get_attribute("id")
            summary = chart.locator("summary")
            assert summary.inner_text() == "Toon als tabel"
            summary.click()
            table = chart.locator("details table")
            assert table.is_visible() and table.locator("caption").inner_text()
            rows = table.locator("tbody tr").count()
            assert rows > 0, f"{file}: {alt}"
            # The table holds the chart's own numbers: every bar label (Belgian notation) is in it.
            shown = chart.locator(".bartext").all_text_contents()
            table_text = table.inner_text()
            assert all(text in table_text for text in shown), file
            checked += 1
    assert checked >= 10 and errors == []


def test_the_chart_table_matches_the_published_numbers(sample_run, page_at):
    data, _, _ = sample_run
    with duckdb.connect(str(data / "warehouse.duckdb"), read_only=True) as con:
        year, value, suppressed = con.execute(
            "SELECT year, value, suppressed FROM marts.indicator_values WHERE indicator_id = 'learners' "
            "AND dimension = 'province' AND dimension_value = '10000' ORDER BY year DESC LIMIT 1"
        ).fetchall()[0]
    page, _ = page_at(1400)
    page.goto((data / "site" / "deelname.html").as_uri())
    page.locator("#blok1").locator("xpath=..").locator("summary").click()
    row = page.locator("#blok1-tabel tr", has_text="Antwerpen")
    expected = "verborgen" if suppressed else f"{int(value):,}".replace(",", ".")
    assert row.locator("td").nth(1).inner_text() == expected, year


def test_a_keyboard_alone_reaches_and_works_everything(sample_run, page_at):
    page, errors = page_at(1400)
    page.goto((sample_run[0] / "site" / "deelname.html").as_uri())
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Naar de inhoud"
    assert page.locator(".skip-link").is_visible()
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "inhoud"
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "jaar"
    # A visible focus indicator.
    assert page.evaluate("getComputedStyle(document.activeElement).outlineStyle") != "none"
    title = page.locator("#blok1 .gtitle")
    before = title.text_content()
    page.keyboard.press("ArrowUp")
    assert title.text_content() != before, "the year changes from the keyboard"
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "opsplitsing"
    page.keyboard.press("ArrowDown")
    assert "geslacht" in title.text_content()
    # The chart's toolbar (download as PNG) is reachable too, then "Toon als tabel".
    passed = []
    while page.evaluate("document.activeElement.tagName") != "SUMMARY" and len(passed) < 5:
        page.keyboard.press("Tab")
        passed.append(page.evaluate("[document.activeElement.tagName, document.activeElement.textContent]"))
    assert passed[-1][0] == "SUMMARY", passed
    page.keyboard.press("Enter")
    assert page.locator("#blok1-tabel table").is_visible()
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.getAttribute('role')") == "region", "the table scrolls by keyboard"
    assert errors == []


def test_choosing_a_year_without_data_and_back_leaves_no_stale_message(sample_run, page_at):
    data, _, _ = sample_run
    page, errors = page_at(1400)
    page.goto((data / "site" / "deelname.html").as_uri())
    years = page.locator("#jaar option").all_inner_texts()
    empty = [
        y for y in years if not page_data(data / "site" / "deelname.html")["blocks"][0]["variants"].get(f"{y}|province")
    ]
    assert empty, "the sample has a year without learners (offers start before the first award)"
    page.select_option("#jaar", empty[0])
    assert "Geen gegevens voor deze keuze." in page.locator("#blok1").inner_text()
    page.select_option("#jaar", years[-1])
    for block in page.locator(".block .figure").all():
        if block.locator(".main-svg").count():
            assert "Geen gegevens" not in block.inner_text()
    assert errors == []
