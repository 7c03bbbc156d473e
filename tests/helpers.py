"""Test helpers: write a landing zone, run the real pipeline on it, query the result."""

from __future__ import annotations

import textwrap
from pathlib import Path

import dagster as dg
import duckdb

from pipelines.definitions import defs
from pipelines.defs.resources import build_resources
from pipelines.settings import Settings

SHARED_DIR = Path(__file__).resolve().parents[2] / "shared"
ELM_EXAMPLES = SHARED_DIR / "reference" / "elm-examples"


def write(root: Path, relative: str, content: str | bytes, encoding: str = "utf-8") -> Path:
    """Write a landing file; text is dedented so tests can show files as they look."""
    path = root / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, str):
        content = textwrap.dedent(content).lstrip("\n").encode(encoding)
    path.write_bytes(content)
    return path


def run_pipeline(
    landing: Path,
    data: Path,
    selection: dg.AssetSelection | None = None,
    raise_on_error: bool = True,
    **overrides: int,
) -> dg.ExecuteInProcessResult:
    """Materialise the project's assets (all, or a selection) on `landing`, writing under `data`.

    Keyword arguments are Settings fields, e.g. min_cell=3 or report_year=2024.
    """
    settings = Settings(landing_dir=landing, data_dir=data, **overrides)
    assets = list(defs().assets)
    return dg.materialize(
        assets, resources=build_resources(settings), selection=selection, raise_on_error=raise_on_error
    )


def query(database: Path, sql: str, params: list | None = None) -> list[tuple]:
    with duckdb.connect(str(database), read_only=True) as con:
        return con.execute(sql, params or []).fetchall()
