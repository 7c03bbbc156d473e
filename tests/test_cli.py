"""The `mcmon` command line: help everywhere, one-line reasons and a non-zero exit on failure, a line per stage
while a run runs, and Dagster's own log in a file (on the console with --verbose)."""

import io
import logging
import re
import socket
import subprocess
import sys
import warnings
from pathlib import Path

import dagster as dg
import duckdb
import pytest

from pipelines.cli import _python_warnings, main
from pipelines.console import STAGES, RunConsole, stage_of_group
from pipelines.definitions import defs
from pipelines.run import RUN_STAGES
from tests.helpers import query
from tests.test_quality import small_zone

# A line of Dagster's console logger, e.g. "2026-12-03 17:00:00 +0000 - dagster - WARNING - full_run - ...".
DAGSTER_LINE = re.compile(r"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d [+-]\d{4} - dagster - ", re.MULTILINE)
# A Python warning as Python prints it: "…/module.py:12: DeprecationWarning: …".
PYTHON_WARNING = re.compile(r"\w+Warning: ")


@pytest.mark.parametrize("command", [[], ["run"], ["generate"], ["sql"], ["steward-sql"]])
def test_every_command_has_help(command, capsys):
    with pytest.raises(SystemExit) as exit_info:
        main([*command, "--help"])
    assert exit_info.value.code == 0
    assert "usage: mcmon" in capsys.readouterr().out


@pytest.mark.parametrize("landing", ["ontbreekt", "leeg"])
def test_run_on_a_missing_or_empty_landing_zone_fails_with_one_dutch_line(landing, tmp_path, monkeypatch, capsys):
    (tmp_path / "leeg" / "offers").mkdir(parents=True)  # a folder, but not one file
    monkeypatch.setenv("MCMON_LANDING_DIR", str(tmp_path / landing))
    monkeypatch.setenv("MCMON_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("DAGSTER_HOME", str(tmp_path / "data" / "dagster_home"))
    assert main(["run"]) == 1
    err = capsys.readouterr().err.strip()
    assert err == (
        f"mcmon run: Het landingsgebied {tmp_path / landing} is leeg of bestaat niet. Zet MCMON_LANDING_DIR op de "
        "map met de aangeleverde bestanden, of laat de variabele weg om de ingebouwde voorbeelddata te gebruiken."
    )
    assert not (tmp_path / "data").exists()  # refused before the run: nothing written, no run history


def test_sql_without_a_warehouse_fails_with_one_line(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("MCMON_DATA_DIR", str(tmp_path))
    assert main(["sql", "select 1"]) == 1
    err = capsys.readouterr().err.strip()
    assert err.startswith("mcmon sql: ") and "mcmon run" in err and "\n" not in err


def test_sql_error_is_one_line(tmp_path, monkeypatch, capsys):
    import duckdb

    duckdb.connect(str(tmp_path / "warehouse.duckdb")).close()
    monkeypatch.setenv("MCMON_DATA_DIR", str(tmp_path))
    assert main(["sql", "select * from bestaat_niet"]) == 1
    err = capsys.readouterr().err.strip()
    assert err.startswith("mcmon sql: ") and "bestaat_niet" in err and "\n" not in err


def test_sql_opens_the_warehouse_read_only(tmp_path, monkeypatch, capsys):
    import duckdb

    with duckdb.connect(str(tmp_path / "warehouse.duckdb")) as con:
        con.execute("CREATE TABLE t AS SELECT 42 AS antwoord")
    monkeypatch.setenv("MCMON_DATA_DIR", str(tmp_path))
    assert main(["sql", "select antwoord from t"]) == 0
    assert "42" in capsys.readouterr().out
    assert main(["sql", "drop table t"]) == 1
    assert "read-only" in capsys.readouterr().err


@pytest.fixture
def databases(tmp_path, monkeypatch):
    """A data folder with a tiny warehouse and a tiny internal database holding one learner row."""
    import duckdb

    with duckdb.connect(str(tmp_path / "warehouse.duckdb")) as con:
        con.execute("CREATE TABLE t AS SELECT 42 AS antwoord")
    (tmp_path / "internal").mkdir()
    with duckdb.connect(str(tmp_path / "internal" / "pipeline.duckdb")) as con:
        con.execute("CREATE SCHEMA marts")
        con.execute("CREATE TABLE marts.learners AS SELECT 'pseudoniem-1' AS learner_id, 3 AS awards")
    (tmp_path / "geheim.csv").write_text("sleutel\nniet-voor-analisten\n")
    monkeypatch.setenv("MCMON_DATA_DIR", str(tmp_path))
    return tmp_path


# Every way out of the warehouse an analyst's query could try (issue: ad-hoc SQL stays in the warehouse).
ESCAPES = {
    "attach the internal database": "ATTACH '{data}/internal/pipeline.duckdb' AS intern (READ_ONLY)",
    "attach a new database": "ATTACH '{data}/nieuw.duckdb' AS nieuw",
    "read a CSV file": "SELECT * FROM read_csv('{data}/geheim.csv')",
    "read a system file": "SELECT * FROM read_csv('/etc/passwd')",
    "name a file as a table": "SELECT * FROM '{data}/geheim.csv'",
    "read a file as text": "SELECT * FROM read_text('{data}/geheim.csv')",
    "read a file as bytes": "SELECT * FROM read_blob('{data}/geheim.csv')",
    "list files": "SELECT * FROM glob('{data}/*')",
    "read from the internet": "SELECT * FROM read_csv('https://example.com/data.csv')",
    "write a file with COPY": "COPY (SELECT * FROM t) TO '{data}/buiten.csv'",
    "export the database": "EXPORT DATABASE '{data}/export'",
    "switch file access back on": "SET enable_external_access = true",
    "reset file access": "RESET enable_external_access",
    "unlock the configuration": "SET lock_configuration = false",
    "install an extension": "INSTALL httpfs",
    "load an extension": "LOAD httpfs",
    "change a table": "CREATE TABLE t2 AS SELECT * FROM t",
}


@pytest.mark.parametrize(
    ("command", "escape"),
    # The data steward's own database is the internal one: attaching it again is no way out.
    [
        (command, escape)
        for command in ("sql", "steward-sql")
        for escape in ESCAPES
        if (command, escape) != ("steward-sql", "attach the internal database")
    ],
)
def test_a_query_cannot_leave_its_database(databases, capsys, command, escape):
    assert main([command, ESCAPES[escape].format(data=databases)]) == 1
    err = capsys.readouterr().err
    assert "mcmon " + command in err and "niet-voor-analisten" not in err and "pseudoniem" not in err
    assert {p.name for p in databases.iterdir()} == {"warehouse.duckdb", "internal", "geheim.csv"}


def test_the_internal_database_is_reached_only_with_the_data_steward_command(databases, capsys):
    assert main(["sql", "SELECT * FROM marts.learners"]) == 1
    assert "learners" in capsys.readouterr().err
    assert main(["steward-sql", "SELECT learner_id, awards FROM marts.learners"]) == 0
    out, err = capsys.readouterr()
    assert "pseudoniem-1" in out and "Enkel voor databeheerders" in err


def test_missing_argument_exits_non_zero():
    completed = subprocess.run([sys.executable, "-m", "pipelines.cli", "generate"], capture_output=True, text=True)
    assert completed.returncode == 2
    assert "--learners" in completed.stderr


def mcmon(args: list[str], capsys) -> tuple[int, str, str]:
    """`mcmon <args>` in this process: exit status, stdout and stderr."""
    try:
        status = main(args)
    except SystemExit as exit_info:
        status = exit_info.code
    out, err = capsys.readouterr()
    return status, out, err


def test_a_run_shows_a_line_per_stage_and_keeps_dagsters_log_in_a_file(sample_run):
    data, stdout, _ = sample_run
    console = (data / "console.log").read_text()  # stdout and stderr
    lines = stdout.splitlines()
    for stage in RUN_STAGES:
        (line,) = [line for line in lines if line.startswith(f"{stage}: ")]
        assert re.fullmatch(rf"{stage}: klaar in \d+,\d s( \((\d+) van \2\))?", line), line
    # Dagster's own lines, Python's warnings and a terminal's control characters stay off the console.
    assert not DAGSTER_LINE.search(console) and not PYTHON_WARNING.search(console)
    assert "Traceback" not in console and "\x1b" not in console and "\r" not in console
    (named,) = [line.split(":", 1)[1].strip() for line in lines if line.startswith("Logboek van de run:")]
    log = Path(named)
    assert log.parent == data / "logs"
    text = log.read_text(encoding="utf-8")
    assert DAGSTER_LINE.search(text) and " - RUN_START - " in text and " - RUN_SUCCESS - " in text
    assert len(re.findall(r" - STEP_SUCCESS - ", text)) >= len(RUN_STAGES)
    # A step's warning: in the log as Dagster wrote it, in the summary once, in Dutch.
    rejected = "offers/aanbod_scan.csv: geweigerd. Geen leesbaar tekstbestand (binaire inhoud)."
    assert re.search(rf" - dagster - WARNING - full_run - .* - ingest_offers - {re.escape(rejected)}", text)
    warned = stdout.split("Waarschuwingen:\n", 1)[1]
    assert warned.count(f"  {rejected}\n") == 1
    assert warned.count("MCMON_PSEUDONYM_KEY is niet gezet") == 1  # logged by two steps
    failed = query(
        data / "warehouse.duckdb",
        "SELECT DISTINCT suite, description FROM dq.expectations WHERE NOT success AND severity = 'WARN'",
    )
    assert failed
    for table, description in failed:
        assert f"  niet voldaan ({table}): {description} Gevonden: " in stdout


@pytest.mark.slow
def test_verbose_brings_dagsters_log_back_to_the_console(tmp_path, monkeypatch, capsys):
    landing, data = tmp_path / "landing", tmp_path / "data"
    small_zone(landing, title="Cursus voor 85073003328")  # a blocking check stops the run
    monkeypatch.setenv("MCMON_LANDING_DIR", str(landing))
    monkeypatch.setenv("MCMON_DATA_DIR", str(data))
    monkeypatch.setenv("DAGSTER_HOME", str(data / "home"))
    # In this process, as mcmon runs it: a subprocess would add its imports' ten seconds to the suite.
    assert main(["run", "--verbose"]) == 1
    printed = capsys.readouterr()
    assert DAGSTER_LINE.search(printed.err)
    assert " - DEBUG - " in printed.err and " - STEP_FAILURE - " in printed.err
    assert "publiceren: niet uitgevoerd" in printed.out
    *_, last = printed.err.strip().splitlines()
    assert last.startswith("mcmon run: controle marts.offers/no_insz_published gefaald, niets gepubliceerd")
    assert "85073003328" not in printed.out + printed.err


def test_every_asset_group_belongs_to_a_stage_of_the_display():
    groups = {spec.group_name for spec in defs().resolve_all_asset_specs()}
    assert {group: stage_of_group(group) for group in groups if stage_of_group(group) not in STAGES} == {}


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_on_a_terminal_the_stages_fill_in_place(sample_run, tmp_path, monkeypatch):
    """The sample run's own events, as Dagster recorded them, handed to the display again on a terminal."""
    data, _, env = sample_run
    monkeypatch.setenv("DAGSTER_HOME", env["DAGSTER_HOME"])
    with dg.DagsterInstance.get() as instance:
        (run,) = instance.get_runs(filters=dg.RunsFilter(job_name="full_run"), limit=1)
        events = [entry.dagster_event for entry in instance.all_logs(run.run_id) if entry.dagster_event]
    screen = Terminal()
    with RunConsole.open(tmp_path, "run", verbose=False, out=screen) as console:
        console.plan(defs(), RUN_STAGES)
        for event in events:
            console.emit(logging.makeLogRecord({"levelno": logging.DEBUG, "dagster_event": event}))
    shown = screen.getvalue()
    assert "\x1b[" in shown  # drawn in place, not line by line
    last = shown[shown.rindex("starten") :]
    for stage in RUN_STAGES:
        assert re.search(rf"✓\S* \S*{stage}\S* .*? (\d+)/\1 ", last), stage
    assert "klaar in" not in shown


def test_python_warnings_go_to_the_log_file_not_the_console(tmp_path, capsys):
    with _python_warnings(shown=False), RunConsole.open(tmp_path, "run", verbose=False) as console:
        warnings.warn("deze functie verdwijnt", FutureWarning, stacklevel=1)
    assert capsys.readouterr().err == ""
    assert "FutureWarning: deze functie verdwijnt" in console.log_file.read_text()


@pytest.fixture
def warehouse_without_checks_time(tmp_path, monkeypatch):
    """A warehouse whose one check result lacks its time: `mcmon dq` was not written for that."""
    with duckdb.connect(str(tmp_path / "warehouse.duckdb")) as con:
        con.execute("CREATE SCHEMA dq")
        con.execute("CREATE SCHEMA ref")
        con.execute(
            "CREATE TABLE ref.codes AS SELECT 'check_severity' AS list, 'ERROR' AS code, 'Blokkerend' AS label_nl"
        )
        con.execute(
            "CREATE TABLE dq.sources AS SELECT 'offers' AS source, 'Aanbod' AS source_label, 1 AS files, "
            "0 AS files_rejected, 1 AS rows_received, 1 AS rows_loaded, 0 AS rows_quarantined, 0 AS rows_duplicate, "
            "0 AS rows_in_rejected_files, false AS is_missing, true AS reconciles"
        )
        con.execute(
            "CREATE TABLE dq.expectations AS SELECT 'r1' AS run_id, NULL::TIMESTAMP AS checked_at, "
            "'dq.files' AS suite, 'x' AS expectation, 'ERROR' AS severity, true AS success, "
            "'' AS observed_value, 'd' AS description"
        )
    monkeypatch.setenv("MCMON_DATA_DIR", str(tmp_path))


def test_an_unexpected_error_is_one_line_and_its_traceback_shows_with_verbose(warehouse_without_checks_time, capsys):
    status, _, err = mcmon(["dq"], capsys)
    assert status == 1
    assert err.count("\n") == 1 and "Traceback" not in err
    assert err.startswith("mcmon dq: onverwachte fout (TypeError: ") and "mcmon dq --verbose" in err
    with pytest.raises(TypeError):
        main(["dq", "--verbose"])


@pytest.fixture
def tmp_data(tmp_path, monkeypatch) -> Path:
    monkeypatch.setenv("MCMON_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("DAGSTER_HOME", str(tmp_path / "data" / "dagster_home"))
    return tmp_path / "data"


EXPECTED_ERRORS = {
    "invalid SQL": (["sql", "selec 1"], 1, "mcmon sql: de query is geen geldige SQL (DuckDB: Parser Error: "),
    "unknown table": (["sql", "select * from t2"], 1, "mcmon sql: een tabel, kolom of functie in de query bestaat"),
    "unknown column": (["sql", "select nope from t"], 1, "mcmon sql: de query verwijst naar een kolom"),
    "no rows to show": (["sql", "select 1", "--max-rows", "0"], 1, "mcmon sql: --max-rows moet minstens 1 zijn"),
    "a year that is no number": (["indicators", "--year", "2025a"], 2, "mcmon indicators: --year verwacht een geheel"),
    "a bad quarter": (["report", "--quarter", "2026-Q5"], 1, "mcmon report: kwartaal "),
    "an unknown command": (["rapport"], 2, "mcmon: onbekende opdracht 'rapport'; kies uit 'run', "),
    "a missing argument": (["generate", "--learners", "5"], 2, "mcmon generate: verplicht maar niet opgegeven: --out"),
    "no learners": (["generate", "--learners", "0", "--out", "{data}/zone"], 1, "mcmon generate: --learners moet"),
    "a zone that exists": (
        ["generate", "--learners", "1", "--out", "{data}"],
        1,
        "mcmon generate: {data} is niet leeg",
    ),
    "a port out of range": (
        ["serve", "--port", "99999"],
        1,
        "mcmon serve: poort 99999: kies een poort van 1 tot 65535",
    ),
}


@pytest.mark.parametrize("case", EXPECTED_ERRORS)
def test_an_expected_error_is_one_dutch_line(case, databases, monkeypatch, capsys):
    monkeypatch.setenv("DAGSTER_HOME", str(databases / "dagster_home"))
    (databases / "site").mkdir()
    (databases / "site" / "index.html").write_text("<html></html>")
    args, status, start = EXPECTED_ERRORS[case]
    code, out, err = mcmon([arg.format(data=databases) for arg in args], capsys)
    assert code == status
    assert err.startswith(start.format(data=databases)) and err.count("\n") == 1, err
    assert "Traceback" not in err and out == ""


@pytest.mark.parametrize("command", [["report"], ["dq"], ["indicators"], ["sql", "select 1"]])
def test_a_command_on_a_missing_warehouse_says_run_first(command, tmp_data, capsys):
    code, out, err = mcmon(command, capsys)
    assert code == 1 and out == ""
    assert err == f"mcmon {command[0]}: {tmp_data / 'warehouse.duckdb'} bestaat nog niet: voer eerst `mcmon run` uit\n"


def test_serve_on_a_port_in_use_says_so(tmp_data, capsys):
    (tmp_data / "site").mkdir(parents=True)
    (tmp_data / "site" / "index.html").write_text("<html></html>")
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        code, _, err = mcmon(["serve", "--port", str(port)], capsys)
    assert code == 1
    assert err == f"mcmon serve: 127.0.0.1:{port} is al in gebruik: kies een andere poort met --port\n"
