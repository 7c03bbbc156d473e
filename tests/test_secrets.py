"""Secrets and exposure: the pseudonymisation key comes from the environment only and appears in nothing a
run writes; in production a run refuses the development key before it reads any data; the Dagster UI and
`mcmon serve` listen on this machine only."""

import http.server
import re
import subprocess
import sys

import dagster as dg
import pytest

from pipelines.cli import main
from pipelines.definitions import defs
from pipelines.landing.pseudonymise import DEVELOPMENT_KEY, KEY_ENV
from pipelines.settings import PROJECT_DIR, SAMPLE_LANDING_DIR, Settings, check_secrets, load_settings
from tests.helpers import run_pipeline
from tests.leak_scan import LeakScanner

REFUSAL = re.compile(r"MCMON_ENV=production maar MCMON_PSEUDONYM_KEY is niet gezet of is de ontwikkelsleutel")


@pytest.fixture(params=["unset", "blank", "development key"])
def production_on_the_development_key(request, monkeypatch, tmp_path):
    """MCMON_ENV=production with the key unset, blank or set to the development key; data under tmp_path/data."""
    monkeypatch.setenv("MCMON_ENV", "production")
    if request.param == "unset":
        monkeypatch.delenv(KEY_ENV, raising=False)
    else:
        monkeypatch.setenv(KEY_ENV, "   " if request.param == "blank" else DEVELOPMENT_KEY)
    monkeypatch.setenv("MCMON_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("DAGSTER_HOME", str(tmp_path / "data" / "dagster_home"))
    monkeypatch.delenv("MCMON_LANDING_DIR", raising=False)
    return tmp_path / "data"


@pytest.mark.slow
def test_mcmon_run_refuses_production_on_the_development_key(production_on_the_development_key):
    completed = subprocess.run([sys.executable, "-m", "pipelines.cli", "run"], capture_output=True, text=True)
    assert completed.returncode == 1
    assert completed.stdout == ""
    assert re.fullmatch(f"mcmon run: {REFUSAL.pattern}[^\n]*\n", completed.stderr)
    assert not production_on_the_development_key.exists()  # nothing read, nothing written


def test_a_materialisation_refuses_production_on_the_development_key(production_on_the_development_key):
    data = production_on_the_development_key
    result = run_pipeline(SAMPLE_LANDING_DIR, data, raise_on_error=False)
    assert not result.success
    assert REFUSAL.search(_resource_failure(result))
    assert not data.exists()


def test_the_full_run_job_refuses_production_on_the_development_key(production_on_the_development_key):
    """The job the UI, the monthly schedule and the landing-zone sensor launch."""
    job = defs().resolve_job_def("full_run")
    result = job.execute_in_process(instance=dg.DagsterInstance.ephemeral(), raise_on_error=False)
    assert not result.success
    assert REFUSAL.search(_resource_failure(result))
    assert not production_on_the_development_key.exists()


def _resource_failure(result: dg.ExecuteInProcessResult) -> str:
    """The error of the resource that refused to start, the only failure before any step."""
    assert not result.get_step_success_events() and not result.get_failed_step_keys()
    (event,) = [e for e in result.all_events if e.event_type == dg.DagsterEventType.RESOURCE_INIT_FAILURE]
    return event.event_specific_data.error.message


def test_production_with_a_real_key_is_allowed(production_run, monkeypatch):
    _, data, env = production_run
    assert env["MCMON_ENV"] == "production" and env[KEY_ENV] != DEVELOPMENT_KEY
    assert (data / "warehouse.duckdb").exists()
    assert "ontwikkelsleutel" not in (data / "console.log").read_text()
    monkeypatch.setenv(KEY_ENV, env[KEY_ENV])
    check_secrets(Settings(landing_dir=SAMPLE_LANDING_DIR, data_dir=data, production=True))


def test_development_runs_on_the_development_key(monkeypatch):
    monkeypatch.delenv("MCMON_ENV", raising=False)
    monkeypatch.delenv(KEY_ENV, raising=False)
    settings = load_settings()
    assert not settings.production
    check_secrets(settings)


@pytest.mark.parametrize("value", ["prod", "productie", "1"])
def test_an_unknown_environment_is_refused_not_taken_for_development(value, monkeypatch):
    monkeypatch.setenv("MCMON_ENV", value)
    with pytest.raises(ValueError, match="MCMON_ENV moet 'development' of 'production' zijn"):
        load_settings()


def test_the_key_appears_in_no_file_the_run_wrote(production_run):
    _, data, env = production_run
    assert LeakScanner((), [env[KEY_ENV]]).scan_tree(data) == []


def test_make_ui_binds_the_dagster_webserver_to_this_machine():
    webserver = [line for line in _recipe(PROJECT_DIR / "Makefile", "ui") if "dagster-webserver" in line]
    assert webserver and all(re.search(r"\s-h 127\.0\.0\.1(\s|$)", line) for line in webserver)


def _recipe(makefile, target: str) -> list[str]:
    """The command lines of `target`, continuation lines joined."""
    text = makefile.read_text().replace("\\\n", " ")
    match = re.search(rf"^{target}:.*\n((?:\t.*\n)+)", text, re.MULTILINE)
    assert match, f"no target {target}"
    return match[1].splitlines()


def test_mcmon_serve_binds_to_this_machine_by_default(tmp_path, monkeypatch):
    (tmp_path / "site").mkdir()
    (tmp_path / "site" / "index.html").write_text("<html></html>")
    monkeypatch.setenv("MCMON_DATA_DIR", str(tmp_path))
    bound = []

    class StopAfterBinding(http.server.ThreadingHTTPServer):
        def serve_forever(self, poll_interval: float = 0.5) -> None:
            bound.append(self.socket.getsockname())
            raise KeyboardInterrupt  # what Ctrl+C does: `mcmon serve` stops cleanly

    monkeypatch.setattr(http.server, "ThreadingHTTPServer", StopAfterBinding)
    assert main(["serve", "--port", "0"]) == 0  # port 0: any free port
    assert bound[0][0] == "127.0.0.1"


def test_production_refuses_a_short_key(monkeypatch):
    monkeypatch.setenv(KEY_ENV, "kort-geheim")
    with pytest.raises(ValueError, match="korter dan 32 tekens") as refused:
        check_secrets(Settings(landing_dir=SAMPLE_LANDING_DIR, data_dir=PROJECT_DIR / "data", production=True))
    assert "kort-geheim" not in str(refused.value)
