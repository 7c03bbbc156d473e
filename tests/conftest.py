"""Shared fixtures."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

# A developer's shell may say production; the tests that need it set it themselves.
os.environ.pop("MCMON_ENV", None)

# Fixtures that run the pipeline, generate a landing zone, start a browser or the Great Expectations worker:
# a test using one is marked slow, and `make test-fast` (pytest -m "not slow") leaves it out.
SLOW_FIXTURES = {
    "sample_run",
    "production_run",
    "hostile_run",
    "feedback",
    "internal",
    "offers_zone",
    "participation",
    "participation_suppressed",
    "published",
    "published_sample",
    "real",
    "scanner",
    "shrinking",
    "bad_values",
    "skills_gap",
    "two_runs_with_a_reader",
    "clean_zone",
    "elm_zone",
    "zone",
    "browser",
    "worker",
}


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if SLOW_FIXTURES & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.slow)


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


@pytest.fixture(scope="session")
def production_run(tmp_path_factory) -> tuple[Path, Path, dict[str, str]]:
    """A generated landing zone (1000 learners, 10 % defective rows), then `mcmon run` and `mcmon report` in
    fresh processes, configured as production: MCMON_ENV=production and a key of its own.

    Returns the landing zone, the data folder (with the console output of both commands as console.log)
    and the environment, whose MCMON_PSEUDONYM_KEY is the key the run used.
    """
    root = tmp_path_factory.mktemp("production_run")
    landing, data = root / "landing", root / "data"
    env = {
        **os.environ,
        "MCMON_LANDING_DIR": str(landing),
        "MCMON_DATA_DIR": str(data),
        "DAGSTER_HOME": str(data / "dagster_home"),
        "MCMON_ENV": "production",
        "MCMON_PSEUDONYM_KEY": "testsleutel-Kw7r2Qx9-alleen-voor-deze-run",
    }
    mcmon = [sys.executable, "-m", "pipelines.cli"]
    generate = ["generate", "--learners", "1000", "--seed", "11", "--defect-rate", "0.1", "--out", str(landing)]
    subprocess.run([*mcmon, *generate], env=env, capture_output=True, check=True)
    console = []
    for command in ("run", "report"):
        completed = subprocess.run([*mcmon, command], env=env, capture_output=True, text=True)
        console.append(completed.stdout + completed.stderr)
        assert completed.returncode == 0, completed.stderr[-3000:]
    (data / "console.log").write_text("".join(console))
    return landing, data, env
