"""The dashboard site, rebuilt from the published warehouse on every run."""

from pathlib import Path

import dagster as dg

from dashboards.site import build_site
from pipelines.defs.publish.assets import WAREHOUSE_KEY
from pipelines.defs.resources import IndicatorParameters, PublishedWarehouse
from pipelines.publication import replace_directory


@dg.asset(key=["published", "site"], group_name="dashboards", deps=[WAREHOUSE_KEY], kinds={"html", "plotly"})
def dashboard_site(
    context: dg.AssetExecutionContext, warehouse: PublishedWarehouse, parameters: IndicatorParameters
) -> dg.MaterializeResult:
    """The Dutch dashboard site in `data/site/`: overview, offer, transparency, participation, skills gap,
    data quality and a data dictionary. Static pages with plotly.js beside them: they open from disk
    without a server or network (`mcmon serve` serves them on 127.0.0.1 for people without file access)."""
    target = Path(warehouse.site_dir)
    written = replace_directory(
        target, context.run.run_id, lambda folder: build_site(Path(warehouse.path), folder, parameters.min_cell)
    )
    return dg.MaterializeResult(metadata={"path": str(target), "files": len(written)})
