"""Publishing: the analysts' warehouse and its exports, each built aside and swapped in whole."""

import shutil
from pathlib import Path

import dagster as dg

from pipelines.defs.resources import IndicatorParameters, LandingZone, PipelineDatabase, PublishedWarehouse
from pipelines.delivery_guard import ACCEPT_DROP_FLAG, deliveries, published_deliveries, refusal, worse_deliveries
from pipelines.elm_feed import FEED_FOLDER, FeedInvalid, check_feed, feed_path, write_feed
from pipelines.publication import (
    copy_with_comments,
    published_tables,
    replace_directory,
    replace_file,
    write_exports,
    write_feedback,
)
from pipelines.quality.validate import ensure_results_table

# DuckDB 1.0 and later can open this storage format.
STORAGE_VERSION = "v1.0.0"
WAREHOUSE_KEY = dg.AssetKey(["published", "warehouse"])
GUARD_KEY = dg.AssetKey(["published", "delivery_guard"])
# The feed is staged beside the internal database like a model, and published with the exports once its
# check and every blocking check have passed: it belongs to the models' stage, not to publishing.
ELM_FEED_KEY = dg.AssetKey(["marts", "elm_feed"])


def _elm_folder(database: PipelineDatabase) -> Path:
    """Where the feed waits for its validation: beside the internal database, never published from there."""
    return Path(database.database).parent / FEED_FOLDER


class DeliveryGuardConfig(dg.Config):
    """accept_drop: publiceer toch, ook al ontbreekt een bron of daalde ze met meer dan de helft (wordt gelogd);
    op de opdrachtregel `mcmon run --aanvaard-daling`."""

    accept_drop: bool = False


@dg.asset(key=GUARD_KEY, group_name="publish", deps=[dg.AssetKey(["dq", "sources"])])
def delivery_guard(
    context: dg.AssetExecutionContext,
    config: DeliveryGuardConfig,
    landing: LandingZone,
    database: PipelineDatabase,
    warehouse: PublishedWarehouse,
) -> dg.MaterializeResult:
    """Never publish a worse monitor: compares this run's deliveries (dq.sources) with the last published
    run's, read from the published warehouse. A landing zone without any source folder, a source that was
    delivered and now is missing, or a source whose loaded rows fell by more than half stops the run before
    anything is published: the warehouse, exports, site and feedback stay as they were. An explicit,
    logged override (`mcmon run --aanvaard-daling`, or accept_drop in the run config) publishes anyway."""
    with database.get_connection() as con:
        current = deliveries(con)
    reasons = worse_deliveries(landing.root, published_deliveries(Path(warehouse.path)), current)
    if reasons and not config.accept_drop:
        raise dg.Failure(description=refusal(reasons))
    if reasons:
        context.log.warning(f"Gepubliceerd ondanks {ACCEPT_DROP_FLAG}: " + "; ".join(reasons) + ".")
    return dg.MaterializeResult(metadata={"accepted_drops": "; ".join(reasons) or "geen"})


@dg.asset(
    key=WAREHOUSE_KEY,
    group_name="publish",
    deps=[
        GUARD_KEY,
        ELM_FEED_KEY,
        *(dg.AssetKey([t.schema, t.table]) for t in published_tables() if t.source is None),
    ],
    kinds={"duckdb"},
)
def published_warehouse(
    context: dg.AssetExecutionContext, database: PipelineDatabase, warehouse: PublishedWarehouse
) -> dg.MaterializeResult:
    """The published warehouse `data/warehouse.duckdb` that analysts query ad hoc: the tables of
    models/published.yml with their Dutch comments; aggregates and offer-level data only.

    Written as a new file next to the old one and moved into place with `os.replace`, so a reader
    never sees a half-built warehouse and an open reader never blocks the run.
    """
    target = Path(warehouse.path)
    with database.get_connection() as con:
        # dq.expectations is built from the check results; a run that ran no checks publishes none.
        ensure_results_table(con)

        def write(path: Path) -> None:
            con.execute(f"ATTACH '{path}' AS published (STORAGE_VERSION '{STORAGE_VERSION}')")
            try:
                copy_with_comments(con, "published")
            finally:
                con.execute("DETACH published")

        replace_file(target, context.run.run_id, write)
    return dg.MaterializeResult(
        metadata={
            "path": str(target),
            "tables": ", ".join(t.name for t in published_tables()),
            "size_bytes": target.stat().st_size,
        }
    )


@dg.asset(key=ELM_FEED_KEY, group_name="marts", deps=[dg.AssetKey(["marts", "elm_opportunities"])], kinds={"json"})
def elm_feed(
    context: dg.AssetExecutionContext, database: PipelineDatabase, warehouse: PublishedWarehouse
) -> dg.MaterializeResult:
    """The catalogue feed for the leer- en loopbaanrekening and Europass: every current offer as an ELM v3
    LearningOpportunity with its LearningAchievementSpecification and incentive grants, one JSON-LD catalogue
    (marts.elm_opportunities). Written beside the internal database; the check `conforms_to_elm` validates it
    against the EU's LOQ shapes and blocks the publication when it fails, so `data/exports/elm/` only ever holds
    a feed Europass accepts."""
    with database.get_connection() as con:
        path = replace_file(
            feed_path(_elm_folder(database)),
            context.run.run_id,
            lambda building: write_feed(con, building, warehouse.site_url),
        )
        offers, with_incentive = con.execute(
            "SELECT count(*), count(*) FILTER (WHERE has_incentive) FROM marts.elm_opportunities"
        ).fetchone()
    return dg.MaterializeResult(
        metadata={
            "path": str(path),
            "offers": offers,
            "offers_with_incentive": with_incentive,
            "size_bytes": path.stat().st_size,
        }
    )


ELM_CHECK = (
    "De ELM-catalogus voldoet aan de SHACL-vormregels van de EU (Learning Opportunities and Qualifications, "
    "data/reference/elm/): anders weigert Europass hem en wordt niets gepubliceerd."
)


@dg.asset_check(asset=ELM_FEED_KEY, name="conforms_to_elm", blocking=True, description=f"[ERROR] {ELM_CHECK}")
def conforms_to_elm(database: PipelineDatabase) -> dg.AssetCheckResult:
    """[ERROR] The feed conforms to the EU's LOQ shapes; a failure blocks the publication."""
    try:
        offers = check_feed(feed_path(_elm_folder(database)))
    except FeedInvalid as error:
        return dg.AssetCheckResult(
            passed=False,
            severity=dg.AssetCheckSeverity.ERROR,
            description=str(error),
            # The keys `mcmon run` reports a failed blocking check by (pipelines/run.py).
            metadata={
                "description": ELM_CHECK,
                "observed_value": f"{error.count} overtreding(en)",
                "examples": error.examples,
            },
        )
    return dg.AssetCheckResult(passed=True, metadata={"description": ELM_CHECK, "learning_opportunities": offers})


@dg.asset(
    key=["published", "exports"], group_name="publish", deps=[WAREHOUSE_KEY, ELM_FEED_KEY], kinds={"parquet", "excel"}
)
def published_exports(
    context: dg.AssetExecutionContext,
    warehouse: PublishedWarehouse,
    parameters: IndicatorParameters,
    database: PipelineDatabase,
) -> dg.MaterializeResult:
    """Exports of the published warehouse for analysts who do not use SQL: one Parquet file per
    published table and `indicatoren.xlsx` (a sheet per indicator group and the catalogue, Dutch
    headers, text that a spreadsheet would run as a formula neutralised), and the validated ELM catalogue
    feed in `elm/`. Rebuilt aside, then swapped in."""
    target = Path(warehouse.exports_dir)

    def build(folder: Path) -> list[Path]:
        written = write_exports(Path(warehouse.path), folder, parameters.min_cell)
        feed = feed_path(folder / FEED_FOLDER)
        feed.parent.mkdir()
        shutil.copyfile(feed_path(_elm_folder(database)), feed)
        return [*written, feed]

    written = replace_directory(target, context.run.run_id, build)
    return dg.MaterializeResult(metadata={"path": str(target), "files": len(written)})


@dg.asset(
    key=["published", "provider_feedback"],
    group_name="publish",
    deps=[
        GUARD_KEY,
        dg.AssetKey(["staging", "provider_feedback"]),
        dg.AssetKey(["marts", "provider_scorecard"]),
        dg.AssetKey(["marts", "provider_compliance"]),
        dg.AssetKey(["dq", "provider_issue_counts"]),
    ],
    kinds={"csv"},
)
def provider_feedback(
    context: dg.AssetExecutionContext, database: PipelineDatabase, warehouse: PublishedWarehouse
) -> dg.MaterializeResult:
    """Feedback files for the data suppliers, `data/feedback/<KBO number or source>.csv`: each one's own
    quarantined rows and field issues with the reason in plain Dutch and the INSZ masked (YY.MM.DD-***.**),
    so the data can be corrected at the source. Not for analysts: the rows are learner records. Beside them,
    per provider, `<KBO number>-scorekaart.csv`: its scorecard beside its provider type (published figures only)."""
    target = Path(warehouse.feedback_dir)
    with database.get_connection() as con:
        written = replace_directory(target, context.run.run_id, lambda folder: write_feedback(con, folder))
    return dg.MaterializeResult(metadata={"path": str(target), "files": len(written)})
