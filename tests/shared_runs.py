"""The end-to-end runs that many test files only read (the `sample_run` and `production_run` fixtures).

Each is built once per test session, by `python -m tests.shared_runs <name> <folder>` in a background
process that starts with the session: under pytest-xdist no worker sits idle waiting for a run another
worker started only when its first test needed it. The run's data folder is `<folder>/data` (with the
console output of every command as console.log), a generated landing zone `<folder>/landing`; beside
them the last command's stdout (stdout.txt) and, written last, the exit status (exit_status).
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

PROJECT_DIR = Path(__file__).resolve().parent.parent
MCMON = [sys.executable, "-m", "pipelines.cli"]
PRODUCTION_KEY = "testsleutel-Kw7r2Qx9-alleen-voor-deze-run"


def environment(name: str, folder: Path) -> dict[str, str]:
    """The environment of the run `name` in `folder`, for its commands and for the tests' further calls."""
    data = folder / "data"
    if name == "sample_run":
        env = {**os.environ, "MCMON_DATA_DIR": str(data), "DAGSTER_HOME": str(data / "dagster_home")}
        env.pop("MCMON_LANDING_DIR", None)
        return env
    return {
        **os.environ,
        "MCMON_LANDING_DIR": str(folder / "landing"),
        "MCMON_DATA_DIR": str(data),
        "DAGSTER_HOME": str(data / "dagster_home"),
        "MCMON_ENV": "production",
        "MCMON_PSEUDONYM_KEY": PRODUCTION_KEY,
    }


def commands(name: str, folder: Path) -> list[list[str]]:
    if name == "sample_run":
        return [[*MCMON, "run"]]
    generate = ["generate", "--learners", "1000", "--seed", "11", "--defect-rate", "0.1"]
    return [[*MCMON, *generate, "--out", str(folder / "landing")], [*MCMON, "run"], [*MCMON, "report"]]


def start(name: str, folder: Path) -> None:
    """Start building run `name` in `folder` in the background, unless it was started already."""
    folder.mkdir(parents=True, exist_ok=True)
    started = folder / "started"
    if not started.exists():
        started.touch()
        subprocess.Popen(
            [sys.executable, "-m", "tests.shared_runs", name, str(folder)], cwd=PROJECT_DIR, start_new_session=True
        )


def wait(folder: Path, timeout: float = 900) -> str:
    """Until the run in `folder` ended; its last command's stdout. Fails with the console's end if it failed."""
    deadline = time.monotonic() + timeout
    status = folder / "exit_status"
    while not status.exists():
        assert time.monotonic() < deadline, f"{folder} not built within {timeout} s"
        time.sleep(0.2)
    assert status.read_text() == "0", (folder / "data" / "console.log").read_text()[-3000:]
    return (folder / "stdout.txt").read_text()


def build(name: str, folder: Path) -> int:
    env = environment(name, folder)
    console, stdout, code = [], "", None
    try:
        for command in commands(name, folder):
            code = None  # until the command ends
            completed = subprocess.run(command, env=env, capture_output=True, text=True)
            console.append(completed.stdout + completed.stderr)
            stdout, code = completed.stdout, completed.returncode
            if code:
                break
    finally:  # whatever happened, the waiting tests learn that it ended
        (folder / "data").mkdir(exist_ok=True)
        (folder / "data" / "console.log").write_text("".join(console))
        (folder / "stdout.txt").write_text(stdout)
        (folder / "exit_status").write_text("error" if code is None else str(code))
    return 1 if code is None else code


if __name__ == "__main__":
    sys.exit(build(sys.argv[1], Path(sys.argv[2])))
