"""Schedules, in Brussels time: a monthly refresh, and the quarterly report the morning after a quarter ends."""

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import dagster as dg

from dashboards.report import Quarter
from pipelines.defs.jobs import full_run, quarterly_report_job
from pipelines.settings import TIMEZONE

monthly_refresh = dg.ScheduleDefinition(
    name="monthly_refresh",
    job=full_run,
    cron_schedule="0 6 1 * *",
    execution_timezone=TIMEZONE,
    default_status=dg.DefaultScheduleStatus.RUNNING,
    description="Refresh everything on the first day of each month at 06:00, before the quarterly report.",
)


@dg.schedule(
    name="quarterly_report_schedule",
    job=quarterly_report_job,
    cron_schedule="0 7 1 1,4,7,10 *",
    execution_timezone=TIMEZONE,
    default_status=dg.DefaultScheduleStatus.RUNNING,
    description="On the first day of January, April, July and October at 07:00: the report of the quarter "
    "that just ended, on the warehouse the monthly refresh published at 06:00 (after the quarter's end, so the "
    "report is frozen as final). If the figures do not end in that quarter, the run fails and says why.",
)
def quarterly_report_schedule(context: dg.ScheduleEvaluationContext) -> dg.RunRequest:
    # The quarter partitions include the running one (a provisional report): the schedule names the ended one.
    # A tick tested by hand in the UI may come without a time: it asks for the quarter that ended last.
    now = context.scheduled_execution_time or datetime.now(UTC)
    ended = Quarter.of(now.astimezone(ZoneInfo(TIMEZONE)).date()).previous()
    return dg.RunRequest(partition_key=ended.partition_key)
