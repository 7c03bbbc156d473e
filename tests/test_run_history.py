"""Run history: kept in DAGSTER_HOME, readable by the UI while a run goes and after it ended."""

import sqlite3
import threading

import dagster as dg
import pytest

from pipelines.run import DAGSTER_CONFIG, prepare_dagster_home
from tests.helpers import tiny_job


@dg.asset
def counted() -> dg.MaterializeResult:
    return dg.MaterializeResult(metadata={"dagster/row_count": 3})


@dg.asset_check(asset=counted)
def counted_is_positive() -> dg.AssetCheckResult:
    return dg.AssetCheckResult(passed=True)


@pytest.fixture
def home(tmp_path, monkeypatch):
    monkeypatch.setenv("DAGSTER_HOME", str(tmp_path / "dagster_home"))
    return prepare_dagster_home()


def test_a_run_is_kept_in_the_history_with_its_materialisations_and_checks(home):
    with dg.DagsterInstance.get() as instance:
        result = dg.materialize([counted, counted_is_positive], instance=instance)
        # Every event is in the run's file under DAGSTER_HOME, as any reader (the UI) finds it.
        path = home / "history" / "runs" / f"{result.run_id}.db"
        with sqlite3.connect(f"file:{path}?immutable=1", uri=True) as file:
            (in_file,) = file.execute("SELECT count(*) FROM event_logs").fetchone()
        assert in_file == len(instance.all_logs(result.run_id))
    # A later process (the UI, the next `mcmon run`) opens the history afresh.
    with dg.DagsterInstance.get() as instance:
        run = instance.get_run_by_id(result.run_id)
        assert run.status == dg.DagsterRunStatus.SUCCESS
        latest = instance.get_latest_materialization_event(dg.AssetKey("counted"))
        assert latest.run_id == result.run_id
        assert latest.asset_materialization.metadata["dagster/row_count"].value == 3
        checks = instance.event_log_storage.get_asset_check_execution_history(
            dg.AssetCheckKey(dg.AssetKey("counted"), "counted_is_positive"), limit=5
        )
        assert [c.run_id for c in checks] == [result.run_id]


def test_the_ui_sees_the_events_of_a_running_run_as_they_come(home):
    """The webserver follows a run by watching its history file: each stored event must change it."""
    with dg.DagsterInstance.get() as writer, dg.DagsterInstance.get() as reader:
        run = writer.create_run_for_job(tiny_job)
        writer.report_engine_event("first", run)
        seen, arrived = [], {message: threading.Event() for message in ("first", "second")}

        def callback(event, _cursor):
            seen.append(event.message)
            if event.message in arrived:
                arrived[event.message].set()

        reader.event_log_storage.watch(run.run_id, None, callback)
        try:
            writer.report_engine_event("second", run)
            assert arrived["second"].wait(timeout=10), f"only {seen} reached the watcher"
        finally:
            reader.event_log_storage.end_watch(run.run_id, callback)
    assert seen[-2:] == ["first", "second"]


def test_mcmon_brings_its_own_configuration_up_to_date_and_keeps_a_hand_edited_one(tmp_path, monkeypatch):
    monkeypatch.setenv("DAGSTER_HOME", str(tmp_path))
    config = tmp_path / "dagster.yaml"
    config.write_text(DAGSTER_CONFIG.splitlines()[0] + "\ntelemetry:\n  enabled: false\n")
    prepare_dagster_home()
    assert f'base_dir: "{tmp_path}"' in config.read_text()
    config.write_text("telemetry:\n  enabled: false\n")
    prepare_dagster_home()
    assert config.read_text() == "telemetry:\n  enabled: false\n"


def test_the_history_opens_from_its_folder_without_dagster_home_set(home, monkeypatch):
    monkeypatch.delenv("DAGSTER_HOME")
    with dg.DagsterInstance.from_config(str(home)) as instance:
        assert instance.get_runs() == []
        run = instance.create_run_for_job(tiny_job)
        instance.report_engine_event("started", run)
    assert (home / "history" / "runs" / f"{run.run_id}.db").exists()
