"""Run settings, read from the environment in one place.

Every path the pipeline writes derives from `data_dir`; tests point it at a temporary folder.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from pipelines.landing.pseudonymise import KEY_ENV, pseudonym_key

PROJECT_DIR = Path(__file__).resolve().parents[1]
MODELS_DIR = PROJECT_DIR / "models"
REFERENCE_DIR = PROJECT_DIR / "data" / "reference"
SAMPLE_LANDING_DIR = PROJECT_DIR / "data" / "sample"


DEFAULT_MIN_CELL = 5
# DuckDB's own default is 80 % of RAM, far more than a million-learner run needs; with 2 GB it runs at the
# same speed and spills the rest to `scratch_dir` (BENCHMARKS.md, decisions).
DEFAULT_MEMORY_LIMIT = "2GB"
ENVIRONMENT_ENV = "MCMON_ENV"
LANDING_SENSOR_ENV = "MCMON_LANDING_SENSOR"
MIN_PRODUCTION_KEY_BYTES = 32
ENVIRONMENTS = ("development", "production")
# Where the published site (data/site) is reachable: the catalogue feed links each offer to its entry in the
# offer browser there. `mcmon serve` serves it here; a public address is set with MCMON_SITE_URL.
DEFAULT_SITE_URL = "http://127.0.0.1:8000/"
# The users' time zone: the schedules run in it, and a quarter ends at midnight in it.
TIMEZONE = "Europe/Brussels"


@dataclass(frozen=True)
class Settings:
    landing_dir: Path
    data_dir: Path
    memory_limit: str = DEFAULT_MEMORY_LIMIT
    # Small-cell suppression threshold and an optional fixed report year (indicators.md).
    min_cell: int = DEFAULT_MIN_CELL
    report_year: int | None = None
    # MCMON_ENV=production: real learners, so the run refuses the development key (check_secrets).
    production: bool = False
    site_url: str = DEFAULT_SITE_URL

    @property
    def uses_sample(self) -> bool:
        return self.landing_dir.resolve() == SAMPLE_LANDING_DIR.resolve()

    @property
    def internal_dir(self) -> Path:
        return self.data_dir / "internal"

    @property
    def internal_database(self) -> Path:
        return self.internal_dir / "pipeline.duckdb"

    @property
    def scratch_dir(self) -> Path:
        """Transcoded copies and DuckDB spill files; emptied at the start of each run."""
        return self.internal_dir / "tmp"

    @property
    def warehouse(self) -> Path:
        return self.data_dir / "warehouse.duckdb"

    @property
    def exports_dir(self) -> Path:
        return self.data_dir / "exports"

    @property
    def site_dir(self) -> Path:
        return self.data_dir / "site"

    @property
    def reports_dir(self) -> Path:
        return self.data_dir / "reports"

    @property
    def logs_dir(self) -> Path:
        """Dagster's log of each `mcmon run` and `mcmon report`, one file per run."""
        return self.data_dir / "logs"

    @property
    def feedback_dir(self) -> Path:
        """Per-provider feedback files: learner records (INSZ masked), not for analysts."""
        return self.data_dir / "feedback"


def load_settings() -> Settings:
    landing = os.environ.get("MCMON_LANDING_DIR")
    data = os.environ.get("MCMON_DATA_DIR")
    return Settings(
        landing_dir=Path(landing).expanduser() if landing else SAMPLE_LANDING_DIR,
        data_dir=Path(data).expanduser() if data else PROJECT_DIR / "data",
        memory_limit=os.environ.get("MCMON_MEMORY_LIMIT") or DEFAULT_MEMORY_LIMIT,
        min_cell=_positive_int("MCMON_MIN_CELL") or DEFAULT_MIN_CELL,
        report_year=_positive_int("MCMON_REPORT_YEAR"),
        production=_environment() == "production",
        site_url=os.environ.get("MCMON_SITE_URL") or DEFAULT_SITE_URL,
    )


def check_secrets(settings: Settings) -> None:
    """Refuse a production run that would pseudonymise with the development key.

    The development key is public (it is in the source), so its pseudonyms can be reversed by hashing
    every possible INSZ. `mcmon run` calls this before it starts, and a Dagster run before any step
    reads the landing zone (the `pseudonymisation` resource). The message never quotes the key.
    """
    if not settings.production:
        return
    key, is_development_key = pseudonym_key()
    if is_development_key:
        raise ValueError(
            f"{ENVIRONMENT_ENV}=production maar {KEY_ENV} is niet gezet of is de ontwikkelsleutel: de run start "
            f"niet. Zet de geheime sleutel in {KEY_ENV}."
        )
    if len(key) < MIN_PRODUCTION_KEY_BYTES:
        # A short key can be guessed together with the INSZ numbers it hides.
        raise ValueError(
            f"{ENVIRONMENT_ENV}=production maar {KEY_ENV} is korter dan {MIN_PRODUCTION_KEY_BYTES} tekens: de run "
            "start niet. Gebruik een lange willekeurige sleutel, bv. `openssl rand -base64 48`."
        )


def _environment() -> str:
    # A typo must not quietly mean development: only the two known values are accepted.
    value = os.environ.get(ENVIRONMENT_ENV, "").strip().lower() or "development"
    if value not in ENVIRONMENTS:
        raise ValueError(f"{ENVIRONMENT_ENV} moet 'development' of 'production' zijn, niet {value!r}")
    return value


def landing_sensor_on() -> bool:
    """Whether the landing-zone sensor starts switched on (MCMON_LANDING_SENSOR=on). Off by default: the
    Dagster service then starts no run by itself, and an operator switches the sensor on in the UI."""
    value = os.environ.get(LANDING_SENSOR_ENV, "").strip().lower() or "off"
    if value not in ("on", "off"):
        raise ValueError(f"{LANDING_SENSOR_ENV} moet 'on' of 'off' zijn, niet {value!r}")
    return value == "on"


def _positive_int(name: str) -> int | None:
    value = os.environ.get(name, "").strip()
    if not value:
        return None
    if not value.isdigit() or int(value) < 1:
        raise ValueError(f"{name} moet een positief geheel getal zijn, niet {value!r}")
    return int(value)
