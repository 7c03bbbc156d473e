"""Disclosure control: the cells hidden in the published indicators, checked across every published number."""

import time

import dagster as dg

from pipelines.defs.resources import PipelineDatabase
from pipelines.disclosure.audit import KEY, Publication

RULES = "marts.suppression_rules"


@dg.asset(
    key=["marts", "cell_suppression"],
    group_name="marts",
    deps=[
        dg.AssetKey(["marts", "indicator_values_unsuppressed"]),
        dg.AssetKey(["marts", "suppression_rules"]),
        dg.AssetKey(["marts", "disclosure_relations"]),
        dg.AssetKey(["ref", "indicators"]),
        dg.AssetKey(["settings", "parameters"]),
    ],
    kinds={"duckdb", "scipy"},
)
def cell_suppression(context: dg.AssetExecutionContext, database: PipelineDatabase) -> dg.MaterializeResult:
    """Every hidden cell of the published indicators with the reason (internal: the reason is never
    published). The contract's rules (marts.suppression_rules: primary, complementary, linked), then
    `protection`: where the disclosure audit still finds that an analyst could narrow a small cell below
    MCMON_MIN_CELL by combining published numbers (marts.disclosure_relations), the smallest published
    cell that prevents it is hidden too, until no small cell is derivable (pipelines/disclosure/audit.py)."""
    started = time.perf_counter()
    with database.get_connection() as con:
        (min_cell,) = con.execute("SELECT min_cell FROM settings.parameters").fetchall()[0]
        publication = Publication.load(con)
        added = publication.protect(publication.hidden_in(con, RULES), min_cell)
        protection = publication.rows.iloc[added][KEY].assign(reason="protection")
        con.register("_protection", protection)
        con.execute(
            f"CREATE OR REPLACE TABLE marts.cell_suppression AS "
            f"SELECT * FROM {RULES} UNION ALL BY NAME SELECT * FROM _protection"
        )
        con.unregister("_protection")
        reasons = dict(con.execute("SELECT reason, count(*) FROM marts.cell_suppression GROUP BY ALL").fetchall())
    return dg.MaterializeResult(
        metadata={
            "dagster/row_count": sum(reasons.values()),
            **{f"hidden_{reason}": count for reason, count in sorted(reasons.items())},
            "protection_cells": ", ".join(" | ".join(map(str, row)) for row in protection[KEY].itertuples(index=False))
            or "geen",
            "seconds": round(time.perf_counter() - started, 3),
        }
    )
