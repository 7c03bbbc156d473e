"""A whole run in this process, as `mcmon run` and `make run` start it, with a summary for people."""

from __future__ import annotations

import gc
import json
import os
import sys
from pathlib import Path

import dagster as dg
import duckdb

from pipelines.console import REPORT, STAGES, RunConsole
from pipelines.delivery_guard import refusal, without_source_folders
from pipelines.formatting import belgian
from pipelines.landing.files import empty_landing
from pipelines.settings import Settings, load_settings

# The process that runs a run started by mcmon: how a later run knows it was killed.
PID_TAG = "mcmon/pid"

# The stages `mcmon run` shows: every stage of the full run, which leaves only the report out.
RUN_STAGES = [stage for stage in STAGES if stage != REPORT]


DAGSTER_CONFIG = """\
# Written by mcmon. Public-sector data: no telemetry. DuckDB allows one writer: one run at a time.
# Run history in Dagster's SQLite storage under DAGSTER_HOME, named so the folder opens from anywhere.
telemetry:
  enabled: false
concurrency:
  runs:
    max_concurrent_runs: 1
storage:
  sqlite:
    base_dir: {home}
"""


def prepare_dagster_home(settings: Settings | None = None) -> Path:
    """DAGSTER_HOME (default data/dagster_home) with its configuration, so run history persists."""
    settings = settings or load_settings()
    home = Path(os.environ.setdefault("DAGSTER_HOME", str((settings.data_dir / "dagster_home").resolve())))
    configure_dagster_home(home)
    return home


def configure_dagster_home(home: Path) -> None:
    """Write mcmon's Dagster configuration into `home`. A configuration mcmon wrote (an earlier version, or
    for a home since moved or copied) is brought up to date; one edited by hand is kept."""
    home.mkdir(parents=True, exist_ok=True)
    config = home / "dagster.yaml"
    if not config.exists() or config.read_text().startswith(DAGSTER_CONFIG.splitlines()[0]):
        config.write_text(DAGSTER_CONFIG.format(home=json.dumps(str(home.resolve()))))


def prepare_service() -> None:
    """Before `make ui` starts the webserver and the daemon: DAGSTER_HOME ready, abandoned runs closed."""
    prepare_dagster_home()
    with dg.DagsterInstance.get() as instance:
        close_abandoned_runs(instance)


def run_everything(settings: Settings, accept_drop: bool = False, verbose: bool = False) -> int:
    """The full run; `accept_drop` publishes even when the delivery guard finds a worse delivery; `verbose`
    shows Dagster's own log on the console too."""
    # A missing or empty landing zone, or one without any source folder (a mistyped MCMON_LANDING_DIR), is
    # known before anything runs: one sentence now, instead of the run's failure (the landing inventory, or
    # the delivery guard after the whole graph) with its stack trace.
    if empty := empty_landing(settings.landing_dir):
        print(f"mcmon run: {empty}", file=sys.stderr)
        return 1
    if (stray := without_source_folders(settings.landing_dir)) and not accept_drop:
        print(f"mcmon run: {refusal(stray)}", file=sys.stderr)
        return 1
    prepare_dagster_home(settings)
    landing = f"{settings.landing_dir}" + (" (ingebouwde voorbeelddata)" if settings.uses_sample else "")
    print(f"mcmon run op {landing}", flush=True)
    with RunConsole.open(settings.logs_dir, "run", verbose) as console:
        from pipelines.definitions import defs

        definitions = defs()
        console.plan(definitions, RUN_STAGES)
        guard = {"ops": {"published__delivery_guard": {"config": {"accept_drop": accept_drop}}}}
        result = _execute(definitions.resolve_job_def("full_run"), console, run_config=guard)
    if not result.success:
        _report_failure(result, "mcmon run", console.log_file)
        return 1
    print_summary(settings, console)
    return 0


def run_report(settings: Settings, quarter: str | None, verbose: bool = False) -> int:
    """Produce the quarterly report of `quarter` (e.g. 2026-Q3), by default the quarter the published figures
    end in. A quarter the rule of dashboards/report.py refuses is refused here, in one Dutch sentence, before
    any run starts (QuarterRefused is a ValueError: `mcmon report` prints it and exits with 1)."""
    from datetime import date

    from dashboards.report import Quarter, default_quarter, plan

    wanted = Quarter.parse(quarter) if quarter else default_quarter(settings.warehouse)
    plan(settings.warehouse, settings.reports_dir, wanted)
    prepare_dagster_home(settings)
    from pipelines.definitions import defs
    from pipelines.defs.reports.assets import QUARTERS

    keys = QUARTERS.get_partition_keys()
    if wanted.partition_key not in keys:
        first, last = (Quarter.of(date.fromisoformat(key)).label for key in (keys[0], keys[-1]))
        raise ValueError(f"kwartaal {wanted.label} valt buiten de rapportperiode ({first} t.e.m. {last})")
    with RunConsole.open(settings.logs_dir, "report", verbose) as console:
        definitions = defs()
        console.plan(definitions, [REPORT])
        result = _execute(definitions.resolve_job_def("quarterly_report"), console, partition_key=wanted.partition_key)
    if not result.success:
        _report_failure(result, "mcmon report", console.log_file)
        return 1
    _print_warnings(console.warnings)
    (event,) = result.get_asset_materialization_events()
    status = event.materialization.metadata["status"].value
    print(f"Kwartaalrapport {wanted.label} ({status}): {settings.reports_dir / wanted.label / 'rapport.html'}")
    print(f"Logboek van de run: {console.log_file}")
    return 0


def _execute(
    job: dg.JobDefinition, console: RunConsole, partition_key: str | None = None, run_config: dict | None = None
) -> dg.ExecuteInProcessResult:
    _spare_the_collector()
    with dg.DagsterInstance.get() as instance:
        close_abandoned_runs(instance)
        return job.execute_in_process(
            instance=instance,
            partition_key=partition_key,
            run_config={"loggers": console.loggers_config(), **(run_config or {})},
            tags={PID_TAG: str(os.getpid())},
            raise_on_error=False,
        )


def _spare_the_collector() -> None:
    """Python's cyclic garbage collector took a noticeable part of a small run (BENCHMARKS.md, decisions),
    mostly full collections walking the long-lived heap (Dagster, pandas, plotly, the definitions) again
    and again. That heap lives as long as the process: it is frozen out of the collector, and the young generation is
    collected less often, since a run allocates hundreds of thousands of short-lived objects."""
    gc.freeze()
    gc.set_threshold(50_000, 20, 20)


def close_abandoned_runs(instance: dg.DagsterInstance) -> list[str]:
    """Mark as failed the runs whose process is gone (killed, or the machine went down) while their
    history still says they run: the UI would show them running forever, and the daemon's queue (one
    run at a time) would wait for them. A run's process id is its PID_TAG (mcmon), or the one Dagster's
    run worker logged when it started (runs launched by the daemon or the UI)."""
    closed = []
    running = instance.get_runs(
        filters=dg.RunsFilter(statuses=[dg.DagsterRunStatus.STARTING, dg.DagsterRunStatus.STARTED])
    )
    for run in running:
        pid = run.tags.get(PID_TAG) or _worker_pid(instance, run.run_id)
        if pid and not _process_exists(int(pid)):
            instance.report_run_failed(run, f"Het proces van deze run ({pid}) bestaat niet meer: afgebroken.")
            closed.append(run.run_id)
    return closed


def _worker_pid(instance: dg.DagsterInstance, run_id: str) -> str | None:
    for record in instance.all_logs(run_id, of_type=dg.DagsterEventType.ENGINE_EVENT):
        pid = record.dagster_event.engine_event_data.metadata.get("pid")
        if pid is not None:
            return str(pid.value)
    return None


def _process_exists(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # someone else's process
        return True
    return True


def _report_failure(result: dg.ExecuteInProcessResult, command: str, log_file: Path) -> None:
    """Say in one line per cause why the run stopped, nothing published: a blocking check, a step that broke
    or a resource that did not start; the last line names the log file with the whole story."""
    causes = []
    for evaluation in result.get_asset_check_evaluations():
        if not evaluation.passed and evaluation.severity == dg.AssetCheckSeverity.ERROR:
            metadata = {key: value.value for key, value in evaluation.metadata.items()}
            causes.append(
                f"controle {'.'.join(evaluation.asset_key.path)}/{evaluation.check_name} gefaald, niets "
                f"gepubliceerd: {metadata.get('description')} ({metadata.get('observed_value')}; "
                f"waar: {metadata.get('examples')})"
            )
    for event in result.all_events:
        if event.is_step_failure:
            where, error = f"stap {event.step_key}", event.step_failure_data.error
        elif event.is_resource_init_failure:
            where, error = "het starten van de run", event.event_specific_data.error
        else:
            continue
        if error and "DagsterAssetCheckFailedError" not in error.cls_name:
            causes.append(f"{where} mislukt: {_innermost(error)}")
    causes = causes or ["de run is mislukt"]
    for cause in causes[:-1]:
        print(f"{command}: {cause}", file=sys.stderr)
    print(f"{command}: {causes[-1]} (volledig logboek: {log_file})", file=sys.stderr)


def _innermost(error) -> str:
    """The message of the error that started it all: Dagster wraps a step's exception in its own."""
    while error.cause is not None:
        error = error.cause
    return " ".join(error.message.split())


def print_summary(settings: Settings, console: RunConsole) -> None:
    """What the run read, what it warned about (in Dutch, each once) and where to look next."""
    with duckdb.connect(str(settings.warehouse), read_only=True) as con:
        sources = con.execute(
            """SELECT source, files, files_rejected, rows_received, rows_loaded, rows_quarantined, rows_duplicate,
                      rows_in_rejected_files, is_missing, reconciles
               FROM dq.sources"""
        ).fetchall()
        (unreconciled,) = con.execute("SELECT count(*) FROM dq.files WHERE NOT reconciles").fetchall()[0]
        checks = con.execute(
            f"SELECT count(*), count(*) FILTER (NOT success) FROM dq.expectations WHERE {LATEST}"
        ).fetchall()[0]
        warned = con.execute(
            f"""SELECT suite, description, observed_value FROM dq.expectations
                WHERE {LATEST} AND NOT success AND severity = 'WARN' ORDER BY suite, expectation"""
        ).fetchall()
    print(f"\nLandingsgebied: {settings.landing_dir}" + (" (ingebouwde voorbeelddata)" if settings.uses_sample else ""))
    header = (
        f"{'bron':<12} {'bestanden':>9} {'geweigerd':>9} {'ontvangen':>11} {'ingeladen':>11} "
        f"{'quarantaine':>11} {'dubbel':>8} {'in geweigerde':>13}"
    )
    print(header)
    print("-" * len(header))
    for source, files, files_rejected, received, loaded, quarantined, duplicate, in_rejected, missing, _ in sources:
        if missing:
            print(f"{source:<12} {'ontbreekt: nog geen bestanden aangeleverd':>40}")
            continue
        print(
            f"{source:<12} {belgian(files):>9} {belgian(files_rejected):>9} {belgian(received):>11} "
            f"{belgian(loaded):>11} {belgian(quarantined):>11} {belgian(duplicate):>8} {belgian(in_rejected):>13}"
        )
    _print_warnings(console.warnings)
    print(
        "Alle bestanden kloppen (ontvangen = ingeladen + quarantaine + dubbel + in geweigerde bestanden)."
        if unreconciled == 0
        else f"LET OP: {unreconciled} bestand(en) kloppen niet; zie dq.files."
    )
    print(f"Controles: {belgian(checks[0])}, waarvan {belgian(checks[1])} met een waarschuwing (zie mcmon dq).")
    for table, description, observed in warned:
        print(f"  niet voldaan ({table}): {description} Gevonden: {observed}.")
    print(f"\nDashboards:                 {settings.site_dir / 'index.html'} (openen in de browser, of mcmon serve)")
    print(f"Gepubliceerd datawarehouse: {settings.warehouse}")
    print(f"Exports:                    {settings.exports_dir} (indicatoren.xlsx, parquet/, elm/catalogus.jsonld)")
    print(f"Terugkoppeling aanbieders:  {settings.feedback_dir} (per aanbieder haar rijen en haar scorekaart)")
    print(f"Interne databank:           {settings.internal_database}")
    print(f"Logboek van de run:         {console.log_file}")
    print('Bevragen: mcmon indicators, of mcmon sql "select * from dq.files"')


# The latest run's checks in dq.expectations (every run's results are kept).
LATEST = "run_id = (SELECT run_id FROM dq.expectations ORDER BY checked_at DESC LIMIT 1)"
# More warnings than this (a delivery of many files in an old encoding) are counted, not listed.
SHOWN_WARNINGS = 20


def _print_warnings(warnings: list[str]) -> None:
    """The warnings of the run's steps (rejected files, the development key, an accepted drop), each once."""
    if not warnings:
        return
    print("Waarschuwingen:")
    for warning in warnings[:SHOWN_WARNINGS]:
        print(f"  {warning}")
    if len(warnings) > SHOWN_WARNINGS:
        print(f"  … en {belgian(len(warnings) - SHOWN_WARNINGS)} meer: zie het logboek van de run en mcmon dq.")
