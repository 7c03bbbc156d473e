"""The SQL steps of ingestion (`models/raw/ingest/*.sql`), each reading and writing tables it names.

A step file declares its inputs and outputs in its leading comment block:

    -- reads: records, layout
    -- writes: data_rows, canonical

and is a Jinja template where it must vary per source (`{{ source.columns }}`); files starting with `_`
hold Jinja macros that steps import. `run_step` checks before a step that every table it reads exists,
and after it that every table it writes does: a step that reads a table no earlier step wrote fails by
name instead of reading a stale one.

The working tables are TEMP tables of one cursor (`workspace`): they vanish with it, whatever step
failed, so no cleanup list can miss one and no raw INSZ outlives the ingestion of its source.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import duckdb

from pipelines import sql_templates


class StepError(RuntimeError):
    """A step's declared input was missing, or its declared output was not written."""


@contextmanager
def workspace(con: duckdb.DuckDBPyConnection) -> Iterator[duckdb.DuckDBPyConnection]:
    """A cursor on the run's database (its settings hold) whose TEMP tables and macros go when it closes."""
    cursor = con.cursor()
    try:
        yield cursor
    finally:
        cursor.close()


def render(step: str, **values: object) -> str:
    """The SQL of step `step` (file name without `.sql`) for `values`."""
    return sql_templates.render(f"raw/ingest/{step}.sql", **values)


def declared(sql: str, key: str) -> list[str]:
    """The tables a rendered step names after `-- <key>:` (reads or writes) in its leading comments."""
    names = []
    for line in sql.splitlines():
        if not line.startswith("--"):
            if line.strip():
                break
            continue
        label, _, value = line.removeprefix("--").strip().partition(":")
        if label == key:
            names += [name.strip() for name in value.split(",") if name.strip()]
    return names


def run_step(cur: duckdb.DuckDBPyConnection, step: str, **values: object) -> None:
    """Run step `step` on `cur`, checking the tables it declares it reads and writes."""
    sql = render(step, **values)
    if missing := _missing(cur, declared(sql, "reads")):
        raise StepError(f"Stap {step} leest {', '.join(missing)}, maar geen eerdere stap schreef die.")
    cur.execute(sql)
    if missing := _missing(cur, declared(sql, "writes")):
        raise StepError(f"Stap {step} schreef {', '.join(missing)} niet, zoals ze aankondigt.")


def _missing(cur: duckdb.DuckDBPyConnection, names: list[str]) -> list[str]:
    """The tables or views of `names` that do not exist: a name without a schema is a working table of the
    cursor, one with a schema a table of that schema."""
    if not names:
        return []
    existing = {
        name
        for (name,) in cur.execute(
            "SELECT CASE WHEN temporary THEN table_name ELSE schema_name || '.' || table_name END FROM duckdb_tables() "
            "UNION ALL SELECT CASE WHEN temporary THEN view_name ELSE schema_name || '.' || view_name END "
            "FROM duckdb_views()"
        ).fetchall()
    }
    return [name for name in names if name not in existing]
