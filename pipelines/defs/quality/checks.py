"""Data-quality checks: the checks declared next to the models (`models/<schema>/checks/`, loaded by
pipelines/quality/suites.py) and the INSZ scan of every published table, as Dagster asset checks.

ERROR checks are blocking: when one fails, nothing downstream runs, so the publish step leaves the
previous warehouse in place. Every result is stored in dq.expectation_results (published as
dq.expectations, counts only) and as GX's JSON report under data/internal/validations/<run id>/.
The checks run in two steps: the shipped reference tables right after they load (everything else
depends on them), and all the rest after the SQL models.
"""

from pathlib import Path

import dagster as dg
import duckdb

from pipelines.defs.reference.assets import REFERENCE_FILES
from pipelines.defs.resources import GreatExpectations, LandingZone, PipelineDatabase
from pipelines.landing.pseudonymise import define_insz_macros
from pipelines.publication import published_tables
from pipelines.quality.suites import ERROR, Check, Folders, Suite, checks, suites
from pipelines.quality.validate import record, run_suite, store

NO_INSZ = "Geen gepubliceerde tekstkolom bevat een geldig INSZ-nummer."
SCANNED = [t.name for t in published_tables() if t.source is None]


def _key(table: str) -> dg.AssetKey:
    return dg.AssetKey(table.split("."))


def insz_suite(con: duckdb.DuckDBPyConnection, table: str) -> Suite:
    """No published text column holds a valid INSZ number, however it is written."""
    schema, name = table.split(".")
    columns = [
        c
        for (c,) in con.execute(
            "SELECT column_name FROM duckdb_columns() WHERE schema_name = $1 AND table_name = $2 "
            "AND (data_type = 'VARCHAR' OR data_type LIKE 'VARCHAR[]%')",
            [schema, name],
        ).fetchall()
    ]
    counts = (
        " UNION ALL ".join(
            f"SELECT '{column}' AS column_name, "
            f'count(*) FILTER (WHERE has_insz("{column}"::VARCHAR)) AS insz_values FROM {table}'
            for column in columns
        )
        or "SELECT NULL AS column_name, 0 AS insz_values"
    )
    # The example says where, never what.
    sql = f"SELECT insz_values = 0 AS ok, column_name AS example FROM ({counts})"
    return Suite(table, (Check(table, "no_insz_published", NO_INSZ, ERROR, sql),))


def _evaluate(
    context: dg.AssetCheckExecutionContext,
    database: PipelineDatabase,
    landing: LandingZone,
    great_expectations: GreatExpectations,
    static: list[Suite],
    scanned: list[str],
):
    run_id = context.run.run_id
    validations = Path(database.database).parent / "validations" / run_id
    folders = Folders(landing=landing.root, scratch=Path(database.scratch_dir))
    with database.get_connection() as con:
        define_insz_macros(con)
        for suite in [*static, *(insz_suite(con, table) for table in scanned)]:
            outcomes = run_suite(con, suite, great_expectations.worker, folders, context.log.info)
            store(con, run_id, suite, outcomes, validations)
            record(con, suite, run_id)
            for outcome in outcomes:
                yield dg.AssetCheckResult(
                    asset_key=_key(suite.table),
                    check_name=outcome.check.name,
                    passed=outcome.success,
                    severity=dg.AssetCheckSeverity.ERROR
                    if outcome.check.severity == ERROR
                    else dg.AssetCheckSeverity.WARN,
                    metadata=outcome.metadata(),
                )


def _spec(check: Check) -> dg.AssetCheckSpec:
    return dg.AssetCheckSpec(
        name=check.name,
        asset=_key(check.table),
        description=f"[{check.severity}] {check.description}",
        blocking=check.severity == ERROR,
        additional_deps=[_key(t) for t in sorted(check.reads)],
    )


def _insz_spec(table: str) -> dg.AssetCheckSpec:
    return dg.AssetCheckSpec(
        name="no_insz_published", asset=_key(table), description=f"[ERROR] {NO_INSZ}", blocking=True
    )


# The shipped code lists load in their own step, before everything else.
REFERENCE_TABLES = [t for t in SCANNED if t in {f"ref.{path.stem}" for path in REFERENCE_FILES}]
MODEL_TABLES = [t for t in SCANNED if t not in REFERENCE_TABLES]


@dg.multi_asset_check(name="quality_reference", specs=[_insz_spec(t) for t in REFERENCE_TABLES])
def quality_reference(
    context: dg.AssetCheckExecutionContext,
    database: PipelineDatabase,
    landing: LandingZone,
    great_expectations: GreatExpectations,
):
    """The shipped reference tables that are published hold no INSZ number."""
    yield from _evaluate(context, database, landing, great_expectations, [], REFERENCE_TABLES)


@dg.multi_asset_check(
    name="quality_models",
    specs=[
        *[_spec(check) for check in checks()],
        *[_insz_spec(t) for t in MODEL_TABLES],
    ],
)
def quality_models(
    context: dg.AssetCheckExecutionContext,
    database: PipelineDatabase,
    landing: LandingZone,
    great_expectations: GreatExpectations,
):
    """Every declared check, and the INSZ scan of every published table the SQL models build."""
    yield from _evaluate(context, database, landing, great_expectations, list(suites()), MODEL_TABLES)
