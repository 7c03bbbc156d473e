"""The dashboard site in a real browser (headless Chromium from Debian), opened from disk, offline."""

import json
import re
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import duckdb
import pytest

from dashboards.layout import PAGES
from tests.conftest import CHROMIUM
from tests.helpers import query

pytestmark = pytest.mark.skipif(
    not Path(CHROMIUM).exists(), reason="Debian's chromium is not installed (.ci/run installs it)"
)


@pytest.mark.parametrize(("file", "title"), PAGES)
def test_every_page_opens_from_disk_offline_with_its_charts(sample_run, offline_page, tmp_path, file, title):
    data, _, _ = sample_run
    page, requests, errors = offline_page
    page.goto((data / "site" / file).as_uri())
    page.wait_for_load_state("load")
    assert page.locator("h1").inner_text() == title
    figures = page.locator(".block .figure")
    for index in range(figures.count()):
        figure = figures.nth(index)
        assert figure.locator(".main-svg").count() > 0 or "Geen gegevens" in figure.inner_text()
    assert errors == [] and requests == []
    page.screenshot(path=str(tmp_path / f"{Path(file).stem}.png"), full_page=True)
    assert (tmp_path / f"{Path(file).stem}.png").stat().st_size > 10_000


def test_changing_the_year_changes_the_shown_value(sample_run, offline_page):
    data, _, _ = sample_run
    page, _, errors = offline_page
    page.goto((data / "site" / "index.html").as_uri())
    learners = page.locator('.tile-value[data-indicator="learners"]')
    report_year = learners.inner_text()
    assert page.locator("#onvolledig").is_visible()  # the sample's report year is not complete
    page.select_option("#jaar", str(int(page.locator("#jaar").input_value()) - 1))
    assert learners.inner_text() != report_year
    assert not page.locator("#onvolledig").is_visible()
    assert errors == []


def test_changing_the_breakdown_redraws_the_chart(sample_run, offline_page):
    data, _, _ = sample_run
    page, _, errors = offline_page
    page.goto((data / "site" / "deelname.html").as_uri())
    title = page.locator("#blok1 .gtitle")
    assert "provincie" in title.text_content()
    page.select_option("#opsplitsing", "sex")
    assert "geslacht" in title.text_content()
    assert errors == []


def test_the_cross_table_shows_the_two_breakdowns_the_reader_picks(sample_run, offline_page):
    """Awards of 2025 by sex (rows) and province (columns): the published province×sex table turned round, with
    the one-way cells as its totals; the choice works by keyboard."""
    data, _, _ = sample_run
    with duckdb.connect(str(data / "warehouse.duckdb"), read_only=True) as con:
        published = con.execute(
            "SELECT dimension, dimension_value, value, suppressed FROM marts.indicator_values "
            "WHERE indicator_id = 'awards' AND year = 2025 AND dimension IN ('province×sex', 'province', 'sex')"
        ).fetchall()
        labels = dict(
            con.execute(
                "SELECT dimension || '=' || dimension_value, label_nl FROM ref.dimension_labels "
                "WHERE dimension IN ('province', 'sex')"
            ).fetchall()
        )
    shown = {
        (d, v): "verborgen" if hidden else f"{int(value):,}".replace(",", ".") for d, v, value, hidden in published
    }
    assert "verborgen" in shown.values(), "the sample hides some cells of this table"
    page, _, errors = offline_page
    page.goto((data / "site" / "deelname.html").as_uri())
    page.select_option("#jaar", "2025")
    page.select_option("#blok3-keuze1", "awards")
    page.select_option("#blok3-keuze2", "sex")
    page.select_option("#blok3-keuze3", "province")
    assert page.locator("#blok3 .gtitle").text_content() == "Uitreikingen per geslacht en provincie, 2025"
    page.locator("#blok3-tabel").locator("xpath=..").locator("summary").click()
    table = page.locator("#blok3-tabel table")
    header = table.locator("thead th").all_inner_texts()
    provinces = [v for (d, v) in shown if d == "province"]
    sexes = [v for (d, v) in shown if d == "sex"]
    assert header[0] == "Geslacht" and header[-1] == "Totaal"
    assert sorted(header[1:-1]) == sorted(labels[f"province={p}"] for p in provinces)
    codes = {labels[f"province={p}"]: p for p in provinces}
    rows = {r[0]: r[1:] for r in (row.locator("td").all_inner_texts() for row in table.locator("tbody tr").all())}
    assert set(rows) == {labels[f"sex={s}"] for s in sexes} | {"Totaal"}
    for sex in sexes:
        cells = dict(zip(header[1:], rows[labels[f"sex={sex}"]], strict=True))
        for label, text in cells.items():
            expected = (
                shown[("sex", sex)] if label == "Totaal" else shown.get(("province×sex", f"{codes[label]}|{sex}"), "0")
            )
            assert text == expected, (sex, label)
    assert dict(zip(header[1:-1], rows["Totaal"], strict=False)) == {
        labels[f"province={p}"]: shown[("province", p)] for p in provinces
    }
    # By keyboard: the columns become the age bands.
    page.focus("#blok3-keuze3")
    page.keyboard.press("ArrowDown")
    assert page.locator("#blok3 .gtitle").text_content() == "Uitreikingen per geslacht en leeftijdsklasse, 2025"
    # The same breakdown twice is no table.
    page.select_option("#blok3-keuze3", "sex")
    assert "kies voor rijen en kolommen twee verschillende opsplitsingen" in page.locator("#blok3").inner_text()
    assert errors == []


def page_data(page: Path) -> dict:
    text = page.read_text(encoding="utf-8")
    embedded = re.search(r'<script type="application/json" id="paginagegevens">(.*?)</script>', text, re.S)[1]
    return json.loads(embedded.replace("<\\/", "</"))


def test_hidden_cells_are_labelled_never_zero(sample_run):
    data, _, _ = sample_run
    traces = [
        trace
        for block in page_data(data / "site" / "deelname.html")["blocks"]
        for variant in block["variants"].values()
        if isinstance(variant, dict)
        for trace in variant["data"]
    ]
    # Bars are horizontal: the category is y, the value x.
    hidden = [
        (label, value)
        for trace in traces
        for value, label in zip(trace.get("x") or [], trace.get("y") or [], strict=False)
        if isinstance(label, str) and "verborgen" in label
    ]
    assert hidden, "the sample has hidden cells in some breakdown"
    assert all(value is None for _, value in hidden)


def test_no_chart_offers_to_send_its_data_anywhere(sample_run, offline_page):
    """plotly.js's own toolbar offers "Share chart..." to Plotly Cloud unless told not to."""
    data, _, _ = sample_run
    page, requests, errors = offline_page
    for file, _ in PAGES:
        page.goto((data / "site" / file).as_uri())
        charts = page.locator(".js-plotly-plot")
        for index in range(charts.count()):
            charts.nth(index).hover()
            config = charts.nth(index).evaluate(
                "gd => [gd._context.showSendToCloud, gd._context.plotlyServerURL, gd._context.displaylogo]"
            )
            assert config == [False, "", False], file
        titles = page.locator(".modebar-btn").evaluate_all("buttons => buttons.map(b => b.dataset.title)")
        assert charts.count() == 0 or titles, file
        assert not [t for t in titles if "Share" in t or "Chart Studio" in t or "Plotly" in t], file
    assert requests == [] and errors == []


INTERNET_HOST = re.compile(r"(?i)\b(?:https?|wss?|ftp)://|//[a-z0-9-]+(?:\.[a-z0-9-]+)+|\bplot\.ly\b|plotly\.com")


def test_no_page_script_names_an_internet_host(sample_run):
    """Every script of every page is its own inline code, site.js or the shipped plotly.js; none of the
    project's own names a host on the internet (plotly.js's defaults for such hosts are switched off above)."""
    site = sample_run[0] / "site"
    for file, _ in PAGES:
        text = (site / file).read_text(encoding="utf-8")
        own = ["aanbod-zoeken.js"] if file == "aanbod-zoeken.html" else []
        assert re.findall(r'<script src="([^"]+)"', text) == ["plotly.min.js", "plotly-locale-nl.js", "site.js", *own]
        inline = re.findall(r"<script(?![^>]*application/json)(?![^>]*src=)[^>]*>(.*?)</script>", text, re.S)
        assert not [code for code in inline if INTERNET_HOST.search(code)], file
    for script in ("site.js", "aanbod-zoeken.js"):
        assert not INTERNET_HOST.search((site / script).read_text(encoding="utf-8")), script


def test_hidden_cells_are_never_called_small(sample_run):
    """A hidden cell may hide a large number to protect a small one: the notes and hover texts say so."""
    site = sample_run[0] / "site"
    hover = [
        text
        for file, _ in PAGES
        for block in page_data(site / file)["blocks"]
        for variant in block["variants"].values()
        if isinstance(variant, dict)
        for trace in variant["data"]
        for text in trace.get("hovertext") or []
        if isinstance(text, str) and "verborgen" in text
    ]
    assert hover and all(text.endswith("verborgen (klein aantal of ter bescherming)") for text in hover)
    participation = (site / "deelname.html").read_text(encoding="utf-8")
    assert "ter bescherming van een kleine cel" in participation and "niet noodzakelijk klein" in participation


def test_plotly_js_is_shipped_once_beside_the_pages(sample_run):
    data, _, _ = sample_run
    site = data / "site"
    assert (site / "plotly.min.js").stat().st_size > 1_000_000
    for file, _ in PAGES:
        text = (site / file).read_text(encoding="utf-8")
        assert '<script src="plotly.min.js"></script>' in text
        assert "cdn.plot.ly" not in text and "https://" not in text.split("<footer>")[0].split("</head>")[0]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_mcmon_serve_serves_the_site_on_localhost(sample_run):
    _, _, env = sample_run
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "pipelines.cli", "serve", "--port", str(port)],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        # Starting Python and pandas takes seconds on a busy machine: the server gets 30 s to answer.
        deadline = time.monotonic() + 30
        while True:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/index.html", timeout=1) as response:
                    assert "Overzicht" in response.read().decode()
                    break
            except OSError:
                if time.monotonic() > deadline:
                    pytest.fail("mcmon serve did not answer within 30 s")
                time.sleep(0.1)
    finally:
        server.terminate()
        server.wait(5)
    assert f"http://127.0.0.1:{port}/" in server.stdout.read()


def test_a_zone_without_indicators_still_gives_a_working_site(landing, tmp_path, offline_page):
    from tests.helpers import run_pipeline, write

    write(
        landing,
        "population/bevolking.csv",
        "jaar;provincie_nis;geslacht;leeftijdsklasse;aantal\n2025;10000;M;25-34;9\n",
    )
    assert run_pipeline(landing, tmp_path / "data").success
    page, requests, errors = offline_page
    for file, _ in PAGES:
        page.goto((tmp_path / "data" / "site" / file).as_uri())
        assert errors == [] and requests == []
    page.goto((tmp_path / "data" / "site" / "index.html").as_uri())
    assert "Geen gegevens" in page.locator("main").inner_text()


def table_rows(page, caption: str) -> list[list[str]]:
    table = page.locator("table").filter(has=page.locator("caption", has_text=caption))
    return [[cell.strip() for cell in row.locator("td").all_inner_texts()] for row in table.locator("tbody tr").all()]


def test_the_skills_gap_page_shows_white_spots_under_both_scenarios_and_per_sector(sample_run, offline_page):
    data, _, _ = sample_run
    with duckdb.connect(str(data / "warehouse.duckdb"), read_only=True) as con:
        flags = con.execute(
            """SELECT l.label_nl,
                      max(value) FILTER (WHERE indicator_id = 'gap_white_spot'),
                      max(value) FILTER (WHERE indicator_id = 'gap_white_spot_high'),
                      max(value) FILTER (WHERE indicator_id = 'gap_white_spot_robust')
               FROM marts.indicator_values JOIN ref.dimension_labels l USING (dimension, dimension_value)
               WHERE indicator_id LIKE 'gap_white_spot%' GROUP BY ALL HAVING max(value) = 1 ORDER BY ALL"""
        ).fetchall()
        in_sectors = con.execute(
            "SELECT count(*) FROM marts.indicator_values WHERE indicator_id = 'gap_sector_white_spot' AND value = 1"
        ).fetchone()[0]
    assert flags and in_sectors > 0  # the sample has white spots, in both scenarios and in sectors
    page, _, errors = offline_page
    page.goto((data / "site" / "vaardigheidskloof.html").as_uri())

    def yes(flag):
        return "" if flag is None else ("ja" if flag == 1 else "nee")

    spots = table_rows(page, "Witte vlekken in het basisscenario of het hoge scenario")
    assert sorted([row[0], *row[-3:]] for row in spots) == [[label, *map(yes, rest)] for label, *rest in flags]
    assert all(row[6] for row in spots)  # every white spot names its bottleneck causes
    assert len(table_rows(page, "Witte vlekken per sector")) == in_sectors
    assert page.locator("figure", has_text="hoog scenario").count() == 1
    assert page.locator("figure", has_text="Knelpuntberoepen per oorzaak").count() == 1
    assert errors == []


def charts_titled(page: Path, title: str) -> dict[str, dict]:
    """{variant key: figure} of the page's charts whose title starts with `title`."""
    return {
        key: variant
        for block in page_data(page)["blocks"]
        for key, variant in block["variants"].items()
        if isinstance(variant, dict) and variant["layout"]["title"]["text"].startswith(title)
    }


def test_kinds_of_credential_recognition_and_digital_awards_are_shown(sample_run):
    """Issue 17, item 1: the offer page counts the kinds of credential and shows the share recognised elsewhere;
    the participation page the awards that arrived as credentials and the foreign credentials, as published."""
    data, _, _ = sample_run
    warehouse = data / "warehouse.duckdb"
    (year,) = query(warehouse, "SELECT report_year FROM marts.report_period")[0]
    published = dict(
        query(
            warehouse,
            "SELECT l.label_nl, v.value FROM marts.indicator_values v JOIN ref.dimension_labels l "
            "USING (dimension, dimension_value) WHERE v.indicator_id = 'offer_count' AND v.year = $1 "
            "AND v.dimension = 'credential_kind'",
            [year],
        )
    )
    (chart,) = charts_titled(
        data / "site" / "aanbod.html", f"Aantal microcredentials per soort credential, {year}"
    ).values()
    (trace,) = chart["data"]
    shown = {label.replace("<br>", " "): value for label, value in zip(trace["y"], trace["x"], strict=True)}
    assert shown == published and "Microcredential (op zichzelf staand)" in shown
    (features,) = charts_titled(
        data / "site" / "aanbod.html", f"Kenmerken van het aanbod per type aanbieder, {year}"
    ).values()
    assert "Aandeel met erkenning elders" in {trace["name"] for trace in features["data"]}

    participation = data / "site" / "deelname.html"
    (digital,) = charts_titled(participation, f"Aandeel uitreikingen als Europese digitale credential, {year}").values()
    assert (
        len(digital["data"][0]["y"])
        == query(
            warehouse,
            "SELECT count(*) FROM marts.indicator_values WHERE indicator_id = 'award_share_digital' AND year = $1 "
            "AND dimension = 'provider_type'",
            [year],
        )[0][0]
    )
    foreign = charts_titled(participation, "Buitenlandse credentials per land van de uitreiker")
    years = query(
        warehouse,
        "SELECT DISTINCT year::VARCHAR FROM marts.indicator_values WHERE indicator_id = 'foreign_credentials'",
    )
    assert set(foreign) == {y for (y,) in years}
