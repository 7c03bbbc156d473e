"""The quarterly monitoring report, one partition per quarter."""

from datetime import date
from pathlib import Path

import dagster as dg

from dashboards.report import Quarter, QuarterRefused, report_quarter
from pipelines.defs.publish.assets import WAREHOUSE_KEY
from pipelines.defs.resources import IndicatorParameters, PublishedWarehouse
from pipelines.settings import TIMEZONE

# A partition is a calendar quarter; its key is the quarter's first day. The running quarter is a partition
# too (end_offset): it can be reported, provisionally (dashboards/report.py).
QUARTERS = dg.TimeWindowPartitionsDefinition(
    cron_schedule="0 0 1 1,4,7,10 *", start="2025-01-01", fmt="%Y-%m-%d", timezone=TIMEZONE, end_offset=1
)
REPORT_KEY = dg.AssetKey(["published", "quarterly_report"])


@dg.asset(key=REPORT_KEY, group_name="reports", partitions_def=QUARTERS, deps=[WAREHOUSE_KEY], kinds={"html", "excel"})
def quarterly_report(
    context: dg.AssetExecutionContext, warehouse: PublishedWarehouse, parameters: IndicatorParameters
) -> dg.MaterializeResult:
    """The quarterly monitoring report `data/reports/YYYY-Qn/`: `rapport.html` (its cut-off, headline
    indicators with the change versus the previous report, white spots, data-quality summary) and
    `indicatoren.xlsx`. A quarter is reported only from figures that end in it: frozen for good when the
    warehouse was published after the quarter ended, provisional (replaced by the next report of the
    quarter) before; otherwise the run fails with the reason in Dutch and writes nothing
    (dashboards/report.py)."""
    quarter = Quarter.of(date.fromisoformat(context.partition_key))
    reports = Path(warehouse.reports_dir)
    try:
        status = report_quarter(Path(warehouse.path), reports, quarter, context.run.run_id, parameters.min_cell)
    except QuarterRefused as refused:
        raise dg.Failure(description=str(refused)) from None
    return dg.MaterializeResult(
        metadata={"quarter": quarter.label, "path": str(reports / quarter.label), "status": status.value}
    )
