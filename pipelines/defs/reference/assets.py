"""Reference data shipped with the project (`data/reference/*.csv`) as the `ref` code lists."""

from pathlib import Path

import dagster as dg

from pipelines.defs.resources import IndicatorParameters, PipelineDatabase
from pipelines.settings import REFERENCE_DIR

DESCRIPTIONS = {
    "codes": "Every code list of the landing-zone contract with Dutch and English labels (one row per list and code).",
    "isco08": "ISCO-08 major and sub-major occupation groups (ILO) with Dutch labels.",
    "regions": "Flemish region, provinces (NIS codes) and arrondissements, plus BUITEN_VLAANDEREN and ONBEKEND.",
    "nis_prefixes": "Prefix of a 5-digit NIS municipality code to its province: the region rule of the contract.",
    "standard_elements": "The eleven EU standard elements of a micro-credential (Council Recommendation 2022).",
    "indicators": "The indicator catalogue as maintained by hand: names, definitions, interpretation choices (Dutch).",
}


def build_reference_asset(path: Path) -> dg.AssetsDefinition:
    @dg.asset(
        key=["ref", path.stem],
        group_name="reference",
        description=DESCRIPTIONS[path.stem],
        kinds={"duckdb"},
    )
    def _load(database: PipelineDatabase) -> dg.MaterializeResult:
        with database.get_connection() as con:
            con.execute("CREATE SCHEMA IF NOT EXISTS ref")
            # Codes are text: `01` must keep its zero.
            con.execute(
                f"CREATE OR REPLACE TABLE ref.{path.stem} AS "
                "SELECT * FROM read_csv($1, header = true, all_varchar = true)",
                [str(path)],
            )
            if "sort_order" in [
                c for (c,) in con.execute(f"SELECT name FROM pragma_table_info('ref.{path.stem}')").fetchall()
            ]:
                con.execute(f"ALTER TABLE ref.{path.stem} ALTER sort_order TYPE INTEGER")
            (rows,) = con.execute(f"SELECT count(*) FROM ref.{path.stem}").fetchall()[0]
        return dg.MaterializeResult(
            metadata={"rows": rows, "source_file": str(path.relative_to(REFERENCE_DIR.parents[1]))}
        )

    return _load


reference_assets = [build_reference_asset(path) for path in sorted(REFERENCE_DIR.glob("*.csv"))]


@dg.asset(key=["settings", "parameters"], group_name="reference", kinds={"duckdb"})
def run_parameters(database: PipelineDatabase, parameters: IndicatorParameters) -> dg.MaterializeResult:
    """The run's indicator settings as a one-row table the SQL models read: the small-cell threshold
    (MCMON_MIN_CELL, default 5) and the report year when fixed (MCMON_REPORT_YEAR, else NULL)."""
    with database.get_connection() as con:
        con.execute("CREATE SCHEMA IF NOT EXISTS settings")
        con.execute(
            "CREATE OR REPLACE TABLE settings.parameters AS SELECT $1::INTEGER AS min_cell, $2::INTEGER AS report_year",
            [parameters.min_cell, parameters.report_year],
        )
    return dg.MaterializeResult(metadata={"min_cell": parameters.min_cell, "report_year": parameters.report_year})
