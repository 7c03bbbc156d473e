"""Run settings, read from the environment in one place.

Every path the pipeline writes derives from `data_dir`; tests point it at a temporary folder.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

PROJECT_DIR = Path(__file__).resolve().parents[1]
MODELS_DIR = PROJECT_DIR / "models"
REFERENCE_DIR = PROJECT_DIR / "data" / "reference"
SAMPLE_LANDING_DIR = PROJECT_DIR / "data" / "sample"


@dataclass(frozen=True)
class Settings:
    landing_dir: Path
    data_dir: Path
    memory_limit: str | None

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


def load_settings() -> Settings:
    landing = os.environ.get("MCMON_LANDING_DIR")
    data = os.environ.get("MCMON_DATA_DIR")
    return Settings(
        landing_dir=Path(landing).expanduser() if landing else SAMPLE_LANDING_DIR,
        data_dir=Path(data).expanduser() if data else PROJECT_DIR / "data",
        memory_limit=os.environ.get("MCMON_MEMORY_LIMIT") or None,
    )
