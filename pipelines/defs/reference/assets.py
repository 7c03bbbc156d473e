"""Reference data shipped with the project (`data/reference/*.csv`) as the `ref` code lists, and the run's
indicator settings, in one step."""

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
    "countries": "ISO 3166-1 countries: alpha-3 (the EU country authority's code in credentials), alpha-2 and "
    "Dutch and English names, from pycountry 26.2.16 (the Debian iso-codes data).",
    "elm_concepts": "Concepts of European Digital Credentials (EU vocabulary ids and labels of the mode of learning "
    "and assessment, assessment types, EU language authority codes from the Debian iso-codes ISO 639-2 data) mapped "
    "to the offers' codes of participation form, assessment type and language; read both ways (credentials in, "
    "the ELM catalogue feed out).",
    "share_cells": "The learner counts each learner share sums in its numerator and denominator: read by the "
    "participation model, the linked suppression rule and the disclosure audit.",
}
REFERENCE_FILES = sorted(REFERENCE_DIR.glob("*.csv"))
PARAMETERS_KEY = dg.AssetKey(["settings", "parameters"])


@dg.multi_asset(
    name="reference",
    specs=[
        *[
            dg.AssetSpec(
                ["ref", path.stem], group_name="reference", description=DESCRIPTIONS[path.stem], kinds={"duckdb"}
            )
            for path in REFERENCE_FILES
        ],
        dg.AssetSpec(
            PARAMETERS_KEY,
            group_name="reference",
            description="The run's indicator settings as a one-row table the SQL models read: the small-cell "
            "threshold (MCMON_MIN_CELL, default 5) and the report year when fixed (MCMON_REPORT_YEAR, else NULL).",
            kinds={"duckdb"},
        ),
    ],
    can_subset=True,
)
def reference(context: dg.AssetExecutionContext, database: PipelineDatabase, parameters: IndicatorParameters):
    selected = context.selected_asset_keys
    with database.get_connection() as con:
        con.execute("CREATE SCHEMA IF NOT EXISTS ref")
        for path in REFERENCE_FILES:
            if dg.AssetKey(["ref", path.stem]) not in selected:
                continue
            # Codes are text: `01` must keep its zero.
            con.execute(
                f"CREATE OR REPLACE TABLE ref.{path.stem} AS "
                "SELECT * FROM read_csv($1, header = true, all_varchar = true)",
                [str(path)],
            )
            columns = [c for (c,) in con.execute(f"SELECT name FROM pragma_table_info('ref.{path.stem}')").fetchall()]
            if "sort_order" in columns:
                con.execute(f"ALTER TABLE ref.{path.stem} ALTER sort_order TYPE INTEGER")
            (rows,) = con.execute(f"SELECT count(*) FROM ref.{path.stem}").fetchall()[0]
            yield dg.MaterializeResult(asset_key=["ref", path.stem], metadata={"dagster/row_count": rows})
        if PARAMETERS_KEY in selected:
            con.execute("CREATE SCHEMA IF NOT EXISTS settings")
            con.execute(
                "CREATE OR REPLACE TABLE settings.parameters AS "
                "SELECT $1::INTEGER AS min_cell, $2::INTEGER AS report_year",
                [parameters.min_cell, parameters.report_year],
            )
            yield dg.MaterializeResult(
                asset_key=PARAMETERS_KEY,
                metadata={"min_cell": parameters.min_cell, "report_year": parameters.report_year},
            )
