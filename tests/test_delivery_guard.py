"""The delivery guard (issue 14): a run never publishes a worse monitor than the last published one."""

import hashlib
import shutil

import pytest

from pipelines.cli import main
from pipelines.delivery_guard import Delivery, worse_deliveries
from pipelines.settings import SAMPLE_LANDING_DIR
from tests.helpers import query, run_pipeline

ACCEPT_DROP = {"ops": {"published__delivery_guard": {"config": {"accept_drop": True}}}}


def test_a_source_that_stopped_delivering_or_halved_is_worse(tmp_path):
    (tmp_path / "awards").mkdir()
    previous = {"awards": Delivery(12, 40_000), "offers": Delivery(3, 1_000), "elm": Delivery(0, 0)}
    assert worse_deliveries(tmp_path, previous, {"awards": Delivery(12, 40_000), "offers": Delivery(3, 500)}) == []
    assert worse_deliveries(tmp_path, previous, {"awards": Delivery(0, 0), "offers": Delivery(3, 499)}) == [
        "bron awards ontbreekt (vorige publicatie: 12 bestanden, 40.000 ingeladen rijen)",
        "bron offers daalde van 1.000 naar 499 ingeladen rijen (meer dan 50 % minder)",
    ]
    # Nothing published yet: only the landing zone itself can be wrong.
    assert worse_deliveries(tmp_path, {}, {}) == []


def test_a_landing_zone_without_source_folders_is_worse(tmp_path):
    (tmp_path / "notities.txt").write_text("stray")
    (reason,) = worse_deliveries(tmp_path, {}, {})
    assert reason.startswith(f"het landingsgebied {tmp_path} bevat geen enkele map van het aanleverformaat")


def _digest(folder):
    """One hash over every published file, to prove the previous publication untouched."""
    digest = hashlib.sha256()
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        relative = path.relative_to(folder)
        if relative.parts[0] not in ("internal", "dagster_home"):  # the run's own working state
            digest.update(relative.as_posix().encode() + path.read_bytes())
    return digest.hexdigest()


@pytest.fixture(scope="module")
def published(sample_run, tmp_path_factory):
    """The sample and a copy of the data folder its run published."""
    data = tmp_path_factory.mktemp("guard") / "data"
    shutil.copytree(sample_run[0], data)
    return SAMPLE_LANDING_DIR, data


def test_a_missing_source_stops_the_run_and_leaves_the_publication(published, tmp_path):
    landing, data = published
    without_awards = tmp_path / "landing"
    shutil.copytree(landing, without_awards, ignore=shutil.ignore_patterns("awards"))
    before = _digest(data)
    result = run_pipeline(without_awards, data, raise_on_error=False)
    assert not result.success
    (failure,) = [e for e in result.all_events if e.is_step_failure]
    assert failure.step_key == "published__delivery_guard"
    assert "bron awards ontbreekt" in failure.step_failure_data.error.message
    assert "bron elm ontbreekt" in failure.step_failure_data.error.message
    assert _digest(data) == before


def test_an_accepted_drop_publishes_and_says_so(published, tmp_path):
    landing, data = published
    without_awards = tmp_path / "landing"
    shutil.copytree(landing, without_awards, ignore=shutil.ignore_patterns("awards"))
    result = run_pipeline(without_awards, data, run_config=ACCEPT_DROP)
    assert result.success
    (guard,) = result.asset_materializations_for_node("published__delivery_guard")
    assert "bron awards ontbreekt" in guard.metadata["accepted_drops"].value
    assert query(data / "warehouse.duckdb", "SELECT is_missing FROM dq.sources WHERE source = 'awards'") == [(True,)]


@pytest.mark.slow
def test_mcmon_run_on_a_stray_folder_exits_with_a_dutch_reason(tmp_path, monkeypatch, capsys):
    landing = tmp_path / "landing"
    landing.mkdir()
    (landing / "notities.txt").write_text("stray")
    monkeypatch.setenv("MCMON_LANDING_DIR", str(landing))
    monkeypatch.setenv("MCMON_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("DAGSTER_HOME", str(tmp_path / "data" / "dagster_home"))
    assert main(["run"]) == 1
    refused = capsys.readouterr().err
    assert "bevat geen enkele map van het aanleverformaat" in refused
    assert "mcmon run --aanvaard-daling" in refused
    assert not (tmp_path / "data").exists()  # refused before the run started: nothing written
    assert main(["run", "--aanvaard-daling"]) == 0
    # In the summary's warnings, in Dutch: not a line of Dagster's log.
    warned = capsys.readouterr().out.split("Waarschuwingen:\n", 1)[1]
    assert any(line.startswith("  Gepubliceerd ondanks --aanvaard-daling: ") for line in warned.splitlines())
