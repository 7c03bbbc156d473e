"""The quarterly monitoring report, one partition per quarter."""

from pathlib import Path

import dagster as dg

from dashboards.report import freeze, quarter_label, render_report
from pipelines.defs.publish.assets import WAREHOUSE_KEY
from pipelines.defs.resources import IndicatorParameters, PublishedWarehouse

# A partition is a calendar quarter; its key is the quarter's first day, its window ends when the next starts.
QUARTERS = dg.TimeWindowPartitionsDefinition(
    cron_schedule="0 7 1 1,4,7,10 *", start="2025-01-01", fmt="%Y-%m-%d", timezone="Europe/Brussels"
)
REPORT_KEY = dg.AssetKey(["published", "quarterly_report"])


@dg.asset(key=REPORT_KEY, group_name="reports", partitions_def=QUARTERS, deps=[WAREHOUSE_KEY], kinds={"html", "excel"})
def quarterly_report(
    context: dg.AssetExecutionContext, warehouse: PublishedWarehouse, parameters: IndicatorParameters
) -> dg.MaterializeResult:
    """The quarterly monitoring report `data/reports/YYYY-Qn/`: `rapport.html` (headline indicators with the
    change versus the previous report, white spots, data-quality summary) and `indicatoren.xlsx`. The
    numbers are frozen the first time a quarter is reported, so a rerun gives the same numbers."""
    quarter = quarter_label(context.partition_key)
    reports = Path(warehouse.reports_dir)
    folder = reports / quarter
    already_frozen = (folder / "cijfers.duckdb").exists()
    freeze(Path(warehouse.path), folder, quarter, context.run.run_id, parameters.min_cell)
    written = render_report(folder, reports, context.run.run_id)
    return dg.MaterializeResult(
        metadata={
            "quarter": quarter,
            "path": str(folder),
            "files": len(written),
            "rerun_of_frozen_numbers": already_frozen,
        }
    )
