"""The SQL models in `models/<schema>/<table>.sql`: one SELECT per file, one table per file.

A model's dependencies are the tables its SQL reads, found by DuckDB's own parser, so adding a
`.sql` file adds an asset with its lineage and no list is maintained by hand. The leading comment
block of a file is the table's description.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import duckdb

from pipelines.settings import MODELS_DIR

MACROS_FILE = MODELS_DIR / "macros.sql"


@dataclass(frozen=True)
class SqlModel:
    schema: str
    table: str
    path: Path
    sql: str
    description: str
    reads: frozenset[tuple[str, str]]

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
                reads=_tables_read(con, sql, path),
            )
        )
    con.close()
    return models


def _leading_comment(sql: str) -> str:
    lines = []
    for line in sql.splitlines():
        if not line.startswith("--"):
            break
        lines.append(line[2:].strip())
    return "\n".join(lines).strip()


def _tables_read(con: duckdb.DuckDBPyConnection, sql: str, path: Path) -> frozenset[tuple[str, str]]:
    (serialized,) = con.execute("SELECT json_serialize_sql($1::VARCHAR)", [sql]).fetchone()
    tree = json.loads(serialized)
    if tree.get("error"):
        raise ValueError(f"{path}: {tree.get('error_message')}")
    found: set[tuple[str, str]] = set()
    _collect_tables(tree, found)
    return frozenset(found)


def _collect_tables(node: object, found: set[tuple[str, str]]) -> None:
    if isinstance(node, dict):
        # CTE names come back as base tables without a schema; every model reference is qualified.
        if node.get("type") == "BASE_TABLE" and node.get("schema_name"):
            found.add((node["schema_name"], node["table_name"]))
        for value in node.values():
            _collect_tables(value, found)
    elif isinstance(node, list):
        for value in node:
            _collect_tables(value, found)
