"""Running a suite with Great Expectations (GX Core 1.x) on DataFrames pulled from DuckDB.

GX has no DuckDB datasource: each check's SQL runs in the pipeline's connection, and GX validates the
(small, aggregated) frame through one ephemeral context. GX takes seconds of pure Python to import, which
in a thread of the run's process holds its interpreter lock; so GX lives in a worker process of its own
(`GxWorker`), started when a run starts, and imports on the other core while the ingestion runs. A process
that executes several runs (the test suite; Dagster running in-process) keeps its worker for the next run
(`process_worker`): each new worker would import GX again.
"""

from __future__ import annotations

import atexit
import gc
import json
import multiprocessing
import resource
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import cache
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

import duckdb
import pandas as pd

from pipelines.formatting import belgian
from pipelines.quality.suites import SETUPS, Check, Folders, Suite

# Logged with the seconds a suite's setup took (for marts.indicator_values: the disclosure audit, which
# the benchmark reports).
SETUP_TIME = "Voorbereiding van de controles op"
# Every check gives its rows an `ok`; GX expects each to be true.
EXPECTATION = "ExpectColumnValuesToBeInSet"
RESULTS_TABLE = """
CREATE TABLE IF NOT EXISTS dq.expectation_results (
    run_id VARCHAR, checked_at TIMESTAMP, suite VARCHAR, expectation VARCHAR, expectation_type VARCHAR,
    column_name VARCHAR, severity VARCHAR, success BOOLEAN, observed_value VARCHAR, unexpected_count BIGINT,
    element_count BIGINT, examples VARCHAR[], description VARCHAR
)"""


@dataclass(frozen=True)
class Outcome:
    """One expectation's result, as stored and as shown on the Dagster check."""

    check: Check
    success: bool
    observed_value: str
    unexpected_count: int
    element_count: int
    examples: list[str]
    gx_result: dict

    def metadata(self) -> dict[str, Any]:
        return {
            "expectation": EXPECTATION,
            "description": self.check.description,
            "observed_value": self.observed_value,
            "unexpected_count": self.unexpected_count,
            "element_count": self.element_count,
            "examples": ", ".join(self.examples) or "-",
        }


class GxWorker:
    """A process that imports GX as soon as it starts, then validates the frames sent to it, one at a time."""

    def __init__(self) -> None:
        # spawn, not fork: the run's process has DuckDB and Dagster threads a fork would copy mid-work.
        context = multiprocessing.get_context("spawn")
        self._connection, worker_end = context.Pipe()
        self._process = context.Process(target=_serve, args=(worker_end,), name="great-expectations", daemon=True)
        self._process.start()
        worker_end.close()
        self._used = False
        # One request at a time on the pipe, whichever thread asks.
        self._lock = threading.Lock()

    @property
    def pid(self) -> int:
        return self._process.pid

    def is_alive(self) -> bool:
        return self._process.is_alive()

    def validate(self, frame: pd.DataFrame, expectation: str, kwargs: dict, result_format: str) -> dict:
        """GX's validation result as JSON (`success`, `result`, ...)."""
        return self._call("validate", frame, expectation, kwargs, result_format)

    def peak_rss_mb(self) -> int | None:
        """The worker's peak memory (resident set), or None when it validated nothing."""
        return self._call("peak_rss_mb") if self._used else None

    def close(self) -> None:
        if self._used and self._process.is_alive():
            self._connection.send(None)
            self._process.join(timeout=10)
        # Never used (Dagster also sets resources up after a run, to load outputs): no need to wait for GX.
        self._process.kill()
        self._process.join()
        self._connection.close()

    def _call(self, *request: Any) -> Any:
        with self._lock:
            self._used = True
            self._connection.send(request)
            failed, value = self._connection.recv()
        if failed:
            raise RuntimeError(f"Great Expectations-werkproces: {value}")
        return value

    def __enter__(self) -> GxWorker:
        return self

    def __exit__(self, *_) -> None:
        self.close()


_process_worker: GxWorker | None = None
_process_worker_lock = threading.Lock()


def process_worker() -> GxWorker:
    """This process's worker, started on first use and again if it died. It stops with the process (a
    daemon), or by itself when the process is killed outright."""
    global _process_worker
    with _process_worker_lock:
        if _process_worker is None or not _process_worker.is_alive():
            _process_worker = GxWorker()
            # Stopped in order at exit, before multiprocessing terminates its daemons (which leaves a semaphore
            # behind and a warning about it on the console).
            atexit.register(_process_worker.close)
        return _process_worker


def _serve(connection: Connection) -> None:
    """The worker: import GX, then answer requests until told to stop or until the run's process is gone
    (a run killed outright closes its end of the pipe, and the worker's next read fails)."""
    _batch_definition()
    # GX's heap lives as long as the worker: kept out of the collector, the worker also exits at once.
    gc.freeze()
    handlers = {"validate": _validate, "peak_rss_mb": _peak_rss_mb}
    while True:
        try:
            request = connection.recv()
        except EOFError:
            return
        if request is None:
            return
        name, *arguments = request
        try:
            connection.send((False, handlers[name](*arguments)))
        except Exception as error:  # sent back to the run, which fails the check step with it
            connection.send((True, f"{type(error).__name__}: {error}"))


@cache
def _batch_definition():
    import great_expectations as gx
    from great_expectations.data_context.types.base import (
        DataContextConfig,
        InMemoryStoreBackendDefaults,
        ProgressBarsConfig,
    )

    config = DataContextConfig(
        store_backend_defaults=InMemoryStoreBackendDefaults(),
        progress_bars=ProgressBarsConfig(globally=False),
        analytics_enabled=False,
    )
    context = gx.get_context(mode="ephemeral", project_config=config)
    frames = context.data_sources.add_pandas("duckdb_frames").add_dataframe_asset("frame")
    return frames.add_batch_definition_whole_dataframe("whole_frame")


def _peak_rss_mb() -> int:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024


def _validate(frame: pd.DataFrame, expectation: str, kwargs: dict, result_format: str) -> dict:
    """In the worker: one frame against one expectation."""
    import great_expectations as gx

    batch = _batch_definition().get_batch(batch_parameters={"dataframe": frame})
    result = batch.validate(getattr(gx.expectations, expectation)(**kwargs), result_format=result_format)
    return _json_safe(result.to_json_dict())


def run_suite(
    con: duckdb.DuckDBPyConnection,
    suite: Suite,
    worker: GxWorker,
    folders: Folders | None = None,
    log: Callable[[str], None] = lambda _: None,
) -> list[Outcome]:
    """Prepare what the checks need (each setup once, timed in the log), then validate each check.

    GX sees one row per distinct `ok` with the number of rows it stands for: a million learners do not
    pass through pandas. The examples are read only when a check fails.
    """
    for name in suite.setups:
        started = time.perf_counter()
        SETUPS[name].prepare(con, folders)
        log(f"{SETUP_TIME} {suite.table} ({name}): {time.perf_counter() - started:.3f} s")
    outcomes = []
    for check in suite.checks:
        columns = {name for (name, *_) in con.execute(f"DESCRIBE SELECT * FROM ({check.sql})").fetchall()}
        weight = "sum(rows)" if "rows" in columns else "count(*)"
        frame = con.execute(
            f"SELECT coalesce(ok, false) AS ok, {weight} AS rows FROM ({check.sql}) GROUP BY ALL"
        ).fetchdf()
        result = worker.validate(frame, EXPECTATION, {"column": "ok", "value_set": [True]}, "COMPLETE")
        outcomes.append(_outcome(con, check, frame, result, "example" in columns))
    return outcomes


def record(con: duckdb.DuckDBPyConnection, suite: Suite, run_id: str) -> None:
    """What the suite's setups keep for the next run."""
    for name in suite.setups:
        if SETUPS[name].record_sql:
            con.execute(SETUPS[name].record_sql, [run_id])


def _outcome(
    con: duckdb.DuckDBPyConnection, check: Check, frame: pd.DataFrame, result: dict, has_examples: bool
) -> Outcome:
    details = result.get("result") or {}
    # A frame of distinct values with their row counts: count rows, not distinct values.
    unexpected = frame.loc[details.get("unexpected_index_list") or [], "rows"].sum()
    elements = frame["rows"].sum()
    examples: list[str] = []
    if not result["success"] and has_examples:
        examples = [
            str(example)
            for (example,) in con.execute(
                f"SELECT DISTINCT example FROM ({check.sql}) WHERE NOT coalesce(ok, false) AND example IS NOT NULL "
                "ORDER BY ALL LIMIT 5"
            ).fetchall()
        ]
    return Outcome(
        check=check,
        success=bool(result["success"]),
        observed_value=f"{belgian(int(unexpected))} van {belgian(int(elements))} afwijkend",
        unexpected_count=int(unexpected),
        element_count=int(elements),
        examples=examples,
        gx_result=result,
    )


def _json_safe(value: Any) -> Any:
    return json.loads(json.dumps(value, default=str))


def ensure_results_table(con: duckdb.DuckDBPyConnection) -> None:
    con.execute("CREATE SCHEMA IF NOT EXISTS dq")
    con.execute(RESULTS_TABLE)


def store(con: duckdb.DuckDBPyConnection, run_id: str, suite: Suite, outcomes: list[Outcome], folder: Path) -> None:
    """Append the results to dq.expectation_results and keep GX's own report as JSON."""
    checked_at = datetime.now(UTC).replace(tzinfo=None)
    ensure_results_table(con)
    con.executemany(
        "INSERT INTO dq.expectation_results VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [
            (
                run_id,
                checked_at,
                suite.table,
                o.check.name,
                EXPECTATION,
                "ok",
                o.check.severity,
                o.success,
                o.observed_value,
                o.unexpected_count,
                o.element_count,
                o.examples,
                o.check.description,
            )
            for o in outcomes
        ],
    )
    folder.mkdir(parents=True, exist_ok=True)
    report = {
        "run_id": run_id,
        "suite": suite.table,
        "checked_at": checked_at.isoformat(),
        "results": [{"name": o.check.name, "severity": o.check.severity, **o.gx_result} for o in outcomes],
    }
    (folder / f"{suite.table}.json").write_text(json.dumps(report, indent=2, ensure_ascii=False), encoding="utf-8")
