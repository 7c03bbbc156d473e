"""Loggers: Dagster's colored console (the UI, the schedules and the sensor) and `mcmon`, through which
`mcmon run` and `mcmon report` follow a run in their own process (pipelines/console.py)."""

import logging

import dagster as dg

# The Python logger the `mcmon` Dagster logger hands every record of a run to: `mcmon run` attaches its
# log file and its progress display to it, for as long as the run lasts.
RUN_LOGGER = "mcmon.run"


@dg.logger(description="Every event of the run, handed to mcmon's log file and progress display (mcmon run).")
def mcmon_logger(init_context: dg.InitLoggerContext) -> logging.Logger:
    log = logging.getLogger(RUN_LOGGER)
    log.setLevel(logging.DEBUG)
    # Only mcmon's own handlers: a run configured with this logger elsewhere (the launchpad) writes nowhere.
    log.propagate = False
    if not log.handlers:
        log.addHandler(logging.NullHandler())
    return log


@dg.definitions
def loggers() -> dg.Definitions:
    # A job with loggers of its own keeps only those: the console logger is named to stay available.
    return dg.Definitions(loggers={"console": dg.colored_console_logger, "mcmon": mcmon_logger})
