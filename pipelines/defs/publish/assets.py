"""Publishing: the analysts' warehouse, built as a new file and swapped in atomically."""

import os
from pathlib import Path

import dagster as dg

from pipelines.defs.resources import PipelineDatabase, PublishedWarehouse
from pipelines.settings import REFERENCE_DIR

# Aggregates and offer-level tables only: nothing here holds a learner.
PUBLISHED_TABLES = [
    ("marts", "offers"),
    ("dq", "files"),
    ("dq", "issue_counts"),
    ("dq", "sources"),
    *[("ref", path.stem) for path in sorted(REFERENCE_DIR.glob("*.csv"))],
]
# DuckDB 1.0 and later can open this storage format.
STORAGE_VERSION = "v1.0.0"


@dg.asset(
    key=["published", "warehouse"],
    group_name="publish",
    deps=[dg.AssetKey([schema, table]) for schema, table in PUBLISHED_TABLES],
    kinds={"duckdb"},
)
def published_warehouse(
    context: dg.AssetExecutionContext, database: PipelineDatabase, warehouse: PublishedWarehouse
) -> dg.MaterializeResult:
    """The published warehouse `data/warehouse.duckdb` that analysts query ad hoc.

    Written as a new file next to the old one and moved into place with `os.replace`, so a reader
    never sees a half-built warehouse and an open reader never blocks the run.
    """
    target = Path(warehouse.path)
    target.parent.mkdir(parents=True, exist_ok=True)
    for stale in target.parent.glob(f"{target.name}.*.tmp"):
        stale.unlink()
    staging_file = target.with_name(f"{target.name}.{context.run.run_id}.tmp")
    with database.get_connection() as con:
        con.execute(f"ATTACH '{staging_file}' AS published (STORAGE_VERSION '{STORAGE_VERSION}')")
        try:
            for schema, table in PUBLISHED_TABLES:
                con.execute(f"CREATE SCHEMA IF NOT EXISTS published.{schema}")
                con.execute(f"CREATE TABLE published.{schema}.{table} AS SELECT * FROM {schema}.{table}")
        finally:
            con.execute("DETACH published")
    with staging_file.open("rb") as handle:
        os.fsync(handle.fileno())
    os.replace(staging_file, target)
    return dg.MaterializeResult(
        metadata={
            "path": str(target),
            "tables": ", ".join(f"{s}.{t}" for s, t in PUBLISHED_TABLES),
            "size_bytes": target.stat().st_size,
        }
    )
