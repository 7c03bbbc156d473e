"""Reliability: an analyst's open session never blocks a run, a killed run loses nothing, and two runs
on the same landing zone publish the same numbers."""

from __future__ import annotations

import hashlib
import json
import os
import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import dagster as dg
import pytest
from dagster._core.events import EngineEventData

from pipelines.run import PID_TAG, close_abandoned_runs
from pipelines.settings import SAMPLE_LANDING_DIR
from tests.helpers import query, run_pipeline, tiny_job

# An analyst's DuckDB session: opens the warehouse read-only, answers, waits for Enter, answers again
# on the same connection.
READER = """
import duckdb, json, sys
con = duckdb.connect(sys.argv[1], read_only=True)
def answer():
    run = con.execute("SELECT DISTINCT run_id FROM dq.expectations").fetchall()
    values = con.execute("SELECT count(*), sum(value) FROM marts.indicator_values").fetchall()
    print(json.dumps({"run_ids": [r[0] for r in run], "values": values[0]}), flush=True)
answer()
sys.stdin.readline()
answer()
"""

PUBLISHED_TABLES = ("marts.indicator_values", "dq.files")


def published_rows(warehouse: Path, table: str) -> list[tuple]:
    return query(warehouse, f"SELECT * FROM {table} ORDER BY ALL")


def run_ids(warehouse: Path) -> list[str]:
    return [run_id for (run_id,) in query(warehouse, "SELECT DISTINCT run_id FROM dq.expectations")]


@pytest.fixture(scope="module")
def two_runs_with_a_reader(sample_run, tmp_path_factory):
    """The sample run (a copy of its data folder); an analyst opens the warehouse; run again while the
    analyst's session stays open."""
    data = tmp_path_factory.mktemp("two_runs") / "data"
    shutil.copytree(sample_run[0], data)
    warehouse = data / "warehouse.duckdb"
    first = {table: published_rows(warehouse, table) for table in PUBLISHED_TABLES}
    first_internal = query(data / "internal" / "pipeline.duckdb", "SELECT count(*) FROM staging.awards_validated")
    reader = subprocess.Popen(
        [sys.executable, "-c", READER, str(warehouse)], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
    )
    before = json.loads(reader.stdout.readline())
    second_run = run_pipeline(SAMPLE_LANDING_DIR, data)
    reader.stdin.write("\n")
    reader.stdin.flush()
    after = json.loads(reader.stdout.readline())
    assert reader.wait(timeout=30) == 0
    return {
        "data": data,
        "warehouse": warehouse,
        "second_run": second_run,
        "first": first,
        "first_internal": first_internal,
        "reader_before": before,
        "reader_after": after,
    }


def test_a_run_succeeds_while_an_analyst_holds_the_warehouse_open(two_runs_with_a_reader):
    assert two_runs_with_a_reader["second_run"].success


def test_the_open_session_keeps_its_snapshot_and_a_new_one_sees_the_new_run(two_runs_with_a_reader):
    runs = two_runs_with_a_reader
    assert runs["reader_after"] == runs["reader_before"]
    # dq.expectations keeps the results of every run: the second run's are new.
    second = runs["second_run"].run_id
    assert second in run_ids(runs["warehouse"])
    assert second not in runs["reader_after"]["run_ids"]


@pytest.mark.parametrize("table", PUBLISHED_TABLES)
def test_two_runs_on_the_same_zone_publish_identical_tables(two_runs_with_a_reader, table):
    runs = two_runs_with_a_reader
    assert published_rows(runs["warehouse"], table) == runs["first"][table]


def test_a_second_run_does_not_add_to_the_rows_of_the_first(two_runs_with_a_reader):
    data = two_runs_with_a_reader["data"]
    internal = data / "internal" / "pipeline.duckdb"
    assert query(internal, "SELECT count(*) FROM staging.awards_validated") == two_runs_with_a_reader["first_internal"]
    # The expectation results are a history per run: each run adds its own, the same number.
    per_run = query(internal, "SELECT count(*) FROM dq.expectation_results GROUP BY run_id")
    assert len(per_run) == 2 and per_run[0] == per_run[1]


# --- Crash safety: a run killed with SIGKILL ----------------------------------------------------------


def mcmon(env: dict[str, str], *args: str) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "pipelines.cli", *args], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )


def wait_for_step(home: Path, process: subprocess.Popen, step: str, timeout: float = 120) -> None:
    """Until the newest run of DAGSTER_HOME `home` has started `step`."""
    deadline = time.monotonic() + timeout
    with dg.DagsterInstance.from_config(str(home)) as instance:
        while time.monotonic() < deadline:
            assert process.poll() is None, f"the run ended before step {step} started"
            runs = instance.get_runs(filters=dg.RunsFilter(tags={PID_TAG: str(process.pid)}), limit=1)
            if runs and any(
                record.dagster_event.step_key == step
                for record in instance.all_logs(runs[0].run_id, of_type=dg.DagsterEventType.STEP_START)
            ):
                return
            time.sleep(0.05)
    raise AssertionError(f"step {step} did not start within {timeout} s")


def published_state(data: Path) -> dict:
    """What analysts read: the indicator values in the warehouse, the site's pages, the report."""
    site = data / "site"
    return {
        "indicator_values": published_rows(data / "warehouse.duckdb", "marts.indicator_values"),
        "site_pages": sorted(str(p.relative_to(site)) for p in site.rglob("*.html")),
        "site_complete": all(p.read_text().rstrip().endswith("</html>") for p in site.rglob("*.html")),
        "reports": {
            str(p.relative_to(data / "reports")): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted((data / "reports").rglob("*"))
            if p.is_file()
        },
    }


def leftovers(data: Path) -> list[str]:
    """Temporary files and folder versions that an interrupted publication left behind."""
    published = [p for p in data.rglob("*") if not {"dagster_home", "internal"} & set(p.parts)]
    stale = [str(p) for p in published if ".tmp" in p.name or p.name.endswith(".link")]
    return stale + [str(v) for folder in data.glob("*.versions") for v in sorted(folder.iterdir())[1:]]


@pytest.fixture(scope="module")
def published_sample(sample_run, tmp_path_factory) -> tuple[Path, dict[str, str], dict]:
    """A copy of the sample run's data folder (`mcmon run` is in its history) with its quarterly report:
    the runs below are killed in it."""
    ran, _, env = sample_run
    data = tmp_path_factory.mktemp("crash") / "data"
    shutil.copytree(ran, data)
    env = {**env, "MCMON_DATA_DIR": str(data), "DAGSTER_HOME": str(data / "dagster_home")}
    process = mcmon(env, "report")
    assert process.wait(timeout=300) == 0, process.stderr.read().decode()[-2000:]
    return data, env, published_state(data)


# While publishing: the warehouse, then the site. Before publishing nothing an analyst reads is written; a run
# killed in the models is the next test's.
@pytest.mark.parametrize("step", ["published__warehouse", "published__site"])
def test_a_killed_run_leaves_the_published_outputs_intact(published_sample, step):
    data, env, before = published_sample
    # Seeded per step: a failure can be replayed with the same delay.
    delay = random.Random(step).uniform(0, 0.8)
    process = mcmon(env, "run")
    wait_for_step(data / "dagster_home", process, step)
    time.sleep(delay)
    process.send_signal(signal.SIGKILL)
    process.wait(timeout=30)
    # The same zone gives the same numbers: whether the warehouse is the old one or was swapped in
    # just before the kill, analysts read complete, identical results.
    assert published_state(data) == before, f"killed {delay:.2f} s into {step}"


def test_the_run_after_a_crash_succeeds_without_cleanup(published_sample):
    data, env, before = published_sample
    process = mcmon(env, "run")
    wait_for_step(data / "dagster_home", process, "sql_models")
    process.send_signal(signal.SIGKILL)
    process.wait(timeout=30)
    assert published_state(data) == before

    process = mcmon(env, "run")
    assert process.wait(timeout=300) == 0, process.stderr.read().decode()[-2000:]
    assert published_state(data) == before
    assert leftovers(data) == []
    with dg.DagsterInstance.from_config(str(data / "dagster_home")) as instance:
        still_running = instance.get_runs(filters=dg.RunsFilter(statuses=[dg.DagsterRunStatus.STARTED]))
    assert still_running == []  # the killed runs are marked failed, not left running forever


def test_runs_whose_process_is_gone_are_closed_and_live_ones_kept(tmp_path):
    gone = subprocess.Popen(["true"])
    gone.wait()
    with dg.DagsterInstance.ephemeral() as instance:
        started = dg.DagsterRunStatus.STARTED
        by_mcmon = instance.create_run_for_job(tiny_job, status=started, tags={PID_TAG: str(gone.pid)})
        # A run the daemon launched: its run worker logged its process id when it started.
        by_daemon = instance.create_run_for_job(tiny_job, status=started)
        instance.report_engine_event("Started process for run", by_daemon, EngineEventData.in_process(gone.pid))
        alive = instance.create_run_for_job(tiny_job, status=started, tags={PID_TAG: str(os.getpid())})

        assert sorted(close_abandoned_runs(instance)) == sorted([by_mcmon.run_id, by_daemon.run_id])
        assert instance.get_run_by_id(by_daemon.run_id).status == dg.DagsterRunStatus.FAILURE
        assert instance.get_run_by_id(alive.run_id).status == started
