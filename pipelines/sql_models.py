"""The SQL models in `models/<schema>/<table>.sql`: one SELECT per file, one table per file.

A model's dependencies are the tables its SQL reads, found by DuckDB's own parser, so adding a
`.sql` file adds an asset with its lineage and no list is maintained by hand. The leading comment
block of a file is the table's description.

A model is a table unless its comment block holds the line `-- materialized: view`: then it is a
view, computed when read. That suits a wide row-level model whose readers each scan it once, where
writing the table costs more than computing it again (BENCHMARKS.md, decisions).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import duckdb

from pipelines.settings import MODELS_DIR

MACROS_FILE = MODELS_DIR / "macros.sql"
VIEW_MARKER = "-- materialized: view"


@dataclass(frozen=True)
class SqlModel:
    schema: str
    table: str
    path: Path
    sql: str
    description: str
    reads: frozenset[tuple[str, str]]
    is_view: bool = False

    @property
    def name(self) -> str:
        return f"{self.schema}.{self.table}"


@cache
def macros_sql() -> str:
    return MACROS_FILE.read_text()


def discover_models(models_dir: Path = MODELS_DIR) -> list[SqlModel]:
    con = duckdb.connect()
    models = []
    for path in sorted(models_dir.glob("*/*.sql")):
        sql = path.read_text()
        models.append(
            SqlModel(
                schema=path.parent.name,
                table=path.stem,
                path=path,
                sql=sql,
                description=_leading_comment(sql),
                reads=tables_read(sql, path, con),
                is_view=VIEW_MARKER in comment_lines(sql),
            )
        )
    con.close()
    return models


def comment_lines(sql: str) -> list[str]:
    """The leading comment block of a SQL file, line by line."""
    lines = []
    for line in sql.splitlines():
        if not line.startswith("--"):
            break
        lines.append(line.rstrip())
    return lines


def _leading_comment(sql: str) -> str:
    return "\n".join(line[2:].strip() for line in comment_lines(sql) if line != VIEW_MARKER).strip()


def materialise(con: duckdb.DuckDBPyConnection, model: SqlModel) -> None:
    """Create or replace the model's table or view; one of the other kind (an earlier choice) is dropped first."""
    kind = "VIEW" if model.is_view else "TABLE"
    existing = con.execute(
        "SELECT CASE table_type WHEN 'VIEW' THEN 'VIEW' ELSE 'TABLE' END FROM information_schema.tables "
        "WHERE table_catalog = current_database() AND table_schema = $1 AND table_name = $2",
        [model.schema, model.table],
    ).fetchall()
    con.execute(f"CREATE SCHEMA IF NOT EXISTS {model.schema}")
    if existing and existing[0][0] != kind:
        con.execute(f"DROP {existing[0][0]} {model.name}")
    con.execute(f"CREATE OR REPLACE {kind} {model.name} AS\n{model.sql.rstrip().rstrip(';')}")


def tables_read(sql: str, path: Path, con: duckdb.DuckDBPyConnection) -> frozenset[tuple[str, str]]:
    """The (schema, table) pairs a query reads, by DuckDB's own parser."""
    (serialized,) = con.execute("SELECT json_serialize_sql($1::VARCHAR)", [sql]).fetchall()[0]
    tree = json.loads(serialized)
    if tree.get("error"):
        raise ValueError(f"{path}: {tree.get('error_message')}")
    found: set[tuple[str, str]] = set()
    _collect_tables(tree, found)
    return frozenset(found)


def _collect_tables(node: object, found: set[tuple[str, str]]) -> None:
    if isinstance(node, dict):
        # CTE names come back as base tables without a schema; every model reference is qualified. `recurring.<cte>`
        # is a recursive CTE's whole table (WITH RECURSIVE ... USING KEY), not a model.
        if node.get("type") == "BASE_TABLE" and node.get("schema_name") not in (None, "", "recurring"):
            found.add((node["schema_name"], node["table_name"]))
        for value in node.values():
            _collect_tables(value, found)
    elif isinstance(node, list):
        for value in node:
            _collect_tables(value, found)
