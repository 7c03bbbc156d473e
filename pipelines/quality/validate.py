"""Running a suite with Great Expectations (GX Core 1.x) on DataFrames pulled from DuckDB.

GX has no DuckDB datasource and takes seconds to import, so it is imported inside `run_suite`, once
per process, and validates pandas frames through one ephemeral context.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import cache
from pathlib import Path
from typing import Any

import duckdb
import pandas as pd

from pipelines.quality.suites import Check, CodeList, Setting, Suite

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
            "expectation": self.check.expectation,
            "description": self.check.description,
            "observed_value": self.observed_value,
            "unexpected_count": self.unexpected_count,
            "element_count": self.element_count,
            "examples": ", ".join(self.examples) or "-",
        }


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


def run_suite(con: duckdb.DuckDBPyConnection, suite: Suite) -> list[Outcome]:
    import great_expectations as gx

    batch_definition = _batch_definition()
    outcomes = []
    for check in suite.checks:
        frame = con.execute(check.sql).fetchdf()
        kwargs = {key: _resolve(con, value) for key, value in check.kwargs.items()}
        expectation = getattr(gx.expectations, check.expectation)(**kwargs)
        weighted = "rows" in frame.columns
        result = batch_definition.get_batch(batch_parameters={"dataframe": frame}).validate(
            expectation, result_format="COMPLETE" if weighted else "SUMMARY"
        )
        outcomes.append(_outcome(con, check, frame, result, weighted))
    return outcomes


def _resolve(con: duckdb.DuckDBPyConnection, value: Any) -> Any:
    if isinstance(value, CodeList):
        return [code for (code,) in con.execute("SELECT code FROM ref.codes WHERE list = $1", [value.name]).fetchall()]
    if isinstance(value, Setting):
        return con.execute(f"SELECT {value.name} FROM settings.parameters").fetchall()[0][0]
    return value


def _outcome(con: duckdb.DuckDBPyConnection, check: Check, frame: pd.DataFrame, result: Any, weighted: bool) -> Outcome:
    details = result.result or {}
    if weighted:
        # A frame of distinct values with their row counts: count rows, not distinct values.
        unexpected = frame.loc[details.get("unexpected_index_list") or [], "rows"].sum()
        elements = frame["rows"].sum()
    else:
        unexpected = details.get("unexpected_count") or 0
        elements = details.get("element_count", len(frame))
    observed = details.get("observed_value")
    if observed is None:
        observed = f"{int(unexpected)} van {int(elements)} afwijkend"
    examples: list[str] = []
    if not result.success:
        if check.examples_sql:
            examples = [str(row[0]) for row in con.execute(check.examples_sql).fetchall()]
        else:
            examples = [str(v) for v in (details.get("partial_unexpected_list") or [])[:5]]
    return Outcome(
        check=check,
        success=bool(result.success),
        observed_value=_text(observed),
        unexpected_count=int(unexpected),
        element_count=int(elements),
        examples=examples,
        gx_result=_json_safe(result.to_json_dict()),
    )


def _text(value: Any) -> str:
    if isinstance(value, float) and not math.isnan(value):
        return f"{value:g}"
    return str(value)


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
                o.check.expectation,
                o.check.kwargs.get("column"),
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
