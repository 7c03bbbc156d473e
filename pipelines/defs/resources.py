"""Resources, configured in one place from the run settings (`pipelines/settings.py`)."""

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import dagster as dg
import duckdb
from dagster_duckdb import DuckDBResource
from pydantic import PrivateAttr

from pipelines.landing.pseudonymise import pseudonym_key
from pipelines.quality.validate import GxWorker, process_worker
from pipelines.settings import Settings, check_secrets, load_settings
from pipelines.sql_models import macros_sql


class PipelineDatabase(DuckDBResource):
    """The internal database (row level, pseudonymised). Only the run writes it.

    A run opens the database once and each step works on a connection of its own to it (a cursor):
    opening the file, and the checkpoint when its last connection closes, cost time at every step
    (BENCHMARKS.md, decisions). Outside a run (tests, scripts) each connection opens the file itself.
    """

    scratch_dir: str
    _in_run: bool = PrivateAttr(default=False)
    _open_for_run: duckdb.DuckDBPyConnection | None = PrivateAttr(default=None)

    def setup_for_execution(self, context: dg.InitResourceContext) -> None:
        # Opened at the first step that uses it, not here: a run that another resource refuses
        # (production without a key) must not have created anything.
        self._in_run = True

    def teardown_after_execution(self, context: dg.InitResourceContext) -> None:
        if self._open_for_run is not None:
            self._open_for_run.close()
            self._open_for_run = None

    @contextmanager
    def get_connection(self) -> Iterator[duckdb.DuckDBPyConnection]:
        if self._in_run and self._open_for_run is None:
            self._open_for_run = self._connect()
        con = self._open_for_run.cursor() if self._open_for_run is not None else self._connect()
        try:
            con.execute(macros_sql())
            yield con
        finally:
            con.close()

    def _connect(self) -> duckdb.DuckDBPyConnection:
        Path(self.database).parent.mkdir(parents=True, exist_ok=True)
        # DuckDB creates only the last level of temp_directory, and only when it first spills.
        Path(self.scratch_dir).mkdir(parents=True, exist_ok=True)
        return duckdb.connect(self.database, config=self.connection_config)


class LandingZone(dg.ConfigurableResource):
    """The folder tree the sources deliver into; read only."""

    path: str
    is_sample: bool = False

    @property
    def root(self) -> Path:
        return Path(self.path)


class Pseudonymisation(dg.ConfigurableResource):
    """The key that turns an INSZ into a learner_id (MCMON_PSEUDONYM_KEY).

    It is read from the environment, never held as config: resource config is shown in the UI and kept
    in the run history. A run that ingests initialises this resource before its first step, so in
    production a run on the development key stops there, before the landing zone is read.
    """

    def setup_for_execution(self, context: dg.InitResourceContext) -> None:
        # The environment decides, not run config: a launchpad edit cannot switch the refusal off.
        check_secrets(load_settings())

    def key(self) -> tuple[bytes, bool]:
        """The key, and whether it is the development key."""
        return pseudonym_key()


class PublishedWarehouse(dg.ConfigurableResource):
    """The analysts' database and its exports, replaced as a whole at the end of a successful run."""

    path: str
    exports_dir: str
    feedback_dir: str
    site_dir: str
    reports_dir: str
    # The public address of the site, for the catalogue feed's links to the offer browser (MCMON_SITE_URL).
    site_url: str


GX_WORKER_PEAK = "Piekgeheugen (RSS) van het Great Expectations-werkproces:"


class GreatExpectations(dg.ConfigurableResource):
    """Great Expectations for the data-quality checks, in a worker process of its own
    (`pipelines/quality/validate.py`), started when a run starts (importing GX takes seconds) and kept by
    the process for its next run."""

    _worker: GxWorker | None = PrivateAttr(default=None)

    def setup_for_execution(self, context: dg.InitResourceContext) -> None:
        self._worker = process_worker()

    def teardown_after_execution(self, context: dg.InitResourceContext) -> None:
        alive = self._worker is not None and self._worker.is_alive()
        if alive and (peak := self._worker.peak_rss_mb()) is not None:
            # The run's memory is its own process and this one: the benchmark adds the two.
            context.log.info(f"{GX_WORKER_PEAK} {peak} MB")
        self._worker = None

    @property
    def worker(self) -> GxWorker:
        return self._worker


class IndicatorParameters(dg.ConfigurableResource):
    """Settings the indicator definitions leave to the run: the small-cell threshold and the report year."""

    min_cell: int
    report_year: int | None = None


def build_resources(settings: Settings) -> dict[str, dg.ConfigurableResource]:
    scratch = settings.scratch_dir
    config = {"temp_directory": str(scratch / "duckdb"), "memory_limit": settings.memory_limit}
    return {
        "database": PipelineDatabase(
            database=str(settings.internal_database), connection_config=config, scratch_dir=str(scratch)
        ),
        "landing": LandingZone(path=str(settings.landing_dir), is_sample=settings.uses_sample),
        "pseudonymisation": Pseudonymisation(),
        "warehouse": PublishedWarehouse(
            path=str(settings.warehouse),
            exports_dir=str(settings.exports_dir),
            feedback_dir=str(settings.feedback_dir),
            site_dir=str(settings.site_dir),
            reports_dir=str(settings.reports_dir),
            site_url=settings.site_url,
        ),
        "parameters": IndicatorParameters(min_cell=settings.min_cell, report_year=settings.report_year),
        "great_expectations": GreatExpectations(),
    }


@dg.definitions
def resources() -> dg.Definitions:
    # One DuckDB writer: every step runs in the run's own process.
    return dg.Definitions(resources=build_resources(load_settings()), executor=dg.in_process_executor)
