"""Building the dashboard site into a folder: the pages, plotly.js once beside them, style and script."""

from __future__ import annotations

import shutil
from pathlib import Path

from plotly.offline import get_plotlyjs

from dashboards.alternatives import describe
from dashboards.data import load
from dashboards.layout import SiteContext, render
from dashboards.pages import (
    data_quality,
    dictionary,
    offer,
    offer_search,
    overview,
    participation,
    providers,
    skills_gap,
    transparency,
)

PAGE_MODULES = (
    overview,
    offer,
    offer_search,
    transparency,
    participation,
    skills_gap,
    data_quality,
    providers,
    dictionary,
)
STATIC = Path(__file__).parent / "static"
LOCALES = STATIC / "plotly-locales"


def build_site(warehouse: Path, target: Path, min_cell: int) -> list[Path]:
    data = load(warehouse, min_cell)
    context = SiteContext(
        report_year=data.report_year or 0,
        data_through=data.period["data_through_text"],
        is_complete=data.report_year is None or bool(data.period["is_complete"]),
        min_cell=min_cell,
    )
    target.mkdir(parents=True)
    written, pages = [], []
    for module in PAGE_MODULES:
        page = module.build(data)
        pages.append(page)
        for block in page.blocks:
            block.variants = {k: describe(v) if isinstance(v, dict) else v for k, v in block.variants.items()}
        path = target / page.file
        path.write_text(render(page, context), encoding="utf-8")
        written.append(path)
    (target / "plotly.min.js").write_text(get_plotlyjs(), encoding="utf-8")
    (target / "plotly-locale-nl.js").write_text(plotly_locales(), encoding="utf-8")
    scripts = [page.script for page in pages if page.script]
    for name in ("site.js", "site.css", *scripts):
        shutil.copy(STATIC / name, target / name)
    return [
        *written,
        target / "plotly.min.js",
        target / "plotly-locale-nl.js",
        target / "site.js",
        target / "site.css",
        *(target / name for name in scripts),
    ]


def plotly_locales() -> str:
    """The Dutch locales as a script for the browser: their CommonJS `module.exports = {...}` becomes
    `Plotly.register({...})`, as plotly.js's own build does. nl-BE takes its texts from nl."""
    scripts = []
    for name in ("nl.js", "nl-be.js"):
        source = (LOCALES / name).read_text(encoding="utf-8")
        body = source.split("module.exports = ", 1)[1].rstrip().rstrip(";")
        scripts.append(f"Plotly.register({body});")
    return "\n".join(scripts) + "\n"
