"""Compare what two runs published: every table of the analysts' warehouse, and the internal
marts.indicator_values and dq.files, row for row (order aside).

    .venv/bin/python bench/compare_runs.py DATA_DIR_BEFORE DATA_DIR_AFTER

A refactoring that changes no behaviour leaves no difference. Columns that differ by construction
between two runs (run ids, times, durations) are left out; they are listed in VOLATILE. Exit code 1 when
a table differs.
"""

from __future__ import annotations

import sys
from pathlib import Path

import duckdb

INTERNAL_TABLES = ("marts.indicator_values", "dq.files")
# A column is volatile when its name is one of these or ends in `_at` (a time).
VOLATILE = ("run_id", "seconds", "duration")


def _tables(con: duckdb.DuckDBPyConnection, database: str) -> list[str]:
    rows = con.execute(
        "SELECT schema_name || '.' || table_name FROM duckdb_tables() WHERE database_name = $1 ORDER BY 1", [database]
    ).fetchall()
    return [name for (name,) in rows]


def _columns(con: duckdb.DuckDBPyConnection, relation: str) -> list[str]:
    return [name for (name, *_) in con.execute(f"DESCRIBE SELECT * FROM {relation}").fetchall()]


def differences(before: Path, after: Path) -> list[str]:
    con = duckdb.connect()
    pairs = []
    for name, folder in (("before", before), ("after", after)):
        con.execute(f"ATTACH '{folder / 'warehouse.duckdb'}' AS {name}_warehouse (READ_ONLY)")
        con.execute(f"ATTACH '{folder / 'internal' / 'pipeline.duckdb'}' AS {name}_internal (READ_ONLY)")
    tables = sorted(set(_tables(con, "before_warehouse")) | set(_tables(con, "after_warehouse")))
    pairs += [(f"before_warehouse.{t}", f"after_warehouse.{t}", t) for t in tables]
    pairs += [(f"before_internal.{t}", f"after_internal.{t}", f"internal {t}") for t in INTERNAL_TABLES]
    found = []
    for left, right, label in pairs:
        try:
            left_columns, right_columns = _columns(con, left), _columns(con, right)
        except duckdb.CatalogException:
            found.append(f"{label}: only in one run")
            continue
        if left_columns != right_columns:
            found.append(f"{label}: columns differ ({left_columns} / {right_columns})")
            continue
        kept = ", ".join(f'"{c}"' for c in left_columns if c not in VOLATILE and not c.endswith("_at"))
        (only_left, only_right, rows) = con.execute(
            f"SELECT (SELECT count(*) FROM (SELECT {kept} FROM {left} EXCEPT ALL SELECT {kept} FROM {right})), "
            f"(SELECT count(*) FROM (SELECT {kept} FROM {right} EXCEPT ALL SELECT {kept} FROM {left})), "
            f"(SELECT count(*) FROM {left})"
        ).fetchall()[0]
        status = "identical"
        if only_left or only_right:
            status = f"DIFFERS: {only_left} rows before only, {only_right} after only"
        print(f"{label:60} {rows:>9} rows  {status}")
        if only_left or only_right:
            found.append(label)
    return found


if __name__ == "__main__":
    found = differences(Path(sys.argv[1]), Path(sys.argv[2]))
    print("\n" + ("No difference." if not found else f"{len(found)} tables differ: {', '.join(found)}"))
    sys.exit(1 if found else 0)
