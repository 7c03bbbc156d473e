"""SQL models (`models/<schema>/<table>.sql`) as assets; lineage comes from the SQL itself."""

import dagster as dg

from pipelines.defs.resources import PipelineDatabase
from pipelines.sql_models import SqlModel, discover_models


def build_model_asset(model: SqlModel) -> dg.AssetsDefinition:
    @dg.asset(
        key=[model.schema, model.table],
        group_name=model.schema,
        description=model.description,
        deps=[dg.AssetKey(list(table)) for table in sorted(model.reads)],
        kinds={"duckdb", "sql"},
    )
    def _build(database: PipelineDatabase) -> dg.MaterializeResult:
        with database.get_connection() as con:
            con.execute(f"CREATE SCHEMA IF NOT EXISTS {model.schema}")
            con.execute(f"CREATE OR REPLACE TABLE {model.name} AS\n{model.sql.rstrip().rstrip(';')}")
            (rows,) = con.execute(f"SELECT count(*) FROM {model.name}").fetchall()[0]
        return dg.MaterializeResult(
            metadata={"dagster/row_count": rows, "sql_file": str(model.path.relative_to(model.path.parents[2]))}
        )

    return _build


model_assets = [build_model_asset(model) for model in discover_models()]
