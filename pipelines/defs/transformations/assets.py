"""SQL models (`models/<schema>/<table>.sql`) as assets; lineage comes from the SQL itself.

All models run in one step on one DuckDB connection, in dependency order: per model that saves a
step's bookkeeping and a connection, which is most of a small model's cost. The UI still shows one
asset per table and can materialise any subset.
"""

from graphlib import TopologicalSorter

import dagster as dg

from pipelines.defs.resources import PipelineDatabase
from pipelines.sql_models import SqlModel, discover_models, materialise

MODELS = {model.name: model for model in discover_models()}


def _spec(model: SqlModel) -> dg.AssetSpec:
    return dg.AssetSpec(
        key=[model.schema, model.table],
        group_name=model.schema,
        description=model.description,
        deps=[dg.AssetKey(list(table)) for table in sorted(model.reads)],
        kinds={"duckdb", "sql"},
    )


def in_dependency_order(names: set[str]) -> list[str]:
    graph = {name: {".".join(t) for t in MODELS[name].reads} & names for name in sorted(names)}
    return list(TopologicalSorter(graph).static_order())


@dg.multi_asset(name="sql_models", specs=[_spec(model) for model in MODELS.values()], can_subset=True)
def sql_models(context: dg.AssetExecutionContext, database: PipelineDatabase):
    selected = {".".join(key.path) for key in context.selected_asset_keys}
    with database.get_connection() as con:
        for name in in_dependency_order(selected):
            model = MODELS[name]
            materialise(con, model)
            (rows,) = con.execute(f"SELECT count(*) FROM {model.name}").fetchall()[0]
            yield dg.MaterializeResult(
                asset_key=[model.schema, model.table],
                metadata={"dagster/row_count": rows, "sql_file": f"models/{model.schema}/{model.table}.sql"},
            )
