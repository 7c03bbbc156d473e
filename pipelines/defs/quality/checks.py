"""Data-quality checks: the Great Expectations suites of pipelines/quality/suites.py as Dagster asset checks.

ERROR checks are blocking: when one fails, nothing downstream runs, so the publish step leaves the
previous warehouse in place. Every result is stored in dq.expectation_results (published as
dq.expectations, counts only) and as GX's JSON report under data/internal/validations/<run id>/.
"""

from pathlib import Path

import dagster as dg
import duckdb

from pipelines.defs.resources import PipelineDatabase
from pipelines.landing.pseudonymise import INSZ_IN_TEXT, MACROS
from pipelines.publication import published_tables
from pipelines.quality.suites import ERROR, SUITES, Check, Suite
from pipelines.quality.validate import run_suite, store

SEVERITY = {ERROR: dg.AssetCheckSeverity.ERROR}


def _key(table: str) -> dg.AssetKey:
    return dg.AssetKey(table.split("."))


def _evaluate(con: duckdb.DuckDBPyConnection, run_id: str, validations: Path, suites: list[Suite]):
    for suite in suites:
        if suite.setup_sql:
            con.execute(suite.setup_sql)
        outcomes = run_suite(con, suite)
        store(con, run_id, suite, outcomes, validations)
        if suite.record_sql:
            con.execute(suite.record_sql, [run_id])
        for outcome in outcomes:
            yield dg.AssetCheckResult(
                asset_key=_key(suite.table),
                check_name=outcome.check.name,
                passed=outcome.success,
                severity=SEVERITY.get(outcome.check.severity, dg.AssetCheckSeverity.WARN),
                metadata=outcome.metadata(),
            )


def _validations(database: PipelineDatabase, run_id: str) -> Path:
    return Path(database.database).parent / "validations" / run_id


def _specs(suite: Suite) -> list[dg.AssetCheckSpec]:
    return [
        dg.AssetCheckSpec(
            name=check.name,
            asset=_key(suite.table),
            description=f"[{check.severity}] {check.description}",
            blocking=check.severity == ERROR,
            additional_deps=[_key(table) for table in suite.reads],
        )
        for check in suite.checks
    ]


def build_suite_checks(suite: Suite) -> dg.AssetChecksDefinition:
    @dg.multi_asset_check(name=f"expectations_{suite.table.replace('.', '_')}", specs=_specs(suite))
    def _check(context: dg.AssetCheckExecutionContext, database: PipelineDatabase):
        with database.get_connection() as con:
            yield from _evaluate(con, context.run.run_id, _validations(database, context.run.run_id), [suite])

    return _check


suite_checks = [build_suite_checks(suite) for suite in SUITES]


def insz_suite(table: str, text_columns: list[str]) -> Suite:
    """No published text column holds a valid INSZ number, however it is written."""
    counts = (
        " UNION ALL ".join(
            f"SELECT '{column}' AS column_name, "
            f'count(*) FILTER (WHERE has_insz("{column}"::VARCHAR)) AS insz_values FROM {table}'
            for column in text_columns
        )
        or "SELECT NULL AS column_name, 0 AS insz_values"
    )
    return Suite(
        table,
        (
            Check(
                "no_insz_published",
                "Geen gepubliceerde tekstkolom bevat een geldig INSZ-nummer.",
                ERROR,
                counts,
                "ExpectColumnValuesToBeInSet",
                {"column": "insz_values", "value_set": [0]},
                # Where, never what.
                examples_sql=f"SELECT column_name FROM ({counts}) WHERE insz_values > 0",
            ),
        ),
    )


def build_insz_check(table: str) -> dg.AssetChecksDefinition:
    @dg.multi_asset_check(
        name=f"no_insz_{table.replace('.', '_')}",
        specs=[
            dg.AssetCheckSpec(
                name="no_insz_published",
                asset=_key(table),
                description="[ERROR] Geen gepubliceerde tekstkolom bevat een geldig INSZ-nummer.",
                blocking=True,
            )
        ],
    )
    def _check(context: dg.AssetCheckExecutionContext, database: PipelineDatabase):
        """Scan every text column of a table about to be published for a valid INSZ number."""
        with database.get_connection() as con:
            con.execute(MACROS)
            con.execute(
                "CREATE OR REPLACE TEMP MACRO has_insz(txt) AS len(list_filter(regexp_extract_all(txt, "
                f"'{INSZ_IN_TEXT}'), lambda c: insz_is_valid(regexp_replace(c, '[^0-9]', '', 'g')))) > 0"
            )
            schema, name = table.split(".")
            columns = con.execute(
                "SELECT column_name FROM duckdb_columns() WHERE schema_name = $1 AND table_name = $2 "
                "AND (data_type = 'VARCHAR' OR data_type LIKE 'VARCHAR[]%')",
                [schema, name],
            ).fetchall()
            suite = insz_suite(table, [c for (c,) in columns])
            yield from _evaluate(con, context.run.run_id, _validations(database, context.run.run_id), [suite])

    return _check


insz_checks = [build_insz_check(table.name) for table in published_tables() if table.source is None]
