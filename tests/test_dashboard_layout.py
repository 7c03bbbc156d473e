"""The dashboard site's layout in the browser, on a desktop (1400 px) and a phone (400 px): no page scrolls
sideways, the navigation wraps, and no chart label runs into another, under every breakdown."""

from pathlib import Path

import pytest

from dashboards.layout import PAGES
from tests.conftest import CHROMIUM

pytestmark = pytest.mark.skipif(
    not Path(CHROMIUM).exists(), reason="Debian's chromium is not installed (.ci/run installs it)"
)

OVERLAP = """gd => {
  const boxes = [];
  for (const [group, selector] of [["title", ".gtitle"], ["legend", ".legend"], ["xtitle", ".xtitle"],
                                   ["ytitle", ".ytitle"], ["xtick", ".xtick text"], ["ytick", ".ytick text"]]) {
    gd.querySelectorAll(selector).forEach((node, index) => {
      const r = node.getBoundingClientRect();
      if (r.width > 0 && r.height > 0) boxes.push({name: group + index, group, r, text: node.textContent});
    });
  }
  const hits = [];
  const outer = gd.getBoundingClientRect();
  for (const box of boxes) {
    if (box.r.left < outer.left - 1 || box.r.right > outer.right + 1) hits.push(box.text + " leaves the chart");
  }
  for (let i = 0; i < boxes.length; i++)
    for (let j = i + 1; j < boxes.length; j++) {
      const a = boxes[i].r, b = boxes[j].r;
      if (a.left < b.right - 1 && b.left < a.right - 1 && a.top < b.bottom - 1 && b.top < a.bottom - 1)
        hits.push(boxes[i].text + " / " + boxes[j].text);
    }
  return hits;
}"""


@pytest.mark.parametrize("width", [1400, 400])
def test_no_page_scrolls_sideways_and_no_chart_label_overlaps_another(sample_run, page_at, width):
    page, errors = page_at(width)
    wide, overlaps = {}, {}
    for file, _ in PAGES:
        page.goto((sample_run[0] / "site" / file).as_uri())
        page.wait_for_load_state("load")
        links = page.locator("nav a").evaluate_all("links => links.map(a => a.getBoundingClientRect().right)")
        assert len(links) == len(PAGES) and max(links) <= width, f"{file}: the navigation wraps"
        # Every breakdown: their labels differ in length.
        for breakdown in page.locator("#opsplitsing option").evaluate_all("o => o.map(x => x.value)") or [""]:
            if breakdown:
                page.select_option("#opsplitsing", breakdown)
            scroll_width = page.evaluate("document.documentElement.scrollWidth")
            if scroll_width > width:
                wide[f"{file} {breakdown}"] = scroll_width
            for chart in page.locator(".js-plotly-plot").all():
                hits = chart.evaluate(OVERLAP)
                if hits:
                    overlaps[f"{file} {breakdown} {chart.get_attribute('id')}"] = hits[:3]
    assert wide == {}, "pages wider than the screen"
    assert overlaps == {}
    assert errors == []


@pytest.mark.parametrize("width", [1400, 400])
def test_every_cross_table_fits_the_screen(sample_run, page_at, width):
    """The participation page's cross-table under every choice of indicator, rows and columns (its own
    selectors, which the test above leaves at their first choice), in the year with the most hidden cells."""
    page, errors = page_at(width)
    page.goto((sample_run[0] / "site" / "deelname.html").as_uri())
    page.wait_for_load_state("load")
    page.select_option("#jaar", page.locator("#jaar option").nth(1).get_attribute("value"))
    chart = page.locator("#blok3")
    wide, overlaps, drawn = {}, {}, 0
    for indicator in page.locator("#blok3-keuze1 option").evaluate_all("o => o.map(x => x.value)"):
        page.select_option("#blok3-keuze1", indicator)
        for rows in page.locator("#blok3-keuze2 option").evaluate_all("o => o.map(x => x.value)"):
            page.select_option("#blok3-keuze2", rows)
            for columns in page.locator("#blok3-keuze3 option").evaluate_all("o => o.map(x => x.value)"):
                page.select_option("#blok3-keuze3", columns)
                if chart.locator(".main-svg").count() == 0:
                    continue
                drawn += 1
                scroll_width = page.evaluate("document.documentElement.scrollWidth")
                if scroll_width > width:
                    wide[f"{indicator} {rows} {columns}"] = scroll_width
                hits = chart.evaluate(OVERLAP)
                if hits:
                    overlaps[f"{indicator} {rows} {columns}"] = hits[:3]
    assert drawn == 2 * 6
    assert wide == {} and overlaps == {} and errors == []
