"""What `mcmon run` and `mcmon report` show while a Dagster job runs in their process: a line per stage that
fills as its tables and checks are done, with the time it took. Dagster's own log (every event, at DEBUG)
goes to a log file, and to the console as well with --verbose; the warnings of the run's steps are kept
for the summary.

The display follows the run through the `mcmon` Dagster logger (pipelines/defs/loggers.py): Dagster hands
it every event as it happens, in this process (the in-process executor).
"""

from __future__ import annotations

import logging
import sys
import time
import traceback
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TextIO

import dagster as dg
from rich.console import Console, RenderableType
from rich.live import Live
from rich.progress_bar import ProgressBar
from rich.spinner import Spinner
from rich.table import Table
from rich.text import Text

from pipelines.defs.loggers import RUN_LOGGER
from pipelines.formatting import belgian

# The Dagster asset groups (group_name under pipelines/defs/) as the stages a user follows, in run order.
STAGES: dict[str, tuple[str, ...]] = {
    "inlezen": ("ingestion", "reference"),
    "valideren": ("staging",),
    "modellen": ("intermediate", "marts", "dq", "ref"),
    "controles": (),  # the asset checks
    "publiceren": ("publish",),
    "dashboards": ("dashboards",),
    "rapport": ("reports",),
}
CHECKS = "controles"
REPORT = "rapport"
# Before the first step: the definitions load, Dagster prepares the run and its resources start.
STARTING = "starten"
# The log file keeps Dagster's own console format, so it reads like the UI's raw log.
LOG_FORMAT = "%(asctime)s - dagster - %(levelname)s - %(message)s"
LOG_DATE_FORMAT = "%Y-%m-%d %H:%M:%S %z"
KEPT_LOG_FILES = 50


def stage_of_group(group: str) -> str:
    """The stage an asset group belongs to; a group no stage names is a stage of its own."""
    return next((stage for stage, groups in STAGES.items() if group in groups), group)


@dataclass
class Stage:
    name: str
    total: int = 0
    done: int = 0
    started: float | None = None
    finished: float | None = None
    stopped: bool = False

    def seconds(self, now: float) -> float:
        return ((self.finished or now) - self.started) if self.started is not None else 0.0

    def line(self, now: float) -> str:
        """The stage in one plain line, when it finished or the run stopped."""
        took = f"{belgian(self.seconds(now), 1)} s"
        if self.finished is not None:
            return f"{self.name}: klaar in {took}" + (f" ({self.done} van {self.total})" if self.total else "")
        if self.started is not None:
            return f"{self.name}: gestopt na {self.done} van {self.total} ({took})"
        return f"{self.name}: niet uitgevoerd"


class RunConsole(logging.Handler):
    """The progress display and the log file of one run; `open` sets both up and takes them down."""

    def __init__(self, log_file: Path, verbose: bool, out: TextIO) -> None:
        super().__init__(logging.DEBUG)
        self.log_file = log_file
        self.verbose = verbose
        self.warnings: list[str] = []
        self._out = out
        self._stages = {STARTING: Stage(STARTING, started=time.monotonic())}
        self._stage_of: dict[dg.AssetKey, str] = {}
        # Per step: when it started or last finished a table or check, where the next stage in it starts.
        self._marks: dict[str, float] = {}
        self._live: Live | None = None

    @classmethod
    @contextmanager
    def open(cls, logs_dir: Path, command: str, verbose: bool, out: TextIO | None = None) -> Iterator[RunConsole]:
        """Log file `<logs_dir>/mcmon-<command>-<time>.log` for Dagster's log and the Python warnings; a live
        display when `out` (stdout) is a terminal and not --verbose, else one plain line per stage."""
        out = out or sys.stdout
        logs_dir.mkdir(parents=True, exist_ok=True)
        log_file = logs_dir / f"mcmon-{command}-{datetime.now():%Y%m%d-%H%M%S}.log"
        console = cls(log_file, verbose, out)
        to_file = logging.FileHandler(log_file, encoding="utf-8")
        to_file.setFormatter(logging.Formatter(LOG_FORMAT, LOG_DATE_FORMAT))
        run_log, python_warnings = logging.getLogger(RUN_LOGGER), logging.getLogger("py.warnings")
        attached = [(run_log, to_file), (run_log, console), (python_warnings, to_file)]
        for log, handler in attached:
            log.addHandler(handler)
        rich = Console(file=out)
        # Four frames a second: a frame costs about 3 ms, so the display takes about 1 % of a core.
        if rich.is_terminal and not verbose:
            console._live = Live(get_renderable=console._render, console=rich, refresh_per_second=4)
            console._live.start()
        try:
            yield console
        except BaseException as error:
            # An unexpected error of mcmon itself (not a failed step: Dagster reports those): its traceback
            # goes to the log file, which the one line on the console names.
            to_file.stream.write("".join(traceback.format_exception(error)))
            error.add_note(f"Volledige foutmelding in {log_file}")
            raise
        finally:
            console._close()
            for log, handler in attached:
                log.removeHandler(handler)
            to_file.close()
            _prune(logs_dir, command)

    def plan(self, definitions: dg.Definitions, stages: list[str]) -> None:
        """The stages of this run, each with the number of tables and checks it has to finish."""
        for spec in definitions.resolve_all_asset_specs():
            stage = stage_of_group(spec.group_name)
            if stage in stages:
                self._stage_of[spec.key] = stage
                self._stages.setdefault(stage, Stage(stage)).total += 1
        if CHECKS in stages:
            checked = [*(definitions.assets or []), *(definitions.asset_checks or [])]
            checks = sum(len(list(d.check_specs)) for d in checked if isinstance(d, dg.AssetsDefinition))
            self._stages[CHECKS] = Stage(CHECKS, total=checks)
        order = [STARTING, *STAGES, *stages]
        self._stages = dict(sorted(self._stages.items(), key=lambda item: order.index(item[0])))

    def loggers_config(self) -> dict:
        """The run config's loggers: `mcmon` always; Dagster's console at DEBUG with --verbose, else only for
        the critical (the jobs' own config, for the UI, gives it INFO, and run config is merged with it)."""
        return {"mcmon": {}, "console": {"config": {"log_level": "DEBUG" if self.verbose else "CRITICAL"}}}

    def emit(self, record: logging.LogRecord) -> None:
        event: dg.DagsterEvent | None = getattr(record, "dagster_event", None)
        if event is None:
            # A step's own message (context.log): the warnings are Dutch and belong in the summary.
            if record.levelno >= logging.WARNING:
                meta = getattr(record, "dagster_meta", None) or {}
                message = meta.get("orig_message") or record.getMessage()
                if message not in self.warnings:
                    self.warnings.append(message)
            return
        now = time.monotonic()
        if event.is_step_start:
            self._finish(self._stages[STARTING], now)
            self._marks[event.step_key] = now
        elif event.event_type == dg.DagsterEventType.ASSET_MATERIALIZATION:
            self._advance(self._stage_of.get(event.asset_key), event.step_key, now)
        elif event.event_type == dg.DagsterEventType.ASSET_CHECK_EVALUATION:
            self._advance(CHECKS, event.step_key, now)

    def _advance(self, name: str | None, step: str | None, now: float) -> None:
        stage = self._stages.get(name)
        if stage is None:
            return
        if stage.started is None:
            stage.started = self._marks.get(step, now)
        self._marks[step] = now
        stage.done += 1
        if stage.done >= stage.total:
            self._finish(stage, now)

    def _finish(self, stage: Stage, now: float) -> None:
        if stage.finished is not None:
            return
        stage.finished = now
        if self._live is None:
            print(stage.line(now), file=self._out, flush=True)

    def _close(self) -> None:
        now = time.monotonic()
        unfinished = [stage for stage in self._stages.values() if stage.finished is None]
        for stage in unfinished:
            stage.stopped = stage.started is not None
        if self._live is not None:
            self._live.stop()
        else:
            for stage in unfinished:
                print(stage.line(now), file=self._out, flush=True)

    def _render(self) -> RenderableType:
        now = time.monotonic()
        table = Table.grid(padding=(0, 1))
        for stage in self._stages.values():
            if stage.finished is not None:
                state: RenderableType = Text("✓", style="green")
            elif stage.stopped:
                state = Text("✗", style="red")
            elif stage.started is not None:
                state = Spinner("dots", style="cyan")
            else:
                state = Text("·", style="dim")
            bar: RenderableType = Text("")
            count = ""
            if stage.total:
                bar = ProgressBar(total=stage.total, completed=stage.done, width=30)
                count = f"{stage.done}/{stage.total}"
            took = f"{belgian(stage.seconds(now), 1)} s" if stage.started is not None else ""
            table.add_row(state, Text(stage.name, style="bold"), bar, Text(count, justify="right"), took)
        return table


def _prune(logs_dir: Path, command: str) -> None:
    """Keep the newest KEPT_LOG_FILES log files of a command."""
    for old in sorted(logs_dir.glob(f"mcmon-{command}-*.log"))[:-KEPT_LOG_FILES]:
        old.unlink(missing_ok=True)
