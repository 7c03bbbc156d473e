"""The `mcmon` command line: help everywhere, one-line reasons and a non-zero exit on failure."""

import subprocess
import sys

import pytest

from pipelines.cli import main


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
