"""Jobs."""

import dagster as dg

full_run = dg.define_asset_job(
    name="full_run",
    selection=dg.AssetSelection.all(),
    description="Read the whole landing zone afresh, rebuild every table and publish the warehouse.",
)
