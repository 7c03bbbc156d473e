"""The Dagster code location: it loads, lineage comes from the SQL, and the UI has descriptions."""

import dataclasses

import dagster as dg
import duckdb
import pytest

from pipelines.definitions import defs
from pipelines.sql_models import discover_models, materialise
from tests.helpers import query, run_pipeline, write


@pytest.fixture(scope="module")
def definitions() -> dg.Definitions:
    return defs()


def test_every_table_a_model_reads_is_an_asset(definitions):
    keys = definitions.resolve_asset_graph().get_all_asset_keys()
    for model in discover_models():
        for table in model.reads:
            assert dg.AssetKey(list(table)) in keys, f"{model.path.name} reads {'.'.join(table)}, which no asset makes"


def test_lineage_follows_the_sql(definitions):
    graph = definitions.resolve_asset_graph()
    parents = graph.get(dg.AssetKey(["staging", "awards_validated"])).parent_keys
    assert {
        dg.AssetKey(["raw", "awards"]),
        dg.AssetKey(["staging", "offers"]),
        dg.AssetKey(["staging", "elm_claims_validated"]),
        dg.AssetKey(["ref", "codes"]),
    } <= parents


def test_every_asset_has_a_description(definitions):
    for spec in definitions.resolve_all_asset_specs():
        assert spec.description, f"{spec.key.to_user_string()} has no description"


def test_a_new_sql_file_is_a_new_asset(tmp_path):
    (tmp_path / "marts").mkdir()
    (tmp_path / "marts" / "providers.sql").write_text("-- Providers.\nSELECT DISTINCT provider_id FROM marts.offers\n")
    (model,) = discover_models(tmp_path)
    assert (model.name, model.description, model.reads) == ("marts.providers", "Providers.", {("marts", "offers")})


def test_a_model_marked_as_view_replaces_the_table_it_was_and_back(tmp_path):
    (tmp_path / "marts").mkdir()
    (tmp_path / "marts" / "providers.sql").write_text(
        "-- Providers.\n-- materialized: view\nSELECT DISTINCT provider_id FROM marts.offers\n"
    )
    (model,) = discover_models(tmp_path)
    assert (model.description, model.is_view) == ("Providers.", True)
    con = duckdb.connect()
    con.execute("CREATE SCHEMA marts; CREATE TABLE marts.offers AS SELECT 'P1' AS provider_id")
    con.execute("CREATE TABLE marts.providers AS SELECT 'stale' AS provider_id")
    kind = "SELECT table_type FROM information_schema.tables WHERE table_name = 'providers'"

    materialise(con, model)
    con.execute("INSERT INTO marts.offers VALUES ('P2')")
    assert con.execute(kind).fetchall() == [("VIEW",)]
    assert con.execute("SELECT provider_id FROM marts.providers ORDER BY 1").fetchall() == [("P1",), ("P2",)]

    materialise(con, dataclasses.replace(model, is_view=False))
    assert con.execute(kind).fetchall() == [("BASE TABLE",)]


def test_one_writer_runs_every_step_in_process(definitions):
    assert definitions.resolve_job_def("full_run").executor_def.name == "in_process"


def test_ingestion_group_materialises_on_its_own(landing, tmp_path):
    write(
        landing,
        "population/bevolking.csv",
        "jaar;provincie_nis;geslacht;leeftijdsklasse;aantal\n2024;70000;V;25-34;52000\n",
    )
    result = run_pipeline(landing, tmp_path / "data", selection=dg.AssetSelection.groups("ingestion"))
    assert result.success
    materialized = {e.asset_key.to_user_string() for e in result.get_asset_materialization_events()}
    assert {"raw/population", "raw/population_files", "raw/landing_inventory"} <= materialized
    assert not any(key.startswith("staging/") for key in materialized)
    internal = tmp_path / "data" / "internal" / "pipeline.duckdb"
    assert query(internal, "SELECT provincie_nis, aantal FROM raw.population") == [("70000", "52000")]
