"""The `mcmon` command line: help everywhere, one-line reasons and a non-zero exit on failure."""

import subprocess
import sys

import pytest

from pipelines.cli import main


@pytest.mark.parametrize("command", [[], ["run"], ["generate"], ["sql"]])
def test_every_command_has_help(command, capsys):
    with pytest.raises(SystemExit) as exit_info:
        main([*command, "--help"])
    assert exit_info.value.code == 0
    assert "usage: mcmon" in capsys.readouterr().out


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


def test_missing_argument_exits_non_zero():
    completed = subprocess.run([sys.executable, "-m", "pipelines.cli", "generate"], capture_output=True, text=True)
    assert completed.returncode == 2
    assert "--learners" in completed.stderr
