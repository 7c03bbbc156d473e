"""Schedules, the landing-zone sensor and the quarterly report."""

import datetime as dt
import html
import os
import re
import subprocess
import sys
import zoneinfo

import dagster as dg
import pytest

from dashboards.report import Quarter
from pipelines.definitions import defs
from pipelines.defs.automation.sensors import landing_zone_changed
from pipelines.defs.reports.assets import REPORT_KEY
from pipelines.defs.resources import LandingZone
from pipelines.landing.contract import SOURCES
from pipelines.settings import LANDING_SENSOR_ENV, landing_sensor_on
from tests.helpers import AWARD_HEADER, P1, insz, query, run_pipeline, write
from tests.test_quality import small_zone

BRUSSELS = zoneinfo.ZoneInfo("Europe/Brussels")


@pytest.fixture(scope="module")
def definitions() -> dg.Definitions:
    return defs()


def test_everything_is_refreshed_monthly_in_brussels_time(definitions):
    schedule = definitions.resolve_schedule_def("monthly_refresh")
    assert (schedule.cron_schedule, schedule.execution_timezone, schedule.job_name) == (
        "0 6 1 * *",
        "Europe/Brussels",
        "full_run",
    )
    assert schedule.default_status == dg.DefaultScheduleStatus.RUNNING


def test_the_quarterly_report_runs_when_a_quarter_ends(definitions):
    schedule = definitions.resolve_schedule_def("quarterly_report_schedule")
    assert (schedule.cron_schedule, schedule.execution_timezone, schedule.job_name) == (
        "0 7 1 1,4,7,10 *",
        "Europe/Brussels",
        "quarterly_report",
    )
    context = dg.build_schedule_context(
        repository_def=definitions.get_repository_def(),
        scheduled_execution_time=dt.datetime(2027, 1, 1, 7, tzinfo=BRUSSELS),
    )
    (request,) = schedule.evaluate_tick(context).run_requests
    # The fourth quarter of 2026, which just ended; not 2027-Q1, the running quarter, also a partition.
    assert request.partition_key == "2026-10-01"


def test_the_full_run_leaves_the_partitioned_report_to_its_own_job(definitions):
    full_run = definitions.resolve_job_def("full_run")
    assert REPORT_KEY not in full_run.asset_layer.executable_asset_keys
    assert dg.AssetKey(["published", "site"]) in full_run.asset_layer.executable_asset_keys


def test_the_service_starts_no_run_by_itself(definitions):
    """`make ui` starts the daemon: with the sensor on, its first evaluation would start a full run."""
    sensor = definitions.resolve_sensor_def("landing_zone_changed")
    assert sensor.default_status == dg.DefaultSensorStatus.STOPPED


def test_runs_the_service_starts_log_at_info_level(definitions):
    """The config a run started from the UI, a schedule or the sensor gets: INFO, not Dagster's DEBUG."""
    level = {"loggers": {"console": {"config": {"log_level": "INFO"}}}}
    assert definitions.resolve_job_def("full_run").run_config == level
    report = definitions.resolve_job_def("quarterly_report").partitioned_config
    assert report.get_run_config_for_partition_key("2026-04-01") == level


def test_the_sensor_starts_switched_on_by_setting():
    show = (
        "from pipelines.definitions import defs\n"
        "print(defs().resolve_sensor_def('landing_zone_changed').default_status)"
    )
    completed = subprocess.run(
        [sys.executable, "-c", show], env={**os.environ, LANDING_SENSOR_ENV: "on"}, capture_output=True, text=True
    )
    assert completed.stdout.strip() == str(dg.DefaultSensorStatus.RUNNING), completed.stderr[-2000:]


@pytest.mark.parametrize("value", ["aan", "1", "running"])
def test_an_unknown_sensor_setting_is_refused_not_taken_for_off(value, monkeypatch):
    monkeypatch.setenv(LANDING_SENSOR_ENV, value)
    with pytest.raises(ValueError, match="MCMON_LANDING_SENSOR moet 'on' of 'off' zijn"):
        landing_sensor_on()


def evaluate(landing, cursor):
    context = dg.build_sensor_context(cursor=cursor, resources={"landing": LandingZone(path=str(landing))})
    result = landing_zone_changed(context)
    return result, context.cursor


def test_a_new_or_changed_landing_file_triggers_exactly_one_run(landing):
    write(landing, "offers/a.csv", "mc_id;aanbieder_id;aanbieder_type;startdatum\n")
    first, cursor = evaluate(landing, None)
    assert isinstance(first, dg.RunRequest)
    assert first.tags["mcmon/changes"] == "1 nieuw, 0 gewijzigd, 0 verwijderd"

    unchanged, same_cursor = evaluate(landing, cursor)
    assert isinstance(unchanged, dg.SkipReason) and same_cursor == cursor

    write(landing, "awards/a.csv", AWARD_HEADER + "\n")
    added, cursor_after_add = evaluate(landing, cursor)
    assert isinstance(added, dg.RunRequest) and added.tags["mcmon/changes"] == "1 nieuw, 0 gewijzigd, 0 verwijderd"
    assert isinstance(evaluate(landing, cursor_after_add)[0], dg.SkipReason)

    later = (landing / "offers/a.csv").stat().st_mtime + 60
    os.utime(landing / "offers/a.csv", (later, later))
    changed, _ = evaluate(landing, cursor_after_add)
    assert isinstance(changed, dg.RunRequest) and changed.tags["mcmon/changes"] == "0 nieuw, 1 gewijzigd, 0 verwijderd"
    assert len({first.run_key, added.run_key, changed.run_key}) == 3


def quarter(landing, data, key):
    result = run_pipeline(landing, data, selection=dg.AssetSelection.assets(REPORT_KEY), partition_key=key)
    assert result.success
    return data / "reports" / f"{key[:4]}-Q{(int(key[5:7]) - 1) // 3 + 1}"


def awards(*dates: tuple[str, str], first: int = 50) -> str:
    """An award file: one award per (enrolment date, award date), each of another learner."""
    rows = [
        f"{insz('1981-03-03', first + i)};{P1};MC1;{enrolled};BEHAALD;{awarded};11002;MIDDEN;WERKEND"
        for i, (enrolled, awarded) in enumerate(dates)
    ]
    return "\n".join([AWARD_HEADER, *rows]) + "\n"


@pytest.mark.slow
def test_a_quarter_is_frozen_from_its_own_figures_and_compares_with_the_previous_report(tmp_path):
    landing, data = tmp_path / "landing", tmp_path / "data"
    small_zone(landing)  # six awards, the last on 1 February 2025: the figures end in 2025-Q1
    assert run_pipeline(landing, data).success
    q1 = quarter(landing, data, "2025-01-01")
    first_report = (q1 / "rapport.html").read_text(encoding="utf-8")
    assert "Monitoringrapport microcredentials Vlaanderen — 2025-Q1</h1>" in first_report
    assert "<strong>Cijfers t.e.m. 01/02/2025</strong>" in first_report
    assert "Einde van het kwartaal: 31/03/2025. Kwartaal volledig: ja" in first_report
    assert "voorlopig" not in first_report
    assert "geen vorig rapport" in first_report

    # New deliveries arrive and the warehouse is refreshed: two more awards, on 1 April 2025 (2025-Q2).
    write(landing, "awards/b.csv", awards(("2025-03-01", "2025-04-01"), ("2025-03-02", "2025-04-01")))
    assert run_pipeline(landing, data).success

    # Rerunning the quarter gives the same numbers, though the warehouse's figures now run past it.
    assert (quarter(landing, data, "2025-01-01") / "rapport.html").read_text(encoding="utf-8") == first_report
    assert query(
        q1 / "cijfers.duckdb",
        "SELECT value FROM marts.indicator_values WHERE indicator_id = 'awards' AND dimension = 'total'",
    ) == [(6.0,)]

    # The next quarter has the new numbers and the change versus the previous report.
    q2 = (quarter(landing, data, "2025-04-01") / "rapport.html").read_text(encoding="utf-8")
    assert "<strong>Cijfers t.e.m. 01/04/2025</strong>" in q2
    assert "verschil met vorig rapport (2025-Q1)" in q2
    assert "<td>Uitreikingen</td><td class=num>8</td><td class=num>+2</td>" in q2
    assert (data / "reports" / "2025-Q2" / "indicatoren.xlsx").exists()


@pytest.mark.slow
def test_the_running_quarter_is_reported_provisionally_and_a_quarter_run_past_is_refused(tmp_path):
    landing, data = tmp_path / "landing", tmp_path / "data"
    small_zone(landing)
    today = dt.datetime.now(BRUSSELS).date()
    running = Quarter.of(today)
    # Awards of today: the figures end in the running quarter, published before it ends.
    write(landing, "awards/b.csv", awards(*[(today.isoformat(), today.isoformat())] * 6))
    assert run_pipeline(landing, data).success
    folder = quarter(landing, data, running.partition_key)
    page = (folder / "rapport.html").read_text(encoding="utf-8")
    assert f"Monitoringrapport microcredentials Vlaanderen — {running.label} (voorlopig)</h1>" in page
    assert "<strong>Voorlopig rapport.</strong>" in page
    assert f"<strong>Cijfers t.e.m. {today:%d/%m/%Y}</strong>" in page
    assert "Kwartaal volledig: nee" in page
    assert "<td>Uitreikingen</td><td class=num>6</td>" in page

    # Later in the same quarter two more awards arrive: the provisional report is replaced, not frozen.
    write(landing, "awards/c.csv", awards(*[(today.isoformat(), today.isoformat())] * 2, first=70))
    assert run_pipeline(landing, data).success
    page = (quarter(landing, data, running.partition_key) / "rapport.html").read_text(encoding="utf-8")
    assert "<strong>Voorlopig rapport.</strong>" in page and "<td>Uitreikingen</td><td class=num>8</td>" in page

    # 2025-Q3 was never reported, and the figures now run past it: refused, and nothing written.
    result = run_pipeline(
        landing, data, selection=dg.AssetSelection.assets(REPORT_KEY), partition_key="2025-07-01", raise_on_error=False
    )
    assert not result.success
    (failure,) = [event for event in result.all_events if event.is_step_failure]
    assert failure.step_failure_data.error.message.startswith(
        f"dagster._core.definitions.events.Failure: Kwartaal 2025-Q3 kan niet meer opgemaakt worden: de gepubliceerde "
        f"cijfers lopen t.e.m. {today:%d/%m/%Y}, na het einde van het kwartaal (30/09/2025)"
    )
    assert sorted(p.name for p in (data / "reports").iterdir()) == [running.label]


def test_the_report_data_quality_table_adds_up_and_names_the_failed_checks(production_run):
    _, data, _ = production_run
    (page,) = (data / "reports").glob("*/rapport.html")
    text = page.read_text(encoding="utf-8")
    quality = text.split("<h2>Datakwaliteit</h2>")[1]
    rows = re.findall(r"<tr><td>([^<]*)</td>((?:<td class=num>[^<]*</td>){7})<td>", quality)
    assert len(rows) == len(SOURCES)
    duplicates = in_rejected_files = 0
    for source, cells in rows:
        files, rejected, received, loaded, quarantined, duplicate, in_rejected = (
            int(cell.replace(".", "") or 0)  # a missing source's cells are empty
            for cell in re.findall(r"<td class=num>([^<]*)</td>", cells)
        )
        assert received == loaded + quarantined + duplicate + in_rejected, source
        duplicates, in_rejected_files = duplicates + duplicate, in_rejected_files + in_rejected
    # The generated zone delivers rows twice and rejects whole files: neither column is decoration.
    assert duplicates > 0 and in_rejected_files > 0
    failed = query(
        data / "warehouse.duckdb",
        "SELECT DISTINCT description FROM dq.expectations WHERE NOT success "
        "AND run_id = (SELECT run_id FROM dq.expectations ORDER BY checked_at DESC LIMIT 1)",
    )
    assert failed  # the defective zone fails a warning check, which the report must name
    for (description,) in failed:
        assert html.escape(description) in quality
