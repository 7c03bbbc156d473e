"""Data quality: Great Expectations suites as Dagster checks; ERROR blocks publishing, WARN reports."""

import csv
import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

import dagster as dg
import duckdb
import pytest

from pipelines.cli import main
from pipelines.quality.suites import ERROR, WARN, Check, Suite, checks
from pipelines.quality.validate import process_worker, run_suite
from tests.helpers import AWARD_HEADER, OFFER_HEADER, P1, P2, insz, offer, query, run_pipeline, write


def small_zone(landing, title="Data-analyse met Python"):
    write(
        landing,
        "offers/catalogus.csv",
        "\n".join(
            [
                OFFER_HEADER,
                offer("MC1", P1, "HO", title=title, start="2024-01-01"),
                offer("MC2", P2, "CVO", start="2024-01-01"),
            ]
        )
        + "\n",
    )
    write(
        landing,
        "awards/a.csv",
        "\n".join(
            [
                AWARD_HEADER,
                *[
                    f"{insz('1980-02-02', 10 + i)};{P1};MC1;2025-01-0{1 + i};BEHAALD;2025-02-01;11002;MIDDEN;WERKEND"
                    for i in range(6)
                ],
            ]
        )
        + "\n",
    )
    write(
        landing,
        "population/bevolking.csv",
        "jaar;provincie_nis;geslacht;leeftijdsklasse;aantal\n2025;10000;M;25-34;100000\n",
    )


@pytest.mark.slow
def test_unexpected_rows_are_counted_in_rows_not_in_distinct_values():
    con = duckdb.connect()
    con.execute("CREATE TABLE t AS SELECT * FROM (VALUES ('A'), ('A'), ('Z'), ('Z'), ('Z'), (NULL)) v(code)")
    check = Check(
        "main.t",
        "code_known",
        "code is A",
        ERROR,
        "SELECT code = 'A' AS ok, count(*) AS rows, code AS example FROM t GROUP BY ALL",
    )
    (outcome,) = run_suite(con, Suite("main.t", (check,)), process_worker())
    # The NULL code cannot be decided: it fails too.
    assert (outcome.success, outcome.unexpected_count, outcome.element_count) == (False, 4, 6)
    assert outcome.examples == ["Z"]
    assert outcome.observed_value == "4 van 6 afwijkend"


def test_sample_passes_every_error_check(sample_run):
    data, _, _ = sample_run
    latest = "(SELECT run_id FROM dq.expectations ORDER BY checked_at DESC LIMIT 1)"
    failed = query(
        data / "warehouse.duckdb",
        f"SELECT severity, suite, expectation FROM dq.expectations WHERE run_id = {latest} AND NOT success",
    )
    assert [row for row in failed if row[0] == ERROR] == []
    ran = set(
        query(data / "warehouse.duckdb", f"SELECT suite, expectation FROM dq.expectations WHERE run_id = {latest}")
    )
    assert {(check.table, check.name) for check in checks()} <= ran
    # GX's own report is kept as JSON per run and suite.
    reports = list((data / "internal" / "validations").glob("*/staging.awards.json"))
    assert len(reports) == 1


def test_published_expectations_hold_counts_not_examples(sample_run):
    data, _, _ = sample_run
    columns = {
        c
        for (c,) in query(
            data / "warehouse.duckdb", "SELECT column_name FROM duckdb_columns() WHERE table_name = 'expectations'"
        )
    }
    assert "examples" not in columns and {"observed_value", "unexpected_count", "success", "severity"} <= columns


@pytest.fixture(scope="module")
def first_run(tmp_path_factory) -> tuple[Path, dg.ExecuteInProcessResult]:
    """A run of the small zone: its landing and data folders (under one root) and its result."""
    root = tmp_path_factory.mktemp("first_run")
    small_zone(root / "landing")
    return root, run_pipeline(root / "landing", root / "data")


@pytest.fixture
def after_first_run(first_run, tmp_path) -> tuple[Path, Path]:
    """A copy of the first run's landing and data folders, for a next run on a changed delivery."""
    shutil.copytree(first_run[0], tmp_path, dirs_exist_ok=True)
    return tmp_path / "landing", tmp_path / "data"


def test_a_blocking_check_stops_publishing_and_keeps_the_old_warehouse(after_first_run):
    landing, data = after_first_run
    warehouse = (data / "warehouse.duckdb").read_bytes()
    workbook = (data / "exports" / "indicatoren.xlsx").read_bytes()

    # A provider types a learner's INSZ into an offer title, which would reach the published marts.offers.
    small_zone(landing, title="Cursus voor 85.07.30-033.28")
    result = run_pipeline(landing, data, raise_on_error=False)

    assert not result.success
    (evaluation,) = [
        e
        for e in result.get_asset_check_evaluations()
        if e.asset_key == dg.AssetKey(["marts", "offers"]) and e.check_name == "no_insz_published"
    ]
    assert not evaluation.passed and evaluation.severity == dg.AssetCheckSeverity.ERROR
    assert evaluation.metadata["examples"].value == "title"  # where, never what
    materialized = {e.asset_key.to_user_string() for e in result.get_asset_materialization_events()}
    assert "published/warehouse" not in materialized and "published/exports" not in materialized
    assert (data / "warehouse.duckdb").read_bytes() == warehouse
    assert (data / "exports" / "indicatoren.xlsx").read_bytes() == workbook
    stored = query(
        data / "internal" / "pipeline.duckdb",
        "SELECT success FROM dq.expectation_results WHERE suite = 'marts.offers' "
        "AND expectation = 'no_insz_published' ORDER BY checked_at",
    )
    assert stored == [(True,), (False,)]


@pytest.mark.slow
def test_mcmon_run_says_which_check_stopped_it(tmp_path, monkeypatch, capsys):
    landing, data = tmp_path / "landing", tmp_path / "data"
    small_zone(landing, title="Cursus voor 85073003328")
    monkeypatch.setenv("MCMON_LANDING_DIR", str(landing))
    monkeypatch.setenv("MCMON_DATA_DIR", str(data))
    monkeypatch.setenv("DAGSTER_HOME", str(data / "home"))
    assert main(["run"]) == 1
    printed = capsys.readouterr()
    # One Dutch line: which check, where, and the log file that tells the rest; no trace of Dagster's log.
    (line,) = printed.err.splitlines()
    assert line.startswith("mcmon run: controle marts.offers/no_insz_published gefaald, niets gepubliceerd")
    assert "waar: title" in line
    log = re.fullmatch(r".* \(volledig logboek: (.+)\)", line)[1]
    assert " - STEP_FAILURE - " in Path(log).read_text(encoding="utf-8")
    assert "publiceren: niet uitgevoerd" in printed.out
    assert "85073003328" not in printed.err + printed.out
    assert not (data / "warehouse.duckdb").exists()


def test_only_warnings_still_publish(first_run):
    root, result = first_run  # no odb, projections or bottlenecks: sources missing
    assert result.success
    evaluations = {(e.asset_key.to_user_string(), e.check_name): e for e in result.get_asset_check_evaluations()}
    missing = evaluations[("dq/files", "every_source_delivered")]
    assert not missing.passed and missing.severity == dg.AssetCheckSeverity.WARN
    assert set(missing.metadata["examples"].value.split(", ")) == {"odb", "elm", "projections", "bottlenecks"}
    published = query(
        root / "data" / "warehouse.duckdb",
        "SELECT severity, success, unexpected_count FROM dq.expectations WHERE expectation = 'every_source_delivered'",
    )
    assert published == [(WARN, False, 4)]


def test_compliance_drop_of_a_provider_warns_on_the_next_run(first_run, after_first_run):
    _, first = first_run
    landing, data = after_first_run
    check = ("marts/offers", "provider_compliance_not_dropping")
    assert {(e.asset_key.to_user_string(), e.check_name): e.passed for e in first.get_asset_check_evaluations()}[check]
    # P1's only offer loses its quality assurance: compliance 100 % -> 0 %.
    write(
        landing,
        "offers/catalogus.csv",
        "\n".join(
            [
                OFFER_HEADER,
                offer("MC1", P1, "HO", quality="", start="2024-01-01"),
                offer("MC2", P2, "CVO", start="2024-01-01"),
            ]
        )
        + "\n",
    )
    second = run_pipeline(landing, data)
    evaluation = {(e.asset_key.to_user_string(), e.check_name): e for e in second.get_asset_check_evaluations()}[check]
    assert not evaluation.passed and evaluation.severity == dg.AssetCheckSeverity.WARN
    assert evaluation.metadata["examples"].value == "-100.0"


@pytest.fixture(scope="module")
def feedback(tmp_path_factory):
    root = tmp_path_factory.mktemp("feedback")
    landing = root / "landing"
    write(
        landing,
        "offers/catalogus.csv",
        "\n".join(
            [
                OFFER_HEADER,
                offer("MC1", P1, "HO", start="2024-01-01"),
                offer("MC2", P1, "HO", volume="vijf", start="2024-01-01"),  # field issue
                offer("=MC3", P1, "UNIVERSITEIT", start="2024-01-01"),  # quarantined, starts like a formula
            ]
        )
        + "\n",
    )
    write(
        landing,
        "awards/a.csv",
        "\n".join(
            [
                AWARD_HEADER,
                # Wrong check digits, then an invalid KBO number.
                f"85.07.30-033.29;{P1};MC1;2025-01-01;BEHAALD;2025-02-01;11002;MIDDEN;WERKEND",
                f"{insz('1990-01-01', 5)};0123.456.748;MC1;2025-01-01;BEHAALD;2025-02-01;11002;MIDDEN;WERKEND",
            ]
        )
        + "\n",
    )
    assert run_pipeline(landing, root / "data").success
    return root / "data" / "feedback"


def read_feedback(path):
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle, delimiter=";"))


def test_each_provider_gets_its_own_rows_in_plain_dutch(feedback):
    # Its rejected rows, and its scorecard beside them.
    assert sorted(p.name for p in feedback.iterdir()) == [f"{P1}-scorekaart.csv", f"{P1}.csv"]
    rows = read_feedback(feedback / f"{P1}.csv")
    by_line = {(r["bestand"], r["regel"]): r for r in rows}
    issue = by_line[("offers/catalogus.csv", "3")]
    assert (issue["soort"], issue["veld"], issue["aangeleverde waarde"], issue["reden"]) == (
        "veldprobleem",
        "omvang_waarde",
        "vijf",
        "invalid_number",
    )
    assert issue["uitleg"].startswith("Ongeldig getal")
    wrong_insz = by_line[("awards/a.csv", "2")]
    assert (wrong_insz["reden"], wrong_insz["INSZ (gemaskeerd)"]) == ("invalid_insz", "85.07.30-***.**")
    # The row with an invalid KBO number goes to the provider of the other rows of its file.
    assert by_line[("awards/a.csv", "3")]["reden"] == "unknown_offer"


def test_feedback_never_holds_an_insz_or_a_formula(feedback):
    text = (feedback / f"{P1}.csv").read_text(encoding="utf-8-sig")
    assert "85.07.30-033.29" not in text and "85073003329" not in text
    assert insz("1990-01-01", 5) not in text
    row = next(r for r in read_feedback(feedback / f"{P1}.csv") if r["regel"] == "4")
    assert not row["aangeleverde rij"].startswith("=")
    assert '"mc_id":"=MC3"' in row["aangeleverde rij"]


def test_mcmon_dq_prints_the_latest_summary(sample_run):
    _, _, env = sample_run
    completed = subprocess.run([sys.executable, "-m", "pipelines.cli", "dq"], env=env, capture_output=True, text=True)
    assert completed.returncode == 0, completed.stderr
    assert "Controles van run" in completed.stdout
    assert "Blokkerend (fout stopt de publicatie): " in completed.stdout and "0 gefaald" in completed.stdout
    assert "Inschrijvingen en uitreikingen" in completed.stdout and "klopt" in completed.stdout
    assert "ERROR" not in completed.stdout and "sluit" not in completed.stdout


@pytest.mark.slow
def test_the_checks_worker_stops_when_its_run_is_killed():
    """A run killed outright (SIGKILL) cannot stop its Great Expectations worker; it must stop by itself."""
    run = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "from pipelines.quality.validate import GxWorker\n"
            "if __name__ == '__main__':\n"
            "    worker = GxWorker()\n"
            "    print(worker.pid, flush=True)\n"
            "    import time; time.sleep(60)\n",
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    worker = int(run.stdout.readline())
    assert _alive(worker)
    run.kill()
    run.wait()
    # The worker reads its pipe once GX is imported: seconds, more on a busy machine.
    deadline = time.monotonic() + 30
    while _alive(worker) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not _alive(worker)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    # A process that exited but was not yet reaped by its new parent is gone too.
    return Path(f"/proc/{pid}/stat").exists() and Path(f"/proc/{pid}/stat").read_text().split()[2] != "Z"
