"""Reliability: an analyst's open session never blocks a run, two runs on the same landing zone publish the
same numbers, and runs whose process is gone are closed (a killed run: tests/test_crash_safety.py)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
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
