"""Schedules, in Brussels time: a monthly refresh, and the quarterly report the day a quarter ends."""

import dagster as dg

from pipelines.defs.jobs import full_run, quarterly_report_job

TIMEZONE = "Europe/Brussels"

monthly_refresh = dg.ScheduleDefinition(
    name="monthly_refresh",
    job=full_run,
    cron_schedule="0 6 1 * *",
    execution_timezone=TIMEZONE,
    default_status=dg.DefaultScheduleStatus.RUNNING,
    description="Refresh everything on the first day of each month at 06:00, before the quarterly report.",
)

quarterly_report_schedule = dg.build_schedule_from_partitioned_job(
    quarterly_report_job,
    name="quarterly_report_schedule",
    description="On the first day of January, April, July and October at 07:00: the report of the quarter "
    "that just ended.",
    default_status=dg.DefaultScheduleStatus.RUNNING,
)
