"""Ingestion: every landing-zone source into its raw table and file manifest (schema `raw`)."""

import shutil
from pathlib import Path

import dagster as dg
import pandas as pd

from pipelines.defs.resources import LandingZone, PipelineDatabase, Pseudonymisation
from pipelines.landing.contract import AWARDS, ELM, SOURCES, Source
from pipelines.landing.files import empty_landing, inventory
from pipelines.landing.ingest import ingest
from pipelines.landing.pseudonymise import KEY_ENV, mask_insz_text

INVENTORY_KEY = dg.AssetKey(["raw", "landing_inventory"])


@dg.asset(key=INVENTORY_KEY, group_name="ingestion", kinds={"duckdb"})
def landing_inventory(
    context: dg.AssetExecutionContext, database: PipelineDatabase, landing: LandingZone
) -> dg.MaterializeResult:
    """Every file in the landing zone and the source that claims it.

    A file outside the source folders is listed with no source, so data quality reports it rather
    than losing it. An empty or missing landing zone stops the run: there is nothing to monitor.
    """
    # Transcoded copies of landing files may hold INSZ numbers; one left by an interrupted run goes now.
    shutil.rmtree(Path(database.scratch_dir) / "utf8", ignore_errors=True)
    claimed, unclaimed = inventory(landing.root, SOURCES)
    rows = [(source, f.name, f.kind, f.size_bytes) for source, files in claimed.items() for f in files]
    rows += [(None, f.name, f.kind, f.size_bytes) for f in unclaimed]
    if not rows:
        raise dg.Failure(empty_landing(landing.root))
    for f in unclaimed:
        context.log.warning(f"{f.name}: staat buiten de mappen van de bronnen en wordt niet ingeladen.")
    frame = pd.DataFrame(rows, columns=["source", "file", "kind", "size_bytes"])
    with database.get_connection() as con:
        con.execute("CREATE SCHEMA IF NOT EXISTS raw")
        con.register("_inventory_frame", frame)
        con.execute("CREATE OR REPLACE TABLE raw.landing_inventory AS SELECT * FROM _inventory_frame")
    missing = [s.name for s in SOURCES if not claimed[s.name]]
    return dg.MaterializeResult(
        metadata={
            "landing_dir": str(landing.root),
            "embedded_sample": landing.is_sample,
            "files": len(rows),
            "unclaimed_files": len(unclaimed),
            "sources_without_files": ", ".join(missing) or "geen",
        }
    )


def build_ingestion_asset(source: Source) -> dg.AssetsDefinition:
    @dg.multi_asset(
        name=f"ingest_{source.name}",
        group_name="ingestion",
        specs=[
            dg.AssetSpec(
                ["raw", source.raw_table],
                description=f"{source.description} Raw rows as text.",
                deps=[INVENTORY_KEY],
                kinds={"duckdb"},
            ),
            dg.AssetSpec(
                ["raw", f"{source.name}_files"],
                description=f"Manifest of the {source.name} files: read or rejected, and why.",
                deps=[INVENTORY_KEY],
                kinds={"duckdb"},
            ),
        ],
    )
    def _ingest(
        context: dg.AssetExecutionContext,
        database: PipelineDatabase,
        landing: LandingZone,
        pseudonymisation: Pseudonymisation,
    ):
        key, is_development_key = pseudonymisation.key()
        if is_development_key and source in (AWARDS, ELM):
            context.log.warning(
                f"{KEY_ENV} is niet gezet (of is de ontwikkelsleutel): de ontwikkelsleutel pseudonimiseert de "
                "lerenden. Niet voor productie."
            )
        try:
            with database.get_connection() as con:
                summary = ingest(con, source, landing.root, Path(database.scratch_dir), key)
        except Exception as error:
            # A database error may quote the value it failed on, and for awards that can be an INSZ:
            # the message is masked and the original exception is not chained into the run's log.
            raise dg.Failure(f"Inlezen van bron {source.name} mislukt: {mask_insz_text(str(error))}") from None
        for file, message in summary.rejected:
            context.log.warning(f"{file}: geweigerd. {message}")
        for file, message in summary.warnings:
            context.log.warning(f"{file}: {message}")
        yield dg.MaterializeResult(asset_key=["raw", source.raw_table], metadata=summary.as_metadata())
        yield dg.MaterializeResult(asset_key=["raw", f"{source.name}_files"])

    return _ingest


ingestion_assets = [build_ingestion_asset(source) for source in SOURCES]
