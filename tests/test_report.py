"""The quarterly report cannot lie about time: a quarter is reported only from figures that end in it, its
cut-off is printed, a running quarter's report is provisional; and it reads in Dutch (dashboards/report.py).
The Dagster side (schedule, partitions, frozen numbers across deliveries) is in tests/test_automation.py."""

from __future__ import annotations

import html
import re
import shutil
import subprocess
import sys
from datetime import date, datetime

import duckdb
import pytest

from dashboards.data import shown
from dashboards.report import Cutoff, Quarter, QuarterRefused, check_quarter
from tests.helpers import query
from tests.shared_runs import PROJECT_DIR

Q2_2025 = Quarter(2025, 2)


def cutoff(through: str, published_at: str, report_year: int | None = None) -> Cutoff:
    day = date.fromisoformat(through)
    return Cutoff(day, report_year or day.year, datetime.fromisoformat(published_at))


def test_quarters_as_users_write_them():
    assert (Q2_2025.label, Q2_2025.start, Q2_2025.end, Q2_2025.partition_key) == (
        "2025-Q2",
        date(2025, 4, 1),
        date(2025, 6, 30),
        "2025-04-01",
    )
    assert Quarter.parse("2026-Q1").previous() == Quarter(2025, 4) == Quarter.of(date(2025, 12, 31))
    with pytest.raises(ValueError, match="gebruik JJJJ-Qn, bv. 2026-Q3"):
        Quarter.parse("2026Q5")


def test_figures_past_the_quarters_end_are_refused_naming_quarter_end_and_cut_off():
    with pytest.raises(QuarterRefused) as refused:
        check_quarter(Q2_2025, cutoff("2026-11-15", "2026-12-03 10:00"))
    assert str(refused.value).startswith(
        "Kwartaal 2025-Q2 kan niet meer opgemaakt worden: de gepubliceerde cijfers lopen t.e.m. 15/11/2026, na het "
        "einde van het kwartaal (30/06/2025)"
    )
    assert "`mcmon report` maakt het rapport van 2026-Q4" in str(refused.value)


def test_a_quarter_without_its_own_figures_yet_is_refused():
    with pytest.raises(QuarterRefused, match=r"Kwartaal 2025-Q2 kan nog niet .* t\.e\.m\. 31/03/2025, vóór het begin"):
        check_quarter(Q2_2025, cutoff("2025-03-31", "2025-04-02 06:00"))


def test_figures_of_another_report_year_are_refused_even_when_their_cut_off_lies_in_the_quarter():
    """MCMON_REPORT_YEAR set after the data: the headline would show 2026's figures under 2025-Q2."""
    with pytest.raises(QuarterRefused, match="hun rapportjaar is 2026 en niet 2025"):
        check_quarter(Q2_2025, cutoff("2025-05-20", "2025-07-01 06:00", report_year=2026))


@pytest.mark.parametrize(
    ("published_at", "provisional"),
    [
        ("2025-05-21 08:00", True),  # the quarter was running: more may come
        ("2025-06-30 21:59", True),  # 23:59 in Brussels, the quarter's last minute
        ("2025-06-30 22:30", False),  # 00:30 on 1 July in Brussels: the quarter had ended
        ("2025-07-01 04:00", False),  # the monthly refresh of the morning after the quarter
    ],
)
def test_figures_published_before_the_quarter_ended_give_a_provisional_report(published_at, provisional):
    assert check_quarter(Q2_2025, cutoff("2025-05-20", published_at)) is provisional


@pytest.fixture
def sample_copy(sample_run, tmp_path):
    """A data folder holding only a copy of the sample run's published warehouse (figures through 15/11/2026),
    and the environment for `mcmon` on it."""
    ran, _, env = sample_run
    data = tmp_path / "data"
    data.mkdir()
    shutil.copy2(ran / "warehouse.duckdb", data)
    return data, {**env, "MCMON_DATA_DIR": str(data), "DAGSTER_HOME": str(data / "dagster_home")}


def mcmon_report(env: dict[str, str], *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "pipelines.cli", "report", *args],
        env=env,
        cwd=PROJECT_DIR,
        capture_output=True,
        text=True,
    )


def test_a_quarter_whose_figures_run_past_its_end_is_refused_in_dutch_and_writes_nothing(sample_copy):
    data, env = sample_copy
    assert query(data / "warehouse.duckdb", "SELECT data_through FROM marts.report_period") == [(date(2026, 11, 15),)]
    before = sorted(data.rglob("*"))
    completed = mcmon_report(env, "--quarter", "2025-Q2")
    assert completed.returncode == 1
    (line,) = completed.stderr.splitlines()
    assert line.startswith(
        "mcmon report: Kwartaal 2025-Q2 kan niet meer opgemaakt worden: de gepubliceerde cijfers lopen t.e.m. "
        "15/11/2026, na het einde van het kwartaal (30/06/2025)"
    )
    assert sorted(data.rglob("*")) == before  # no report, no snapshot, not even a run in the history


def test_by_default_the_quarter_the_figures_end_in_is_reported_with_its_cut_off(sample_copy):
    data, env = sample_copy
    completed = mcmon_report(env)
    assert completed.returncode == 0, completed.stderr
    page = (data / "reports" / "2026-Q4" / "rapport.html").read_text(encoding="utf-8")
    assert "Kwartaalrapport 2026-Q4 " in completed.stdout
    assert "<strong>Cijfers t.e.m. 15/11/2026</strong>" in page
    assert "Einde van het kwartaal: 31/12/2026." in page
    # Published before 1 January 2027 the quarter was still running, and the report is provisional.
    provisional = "Kwartaal volledig: nee" in page
    assert provisional != ("Kwartaal volledig: ja" in page)
    assert ("Monitoringrapport microcredentials Vlaanderen — 2026-Q4 (voorlopig)</h1>" in page) == provisional
    assert [p.name for p in (data / "reports").iterdir()] == ["2026-Q4"]


def test_the_headline_holds_the_indicators_of_kinds_of_credential(sample_copy):
    """Issue 17, item 1: the share recognised elsewhere, the awards as digital credentials and the foreign credentials
    are headline figures of the report, each with its published value of the report year."""
    data, env = sample_copy
    assert mcmon_report(env).returncode == 0
    text = " ".join(visible_text((data / "reports" / "2026-Q4" / "rapport.html").read_text(encoding="utf-8")).split())
    rows = query(
        data / "warehouse.duckdb",
        "SELECT c.name_nl, v.value, v.suppressed FROM marts.indicator_values v JOIN marts.indicator_catalogue c "
        "USING (indicator_id) WHERE v.dimension = 'total' AND v.year = 2026 "
        "AND v.indicator_id IN ('offer_share_recognised', 'award_share_digital', 'foreign_credentials')",
    )
    assert len(rows) == 3
    for name, value, suppressed in rows:
        figure = "verborgen" if suppressed else shown(value, "percent", False)
        assert " ".join(f"{name} {figure}".split()) in text


def test_a_quarter_frozen_before_the_rule_is_rendered_from_its_numbers_saying_they_are_not_the_quarters(
    sample_copy,
):
    """The old code froze 2026 figures (through 15/11/2026) under 2026-Q3, for good: such a snapshot is still
    rendered from its own numbers, and the page says they do not belong to the quarter."""
    data, env = sample_copy
    assert mcmon_report(env).returncode == 0
    legacy = data / "reports" / "2026-Q3" / "cijfers.duckdb"
    legacy.parent.mkdir()
    shutil.copy2(data / "reports" / "2026-Q4" / "cijfers.duckdb", legacy)
    with duckdb.connect(str(legacy)) as con:  # the snapshot as the old code wrote it
        for statement in (
            "UPDATE main.report SET quarter = '2026-Q3'",
            "ALTER TABLE main.report DROP COLUMN provisional",
            "ALTER TABLE main.report DROP COLUMN published_at",
            "ALTER TABLE dq.checks DROP COLUMN severity_label",
        ):
            con.execute(statement)
    completed = mcmon_report(env, "--quarter", "2026-Q3")
    assert completed.returncode == 0, completed.stderr
    page = (legacy.parent / "rapport.html").read_text(encoding="utf-8")
    assert (
        "<strong>Let op:</strong> deze cijfers lopen t.e.m. 15/11/2026 (rapportjaar 2026) en horen dus niet bij "
        "kwartaal 2026-Q3 (01/07/2026 t.e.m. 30/09/2026)."
    ) in page
    assert "<strong>Cijfers t.e.m. 15/11/2026</strong>" in page and "Einde van het kwartaal: 30/09/2026." in page


def visible_text(page: str) -> str:
    body = re.sub(r"<(style|script)[^>]*>.*?</\1>", " ", page, flags=re.S)
    return html.unescape(re.sub(r"<[^>]+>", " ", body))


def test_the_report_shows_dutch_labels_not_codes_and_no_nan(production_run):
    """Every code with a Dutch label in ref.codes or ref.dimension_labels (a severity, a breakdown, a unit, a
    source, a reason) appears under that label; no `nan` or `None` where a value is missing."""
    _, data, _ = production_run
    (page,) = (data / "reports").glob("*/rapport.html")
    text = visible_text(page.read_text(encoding="utf-8"))
    codes, labels = (
        [value for (value,) in query(data / "warehouse.duckdb", sql)]
        for sql in (
            "SELECT code FROM ref.codes UNION SELECT dimension FROM ref.dimension_labels "
            "UNION SELECT dimension_value FROM ref.dimension_labels",
            "SELECT label_nl FROM ref.codes UNION SELECT label_nl FROM ref.dimension_labels",
        )
    )
    # Words of three letters or more that no Dutch label uses itself (as "VDAB (Vlaamse Dienst ...)" does): a
    # two-letter or numeric code (a language, an ISCO group) is part of ordinary text.
    in_labels = set(re.findall(r"\w+", " ".join(labels)))
    words = {code for code in codes if re.fullmatch(r"[A-Za-z][A-Za-z0-9_]{2,}", code) and code not in in_labels}
    assert {"ERROR", "WARN", "total", "percent", "awards", "invalid_insz", "provider_type"} <= words
    shown = sorted(word for word in words if re.search(rf"(?<![\w.]){re.escape(word)}(?!\w)", text))
    assert shown == []
    assert not re.search(r"\b(nan|NaN|None|NaT)\b", text)
    assert not re.search(r"(?i)micro-credential|ingelezen", text), "one term per concept"


def test_the_report_names_each_white_spot_with_its_scenarios_and_causes(production_run):
    _, data, _ = production_run
    (page,) = (data / "reports").glob("*/rapport.html")
    text = " ".join(visible_text(page.read_text(encoding="utf-8")).split())
    with duckdb.connect(str(data / "warehouse.duckdb"), read_only=True) as con:
        spots = con.execute(
            """SELECT l.label_nl,
                      max(value) FILTER (WHERE indicator_id = 'gap_white_spot'),
                      max(value) FILTER (WHERE indicator_id = 'gap_white_spot_high')
               FROM marts.indicator_values JOIN ref.dimension_labels l USING (dimension, dimension_value)
               WHERE indicator_id IN ('gap_white_spot', 'gap_white_spot_high') GROUP BY ALL HAVING max(value) = 1"""
        ).fetchall()
    assert spots
    for label, basis, high in spots:
        scenarios = {
            (1, 1): "in beide scenario's (robuuste witte vlek)",
            (1, 0): "enkel in het basisscenario",
            (0, 1): "enkel in het hoge scenario",
        }[(basis, high)]
        assert f"{label}: {scenarios}; oorzaken van de knelpunten: " in text
