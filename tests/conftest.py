"""Shared fixtures."""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

import pytest
from filelock import FileLock

from tests import shared_runs

# A developer's shell may say production, or switch the landing sensor on; the tests that need either set it.
os.environ.pop("MCMON_ENV", None)
os.environ.pop("MCMON_LANDING_SENSOR", None)

# The end-to-end runs many files read, built once per session (tests/shared_runs.py).
SHARED_RUNS = ("sample_run", "production_run")
# Fixtures that run the pipeline, generate a landing zone, start a browser or the Great Expectations worker:
# a test using one is marked slow, and `make test-fast` (pytest -m "not slow") leaves it out.
SLOW_FIXTURES = {
    *SHARED_RUNS,
    "hostile_run",
    "feedback",
    "first_run",
    "internal",
    "offers_zone",
    "participation",
    "participation_suppressed",
    "published",
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
    # pytest-xdist hands out whole files in the order of the items (--dist loadfile). First the files with
    # slow tests of their own, while the shared runs build in the background; then the files that read a
    # shared run, built by then; last the quick files, which fill in while the other worker finishes. A
    # file's tests stay together and in order.
    slow_files = {item.path for item in items if item.get_closest_marker("slow")}
    shared_files = {item.path for item in items if set(SHARED_RUNS) & set(getattr(item, "fixturenames", ()))}
    items.sort(key=lambda item: 1 if item.path in shared_files else 0 if item.path in slow_files else 2)


@pytest.fixture
def landing(tmp_path: Path) -> Path:
    path = tmp_path / "landing"
    path.mkdir()
    return path


def started(tmp_path_factory, worker_id: str, name: str) -> Path:
    """The folder of the session's shared run `name` (tests/shared_runs.py), which is building or built: the
    first worker to ask starts it, in the temporary folder all pytest-xdist workers share."""
    base = tmp_path_factory.getbasetemp()
    folder = (base if worker_id == "master" else base.parent) / name
    with FileLock(f"{folder}.lock"):
        shared_runs.start(name, folder)
    return folder


@pytest.fixture(scope="session", autouse=True)
def shared_runs_started(request, tmp_path_factory, worker_id) -> None:
    """The shared runs this session's tests need, started in the background as the session starts."""
    for name in SHARED_RUNS:
        if any(name in item.fixturenames for item in request.session.items):
            started(tmp_path_factory, worker_id, name)


@pytest.fixture(scope="session")
def sample_run(tmp_path_factory, worker_id) -> tuple[Path, str, dict[str, str]]:
    """`mcmon run` on the committed sample in a fresh process, as a user runs it (tests/shared_runs.py).

    Returns the data folder (internal database, warehouse, exports, run history and the console output
    as console.log), the summary printed on stdout, and the environment for further `mcmon` calls.
    """
    folder = started(tmp_path_factory, worker_id, "sample_run")
    summary = shared_runs.wait(folder)
    return folder / "data", summary, shared_runs.environment("sample_run", folder)


@pytest.fixture(scope="session")
def production_run(tmp_path_factory, worker_id) -> tuple[Path, Path, dict[str, str]]:
    """A generated landing zone (1000 learners, 10 % defective rows), then `mcmon run` and `mcmon report` in
    fresh processes, configured as production: MCMON_ENV=production and a key of its own (tests/shared_runs.py).

    Returns the landing zone, the data folder (with the console output of the commands as console.log)
    and the environment, whose MCMON_PSEUDONYM_KEY is the key the run used.
    """
    folder = started(tmp_path_factory, worker_id, "production_run")
    shared_runs.wait(folder)
    return folder / "landing", folder / "data", shared_runs.environment("production_run", folder)


# Debian's headless Chromium for the browser tests, offline.
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
    "--disable-quic",
]


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield browser
        browser.close()


@pytest.fixture
def offline_page(browser):
    """A page with the network switched off; any request that is not a local file is recorded and refused."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, offline=True)
    page, requests, errors = _watched_page(context)
    yield page, requests, errors
    context.close()


def _watched_page(context):
    requests, errors = [], []

    def refuse(route):
        requests.append(route.request.url)
        route.abort()

    context.route(re.compile(r"^(?!file:).*"), refuse)
    page = context.new_page()
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda error: errors.append(str(error)))
    return page, requests, errors


@pytest.fixture
def page_at(browser):
    """`page_at(width)`: an offline page as wide as a desktop (1400) or a phone (400), and its errors."""
    contexts = []

    def open_page(width: int):
        contexts.append(browser.new_context(viewport={"width": width, "height": 900}, offline=True))
        page, _, errors = _watched_page(contexts[-1])
        return page, errors

    yield open_page
    for context in contexts:
        context.close()
