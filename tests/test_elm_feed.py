"""The ELM catalogue feed (issue 17, item 5): every current offer as an ELM v3 LearningOpportunity, valid against
the EU's LOQ shapes, read offline, and read back by the monitor's own ELM reader into the same offers."""

import datetime as dt
import hashlib
import json
import re
import socket
import warnings
from pathlib import Path

import dagster as dg
import duckdb
import pytest
import rdflib
from rdflib.namespace import SH

from pipelines.defs.publish.assets import conforms_to_elm
from pipelines.defs.resources import PipelineDatabase
from pipelines.elm_feed import (
    CONTEXT_FILE,
    ELM_DIR,
    SHAPES_FILE,
    FeedInvalid,
    check_feed,
    feed_graph,
    shapes_graph,
    write_feed,
)
from pipelines.landing.elm import read_catalogue
from pipelines.settings import MODELS_DIR, REFERENCE_DIR
from pipelines.sql_models import macros_sql

MODEL = (MODELS_DIR / "marts" / "elm_opportunities.sql").read_text()
SITE = "https://monitor.test/"
OFFER_COLUMNS = (
    "provider_id VARCHAR, offer_id VARCHAR, title VARCHAR, provider_name VARCHAR, language VARCHAR, isced_f VARCHAR, "
    "volume_value DOUBLE, volume_unit VARCHAR, level_framework VARCHAR, level INTEGER, assessment_type VARCHAR, "
    "participation_form VARCHAR, price_eur DOUBLE, odb_id VARCHAR, valid_from DATE, valid_to DATE, "
    "learning_outcomes VARCHAR[], esco_skills VARCHAR[], credential_kind VARCHAR, recognition VARCHAR[], "
    "incentive_vov BOOLEAN, incentive_vouchers BOOLEAN, incentive_credit BOOLEAN"
)
# Hand-made offers covering each way a value is written: ECTS and EQF with two incentives and two recognitions,
# hours and a VKS level, teaching periods with level NVT and no recognition elsewhere (GEEN), no title nor provider
# name nor kind, an incomplete volume, an unknown language and recognition. The incentive flags are marts.offers'
# (its ODB record as offer_share_incentive reads it).
OFFERS = [
    ("0123456749", "MC-1", "Data-analyse", "Hogeschool Test", "nl", "0612", 3.0, "ECTS", "EQF", 5, "SCHRIFTELIJK",
     "ONLINE", 250.0, "EO-1", dt.date(2025, 9, 1), dt.date(2027, 6, 30), ["analyseert data"],
     ["http://data.europa.eu/esco/skill/0b2e7f1e-1d6a-4b0e-9a5e-000000000001"], "OPLEIDINGSONDERDEEL",
     ["CREDITBEWIJS", "VRIJSTELLING"], True, True, False),
    ("0123456749", "MC 2/b", "Lassen", "Hogeschool Test", "fr", "0715", 32.5, "UUR", "VKS", 4, "PRAKTIJK",
     "WERKPLEK", None, "EO-2", dt.date(2024, 1, 15), None, [], [], "DEELKWALIFICATIE", ["BEROEPSKWALIFICATIE"],
     False, False, True),
    ("0987654394", "CVO-9", "Nederlands aan het werk", "CVO Test", "nl", None, 40.0, "LESTIJD", "NVT", None, "GEEN",
     "HYBRIDE", 0.0, "EO-3", dt.date(2023, 2, 1), None, ["spreekt"], [], "DEELCERTIFICAAT", ["GEEN"],
     False, False, False),
    ("0987654394", "CVO-10", None, None, None, "04", 12.0, "ANDER", None, None, None, None, None, "EO-4",
     dt.date(2026, 1, 1), None, [], [], None, None, False, False, False),
    ("0987654394", "CVO-11", "Onvolledig", "CVO Test", "en", None, None, "UUR", "EQF", None, "PROJECT", "FYSIEK",
     None, None, dt.date(2026, 3, 1), dt.date(2026, 12, 31), [], [], "EVC", None, False, False, False),
]  # fmt: skip


def feed_database(offers=OFFERS) -> duckdb.DuckDBPyConnection:
    """An in-memory database with the tables the feed model reads, from the shipped code lists and `offers`."""
    con = duckdb.connect()
    con.execute(macros_sql())
    for schema in ("ref", "marts"):
        con.execute(f"CREATE SCHEMA {schema}")
    for name in ("codes", "elm_concepts", "countries"):
        con.execute(
            f"CREATE TABLE ref.{name} AS SELECT * FROM read_csv($1, header = true, all_varchar = true)",
            [str(REFERENCE_DIR / f"{name}.csv")],
        )
    con.execute(f"CREATE TABLE marts.offers ({OFFER_COLUMNS})")
    con.executemany(f"INSERT INTO marts.offers VALUES ({', '.join(['?'] * len(offers[0]))})", offers)
    con.execute(f"CREATE TABLE marts.elm_opportunities AS {MODEL}")
    return con


@pytest.fixture
def feed(tmp_path) -> Path:
    return write_feed(feed_database(), tmp_path / "catalogus.jsonld", SITE)


def read_back(path: Path) -> dict[tuple[str, str], dict]:
    con = duckdb.connect()
    con.execute(macros_sql())
    con.execute("CREATE SCHEMA ref")
    con.execute(
        "CREATE TABLE ref.elm_concepts AS SELECT * FROM read_csv($1, header = true, all_varchar = true)",
        [str(REFERENCE_DIR / "elm_concepts.csv")],
    )
    read_catalogue(con, [path])
    frame = con.execute("SELECT * EXCLUDE (file, line) FROM elm_catalogue_offers").fetchdf()
    rows = frame.astype(object).where(frame.notna(), None).to_dict("records")
    return {(r["provider_id"], r["offer_id"]): r for r in rows}


def test_the_shapes_and_context_are_the_eu_files_unchanged():
    source = (ELM_DIR / "SOURCE.md").read_text()
    for path in (SHAPES_FILE, CONTEXT_FILE):
        digest = hashlib.sha256(path.read_bytes()).hexdigest()
        assert f"`{path.name}`" in source and digest in source, f"{path.name} differs from the copy SOURCE.md names"


def test_the_shapes_java_patterns_run_in_python_and_still_refuse_a_non_web_address():
    graph = shapes_graph()
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        compiled = {
            shape: re.compile(str(p), re.I if (shape, SH.flags, rdflib.Literal("i")) in graph else 0)
            for shape, p in graph.subject_objects(SH.pattern)
        }
    http_only = [c for shape, c in compiled.items() if (shape, SH.flags, rdflib.Literal("i")) in graph]
    assert http_only, "the homepage's http(s) pattern is not among the shapes"
    for pattern in http_only:
        assert pattern.match("HTTPS://monitor.test/aanbod-zoeken.html#0123456749%2FMC-1")
        assert not pattern.match("ftp://monitor.test/catalogus")


def test_every_offer_is_one_learning_opportunity_that_conforms_to_the_eu_shapes(feed):
    document = json.loads(feed.read_text())
    assert document["@context"] == "http://data.europa.eu/snb/model/context/edc-ap"
    assert check_feed(feed) == len(OFFERS) == len(document["@graph"])
    homepages = {node["homepage"]["contentURL"] for node in document["@graph"]}
    assert "https://monitor.test/aanbod-zoeken.html#0123456749%2FMC%202%2Fb" in homepages


def test_the_incentives_are_grants_and_the_kind_and_recognition_eu_concepts_with_dutch_labels(feed):
    nodes = {n["identifier"]["notation"]: n for n in json.loads(feed.read_text())["@graph"]}
    titles = {offer: [g["title"]["nl"] for g in node.get("grant", [])] for offer, node in nodes.items()}
    assert titles["MC-1"] == ["Vlaams opleidingsverlof", "Opleidingscheques"]
    assert titles["MC 2/b"] == ["Opleidingskrediet"]
    assert titles["CVO-9"] == titles["CVO-10"] == titles["CVO-11"] == []
    assert "EO-1" in nodes["MC-1"]["grant"][0]["description"]["nl"]
    assert nodes["MC 2/b"]["dcType"]["prefLabel"]["nl"] == "Deelkwalificatie (VKS)"
    assert "dcType" not in nodes["CVO-10"]  # the kind is unknown
    entitlements = {
        offer: [e["title"]["nl"] for e in node["learningAchievementSpecification"].get("entitlesTo", [])]
        for offer, node in nodes.items()
    }
    assert entitlements["MC-1"] == ["Creditbewijs voor een diploma", "Vrijstelling"]
    assert entitlements["CVO-9"] == ["Geen erkenning elders"]
    assert entitlements["CVO-11"] == []  # unknown


def test_a_feed_that_breaks_the_shapes_fails_naming_the_offer_and_property(feed, tmp_path):
    document = json.loads(feed.read_text())
    del document["@graph"][0]["title"]
    document["@graph"][1]["providedBy"]["elm:favouriteColour"] = "blauw"
    document["@graph"][2]["homepage"]["contentURL"] = "ftp://monitor.test/x"
    broken = tmp_path / "kapot.jsonld"
    broken.write_text(json.dumps(document))
    with pytest.raises(FeedInvalid) as failure:
        check_feed(broken)
    message = str(failure.value)
    assert "4 overtreding(en)" in message
    assert "urn:mcmon:aanbod:0123456749:MC%202%2Fb: dc:title: verplicht, maar ontbreekt" in message
    assert "elm:favouriteColour: eigenschap die het profiel niet kent" in message
    assert "elm:contentUrl: waarde voldoet niet aan de vorm" in message
    assert "Europass zou de feed weigeren" in message


def test_the_feed_is_read_without_any_network_access(feed, monkeypatch, tmp_path):
    def refuse(*args, **kwargs):
        raise AssertionError("network access while reading the feed")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    assert len(feed_graph(feed)) > 0
    assert check_feed(feed) == len(OFFERS)
    other = tmp_path / "ander.jsonld"
    other.write_text(json.dumps({**json.loads(feed.read_text()), "@context": "https://example.test/context.jsonld"}))
    with pytest.raises(FeedInvalid, match="Onbekende JSON-LD-context 'https://example.test/context.jsonld'"):
        feed_graph(other)


def test_the_elm_reader_reads_the_feed_back_into_the_same_offers(feed):
    back = read_back(feed)
    assert set(back) == {(o[0], o[1]) for o in OFFERS}
    expected = {
        # provider, offer: title, provider name, volume, unit, framework, level, ISCED, language, assessment, form,
        # from, to, VOV, training vouchers, training credit
        ("0123456749", "MC-1"): ("Data-analyse", "Hogeschool Test", 3.0, "ECTS", "EQF", 5, "0612", "nl",
                                 "SCHRIFTELIJK", "ONLINE", dt.date(2025, 9, 1), dt.date(2027, 6, 30),
                                 True, True, False),
        ("0123456749", "MC 2/b"): ("Lassen", "Hogeschool Test", 32.5, "UUR", "VKS", 4, "0715", "fr", "PRAKTIJK",
                                   "WERKPLEK", dt.date(2024, 1, 15), None, False, False, True),
        ("0987654394", "CVO-9"): ("Nederlands aan het werk", "CVO Test", 40.0, "LESTIJD", "NVT", None, None, "nl",
                                  "GEEN", "HYBRIDE", dt.date(2023, 2, 1), None, False, False, False),
        # ELM requires a title and a legal name: the feed says they were not delivered.
        ("0987654394", "CVO-10"): ("Aanbod CVO-10 (titel niet aangeleverd)",
                                   "Onderneming 0987654394 (naam niet aangeleverd)", 12.0, "ANDER", None, None, "04",
                                   None, None, None, dt.date(2026, 1, 1), None, False, False, False),
        # A volume without its number and an EQF framework without a level are not exported (elements 7 and 8).
        ("0987654394", "CVO-11"): ("Onvolledig", "CVO Test", None, None, None, None, None, "en", "PROJECT", "FYSIEK",
                                   dt.date(2026, 3, 1), dt.date(2026, 12, 31), False, False, False),
    }  # fmt: skip
    fields = (
        "title", "provider_name", "volume_value", "volume_unit", "level_framework", "level", "isced_f", "language",
        "assessment_type", "participation_form", "valid_from", "valid_to", "vov", "training_vouchers",
        "training_credit",
    )  # fmt: skip
    for offer in OFFERS:
        read = back[(offer[0], offer[1])]
        recognition = None if read["recognition"] is None else list(read["recognition"])
        assert (read["credential_kind"], recognition) == (offer[18], offer[19]), offer[1]
    for key, values in expected.items():
        got = {f: back[key][f] for f in fields}
        got["valid_from"] = got["valid_from"] and got["valid_from"].date()
        got["valid_to"] = got["valid_to"] and got["valid_to"].date()
        assert got == dict(zip(fields, values, strict=True)), key


@pytest.mark.slow
def test_the_samples_feed_is_published_valid_and_reads_back_into_marts_offers(sample_run):
    data, _, _ = sample_run
    feed = data / "exports" / "elm" / "catalogus.jsonld"
    with duckdb.connect(str(data / "warehouse.duckdb"), read_only=True) as warehouse:
        (current,) = warehouse.execute("SELECT count(*) FROM marts.offers").fetchone()
    assert check_feed(feed) == current
    back = read_back(feed)
    assert len(back) == current
    with duckdb.connect(str(data / "internal" / "pipeline.duckdb"), read_only=True) as con:
        frame = con.execute(
            """
            SELECT o.provider_id, o.offer_id,
                   coalesce(o.title, 'Aanbod ' || o.offer_id || ' (titel niet aangeleverd)') AS title,
                   coalesce(o.provider_name, 'Onderneming ' || o.provider_id || ' (naam niet aangeleverd)')
                       AS provider_name,
                   CASE WHEN o.volume_value > 0 AND o.volume_unit IS NOT NULL THEN o.volume_value END AS volume_value,
                   CASE WHEN o.volume_value > 0 THEN o.volume_unit END AS volume_unit,
                   CASE WHEN o.level_framework = 'NVT' OR o.level BETWEEN 1 AND 8 THEN o.level_framework END
                       AS level_framework,
                   o.level, o.isced_f, o.language, o.assessment_type, o.participation_form, o.valid_from, o.valid_to,
                   o.incentive_vov AS vov, o.incentive_vouchers AS training_vouchers,
                   o.incentive_credit AS training_credit, o.credential_kind, o.recognition
            FROM marts.offers o
            """
        ).fetchdf()
    expected = frame.astype(object).where(frame.notna(), None).to_dict("records")
    assert any(e["vov"] or e["training_vouchers"] or e["training_credit"] for e in expected)
    for offer in expected:
        got = back[(offer["provider_id"], offer["offer_id"])]
        for field, value in offer.items():
            read = got[field].date() if field in ("valid_from", "valid_to") and got[field] else got[field]
            value = value.date() if hasattr(value, "date") and field in ("valid_from", "valid_to") else value
            # A list (recognition) arrives as an array.
            read, value = (x.tolist() if hasattr(x, "tolist") else x for x in (read, value))
            assert read == value, (offer["provider_id"], offer["offer_id"], field, read, value)


def test_the_blocking_check_fails_with_what_mcmon_run_reports(feed, tmp_path):
    internal = tmp_path / "internal"
    (internal / "elm").mkdir(parents=True)
    document = json.loads(feed.read_text())
    del document["@graph"][1]["providedBy"]["location"]
    (internal / "elm" / "catalogus.jsonld").write_text(json.dumps(document))
    database = PipelineDatabase(database=str(internal / "pipeline.duckdb"), scratch_dir=str(tmp_path / "tmp"))
    result = conforms_to_elm(database=database)
    assert not result.passed and result.severity == dg.AssetCheckSeverity.ERROR
    metadata = {key: value.value for key, value in result.metadata.items()}
    assert metadata["observed_value"] == "1 overtreding(en)"
    assert metadata["examples"] == "urn:mcmon:aanbod:0123456749:MC-1: elm:location: verplicht, maar ontbreekt"
    (internal / "elm" / "catalogus.jsonld").write_text(feed.read_text())
    assert conforms_to_elm(database=database).passed
