"""Jobs: the full refresh, and the quarterly report."""

import dagster as dg

from pipelines.defs.reports.assets import REPORT_KEY

# Runs started by the UI, a schedule or the sensor log at INFO: Dagster's default (DEBUG) prints every event,
# hundreds of lines a run, in the service's console. `mcmon run` sets its own level (pipelines/run.py).
INFO_LOGS = {"loggers": {"console": {"config": {"log_level": "INFO"}}}}

full_run = dg.define_asset_job(
    name="full_run",
    selection=dg.AssetSelection.all() - dg.AssetSelection.assets(REPORT_KEY),
    config=INFO_LOGS,
    description="Read the whole landing zone afresh, rebuild every table, check it and publish the warehouse, "
    "the exports, the feedback files and the dashboard site.",
)

quarterly_report_job = dg.define_asset_job(
    name="quarterly_report",
    selection=dg.AssetSelection.assets(REPORT_KEY),
    config=INFO_LOGS,
    description="Produce the monitoring report of one quarter from the published warehouse.",
)
