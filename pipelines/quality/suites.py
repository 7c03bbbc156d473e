"""The data-quality checks: SQL files next to the models they guard, validated by Great Expectations.

A check is `models/<schema>/checks/<table>/<name>.sql`, one query giving one row per checked item:
- `ok` (BOOLEAN): whether the item passes; NULL fails;
- `rows` (optional): how many rows of the table the item stands for, when the query aggregates;
- `example` (optional): a few words that say where, shown for failing items (never an INSZ).

Its leading comment is the Dutch description that analysts read in dq.expectations. Two comment lines
set `-- severity: ERROR` or `WARN`, and, optionally, `-- setup: <name>`, something a check needs
prepared first (SETUPS). Two kinds are generated rather than written: each published table's code
columns against their lists (`codes:` in models/published.yml), and the INSZ scan of every published
table (pipelines/defs/quality/checks.py).

ERROR checks guard what the pipeline promises, each from another source than the model it guards
(README, "Data quality"). They are blocking: a failure stops the publish step. A check that restates
its model's own SQL cannot fail, and none is kept. WARN checks are signals about the delivered data: the
run publishes and reports them.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache
from itertools import groupby, takewhile
from pathlib import Path

import duckdb

from pipelines.disclosure.audit import AUDIT_TABLE, audit_published
from pipelines.publication import published_tables
from pipelines.quality.landing_records import count_landing_records
from pipelines.settings import MODELS_DIR
from pipelines.sql_models import comment_lines, tables_read

ERROR = "ERROR"
WARN = "WARN"
SETTING = re.compile(r"^-- (severity|setup): (\S+)$")


@dataclass(frozen=True)
class Folders:
    """Where a setup finds the files the run read, and may write its own."""

    landing: Path
    scratch: Path


@dataclass(frozen=True)
class Setup:
    """What a check needs prepared before it runs, and what it leaves for the next run."""

    prepare: Callable[[duckdb.DuckDBPyConnection, Folders], object]
    # Tables `prepare` reads (dependencies of the check), and writes (no asset of their own).
    reads: tuple[str, ...] = ()
    creates: tuple[str, ...] = ()
    # Run after the check with this run's id.
    record_sql: str | None = None


SETUPS = {
    # Each loaded landing file's records, counted again by readers the ingestion does not use.
    "landing_records": Setup(lambda con, folders: count_landing_records(con, folders.landing, folders.scratch)),
    # The linear programmes of the disclosure audit on marts.indicator_values as it will be published.
    "disclosure_audit": Setup(
        lambda con, _: audit_published(con),
        reads=(
            "marts.disclosure_relations",
            "marts.indicator_values_unsuppressed",
            "ref.indicators",
            "settings.parameters",
        ),
        creates=(AUDIT_TABLE,),
    ),
    # Each run's share of compliant offers per provider, for the next run to compare with.
    "provider_compliance": Setup(
        lambda con, _: con.execute(
            "CREATE TABLE IF NOT EXISTS dq.provider_compliance "
            "(run_id VARCHAR, recorded_at TIMESTAMP, provider_id VARCHAR, offers BIGINT, share DOUBLE)"
        ),
        creates=("dq.provider_compliance",),
        record_sql="INSERT INTO dq.provider_compliance SELECT $1, now(), provider_id, count(*), "
        "100 * avg(complies_all::INTEGER) FROM marts.offers GROUP BY provider_id",
    ),
}


@dataclass(frozen=True)
class Check:
    table: str  # schema.table of the checked asset
    name: str
    description: str  # Dutch: it is what dq.expectations shows analysts
    severity: str
    sql: str  # rows with `ok`, and optionally `rows` and `example`
    setup: str | None = None
    # Other tables the check reads; it waits for them.
    reads: frozenset[str] = field(default=frozenset())


@dataclass(frozen=True)
class Suite:
    """The checks of one table: stored together, one GX report per table and run."""

    table: str
    checks: tuple[Check, ...]

    @property
    def setups(self) -> list[str]:
        """The setups its checks name, each once, in order."""
        return list(dict.fromkeys(c.setup for c in self.checks if c.setup))


def load_check(path: Path, con: duckdb.DuckDBPyConnection) -> Check:
    """A check file `models/<schema>/checks/<table>/<name>.sql`; `con` parses its SQL."""
    sql = path.read_text(encoding="utf-8")
    comments = comment_lines(sql)
    settings = dict(m.groups() for line in comments if (m := SETTING.match(line)))
    if settings.get("severity") not in (ERROR, WARN):
        raise ValueError(f"{path}: '-- severity: ERROR' of '-- severity: WARN' ontbreekt")
    if settings.get("setup", "") not in ("", *SETUPS):
        raise ValueError(f"{path}: onbekende setup '{settings['setup']}' (gekend: {', '.join(SETUPS)})")
    description = " ".join(line[2:].strip() for line in takewhile(lambda line: not SETTING.match(line), comments))
    table = f"{path.parents[2].name}.{path.parent.name}"
    setup = SETUPS.get(settings.get("setup"))
    reads = {f"{schema}.{name}" for schema, name in tables_read(sql, path, con)}
    if setup:
        reads = (reads | set(setup.reads)) - set(setup.creates)
    return Check(
        table, path.stem, description, settings["severity"], sql, settings.get("setup"), frozenset(reads - {table})
    )


def codes_known(table: str, code_lists: dict[str, str], labels: dict[str, str]) -> Check:
    """Every code a published table holds is in its list in ref.codes, which gives it its Dutch label.
    `labels` are the columns' Dutch names, which the description shows to the analysts."""
    # A list column (VARCHAR[], e.g. recognition) holds codes in every element: each is checked.
    values = " UNION ALL ".join(
        f"SELECT '{column}' AS column_name, '{code_list}' AS list, "
        f"unnest(CASE WHEN typeof({column}) LIKE '%[]' THEN {column}::VARCHAR[] ELSE [{column}::VARCHAR] END) AS code "
        f"FROM {table}"
        for column, code_list in code_lists.items()
    )
    return Check(
        table,
        "codes_in_code_lists",
        f"Elke code in de kolommen {', '.join(labels[c] for c in code_lists)} staat in haar codelijst (ref.codes), "
        "met een Nederlandse omschrijving.",
        ERROR,
        f"SELECT r.code IS NOT NULL AS ok, count(*) AS rows, v.column_name || ' = ' || v.code AS example "
        f"FROM ({values}) v LEFT JOIN ref.codes r ON r.list = v.list AND r.code = v.code "
        "WHERE v.code IS NOT NULL GROUP BY ALL",
        reads=frozenset({"ref.codes"}),
    )


@cache
def checks() -> tuple[Check, ...]:
    """Every declared check, and the code-list check of every published table with code columns."""
    with duckdb.connect() as con:
        declared = [load_check(path, con) for path in sorted(MODELS_DIR.glob("*/checks/*/*.sql"))]
    generated = [codes_known(t.name, t.code_lists, t.labels) for t in published_tables() if t.code_lists]
    return (*declared, *generated)


def suites(selected: tuple[Check, ...] | None = None) -> tuple[Suite, ...]:
    """The checks grouped per table."""
    ordered = sorted(checks() if selected is None else selected, key=lambda c: c.table)
    return tuple(Suite(table, tuple(group)) for table, group in groupby(ordered, key=lambda c: c.table))
