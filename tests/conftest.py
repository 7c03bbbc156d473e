"""Shared fixtures."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest


@pytest.fixture
def landing(tmp_path: Path) -> Path:
    path = tmp_path / "landing"
    path.mkdir()
    return path


@pytest.fixture(scope="session")
def sample_run(tmp_path_factory) -> tuple[Path, str, dict[str, str]]:
    """`mcmon run` on the committed sample in a fresh process, as a user runs it.

    Returns the data folder (internal database, warehouse, exports, run history and the console output
    as console.log), the summary printed on stdout, and the environment for further `mcmon` calls.
    """
    data = tmp_path_factory.mktemp("sample_run")
    env = {**os.environ, "MCMON_DATA_DIR": str(data), "DAGSTER_HOME": str(data / "dagster_home")}
    env.pop("MCMON_LANDING_DIR", None)
    completed = subprocess.run([sys.executable, "-m", "pipelines.cli", "run"], env=env, capture_output=True, text=True)
    (data / "console.log").write_text(completed.stdout + completed.stderr)
    assert completed.returncode == 0, completed.stderr[-3000:]
    return data, completed.stdout, env
