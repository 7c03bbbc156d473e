"""SQL files under models/ that are not models or checks: Jinja templates where the SQL varies per call (a
source's columns, a table's name), plain SQL otherwise. Python renders and runs them; it writes no SQL of its
own beyond wiring (schemas, attaching, copying a table by name)."""

from __future__ import annotations

from functools import cache

import jinja2

from pipelines.settings import MODELS_DIR


@cache
def _environment() -> jinja2.Environment:
    # StrictUndefined: a misspelt template variable fails instead of rendering empty SQL.
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(MODELS_DIR), undefined=jinja2.StrictUndefined, keep_trailing_newline=True
    )


def render(path: str, **values: object) -> str:
    """The SQL of `models/<path>` for `values` (Jinja keeps each file parsed once per process)."""
    return _environment().get_template(path).render(**values)
