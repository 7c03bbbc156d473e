"""Reference data shipped with the project (`data/reference/*.csv`) as the `ref` code lists."""

from pathlib import Path

import dagster as dg

from pipelines.defs.resources import PipelineDatabase
from pipelines.settings import REFERENCE_DIR

DESCRIPTIONS = {
    "codes": "Every code list of the landing-zone contract with Dutch and English labels (one row per list and code).",
    "isco08": "ISCO-08 major and sub-major occupation groups (ILO) with Dutch labels.",
    "regions": "Flemish region, provinces (NIS codes) and arrondissements, plus BUITEN_VLAANDEREN and ONBEKEND.",
    "nis_prefixes": "Prefix of a 5-digit NIS municipality code to its province: the region rule of the contract.",
    "standard_elements": "The eleven EU standard elements of a micro-credential (Council Recommendation 2022).",
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
