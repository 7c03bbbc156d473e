"""European Digital Credentials (awards/elm/): the real examples and crafted Flemish ones."""

import datetime as dt
import hashlib
import hmac
import json
import shutil

import pytest

from pipelines.landing.pseudonymise import DEVELOPMENT_KEY
from tests.helpers import ELM_EXAMPLES, query, run_pipeline, write

BEL = "http://publications.europa.eu/resource/authority/country/BEL"


def claim(offer_id, title, *, ects=None, hours=None, date="2025-06-30T12:00:00Z"):
    spec = {
        "id": offer_id,
        "title": {"en": f"{title} (en)", "nl": title},
        "mode": {"prefLabel": {"en": "Blended"}},
        "eqfLevel": {"id": "http://data.europa.eu/snb/eqf/5"},
        "learningOutcome": [{"title": {"nl": "Leerresultaat"}}],
    }
    if ects:
        spec["creditPoint"] = {"framework": {"prefLabel": {"en": "ECTS"}}, "point": ects}
    if hours:
        spec["volumeOfLearning"] = hours
    return {
        "awardedBy": {
            "awardingBody": [{"legalName": {"nl": "Hogeschool Test"}, "registration": {"notation": "0123456749"}}]
        },
        "specifiedBy": spec,
        "provenBy": {"dateIssued": date, "grade": {"noteLiteral": {"nl": "16/20"}}},
    }


def credential(insz, claims, issued="2025-07-01T08:00:00Z"):
    return {
        "issuanceDate": issued,
        "credentialSubject": {"nationalID": {"notation": insz, "spatial": {"id": BEL}}, "hasClaim": claims},
    }


@pytest.fixture(scope="module")
def internal(tmp_path_factory):
    root = tmp_path_factory.mktemp("elm")
    landing = root / "landing"
    write(
        landing,
        "offers/a.csv",
        "mc_id;aanbieder_id;aanbieder_type;titel;startdatum\nMC1;0123456749;CVO;Catalogus;2024-01-01\n",
    )
    two_claims = credential(
        "85.07.30-033.28",
        [claim("MC1", "Zelfde als catalogus", ects="3"), claim("urn:mc:new", "Enkel in ELM", hours="PT12H30M")],
    )
    write(landing, "awards/elm/a_bare.json", json.dumps(two_claims))
    envelope = {
        "payload": json.dumps(
            credential(
                "03041212424",
                claim("urn:mc:new", "Enkel in ELM", hours="PT12H30M", date="2025-01-15T09:00:00Z"),
                issued="2025-01-20T08:00:00Z",
            )
        ),
        "signatures": [{"protected": "eyJ", "signature": "c2ln"}],
    }
    write(landing, "awards/elm/b_signed.jsonld", json.dumps(envelope))
    write(landing, "awards/elm/c_kapot.json", "{ dit is geen json")
    write(landing, "awards/elm/d_zonder_subject.json", json.dumps({"issuanceDate": "2025-01-01"}))
    assert run_pipeline(landing, root / "data").success
    return root / "data" / "internal" / "pipeline.duckdb"


def test_each_claim_is_an_award_of_a_pseudonymised_learner(internal):
    rows = query(
        internal,
        "SELECT file, line, learner_id, birth_year, sex, offer_id, status, enrolled_on, awarded_on, grade "
        "FROM staging.awards ORDER BY file, line",
    )
    learner = hmac.new(DEVELOPMENT_KEY.encode(), b"85073003328", hashlib.sha256).hexdigest()
    assert rows[0] == (
        "awards/elm/a_bare.json",
        1,
        learner,
        1985,
        "M",
        "MC1",
        "BEHAALD",
        dt.date(2025, 6, 30),
        dt.date(2025, 6, 30),
        "16/20",
    )
    assert [(r[0], r[1], r[3], r[4], r[5]) for r in rows[1:]] == [
        ("awards/elm/a_bare.json", 2, 1985, "M", "urn:mc:new"),
        ("awards/elm/b_signed.jsonld", 1, 2003, "V", "urn:mc:new"),
    ]


def test_a_credential_defines_an_offer_missing_from_the_catalogues(internal):
    rows = query(
        internal,
        "SELECT offer_source, offer_id, title, provider_type, volume_value, volume_unit, level_framework, "
        "level, participation_form, valid_from FROM intermediate.current_offers ORDER BY offer_id",
    )
    assert rows == [
        ("catalogus", "MC1", "Catalogus", "CVO", None, None, None, None, None, dt.date(2024, 1, 1)),
        # fields of the first claim, the earliest issue date of all its credentials, the provider's usual type
        ("elm", "urn:mc:new", "Enkel in ELM", "CVO", 12.5, "UUR", "EQF", 5, "HYBRIDE", dt.date(2025, 1, 20)),
    ]


def test_files_that_are_not_credentials_are_rejected(internal):
    rows = query(internal, "SELECT file, status, reason FROM dq.files WHERE status = 'rejected' ORDER BY file")
    assert rows == [
        ("awards/elm/c_kapot.json", "rejected", "file_unreadable"),
        ("awards/elm/d_zonder_subject.json", "rejected", "file_unreadable"),
    ]


def test_claims_reconcile_per_file(internal):
    rows = query(
        internal,
        "SELECT file, rows_received, rows_loaded, reconciles FROM dq.files "
        "WHERE source = 'elm' AND status = 'loaded' ORDER BY file",
    )
    assert rows == [("awards/elm/a_bare.json", 2, 2, True), ("awards/elm/b_signed.jsonld", 1, 1, True)]


@pytest.mark.skipif(not ELM_EXAMPLES.is_dir(), reason="../shared/reference/elm-examples not available")
def test_real_europass_examples_are_parsed_and_quarantined_as_not_flemish(tmp_path):
    landing = tmp_path / "landing"
    for name in ("edc-microcredential-example.json", "edc-microcredential-signed.jsonld"):
        (landing / "awards" / "elm").mkdir(parents=True, exist_ok=True)
        shutil.copy(ELM_EXAMPLES / name, landing / "awards" / "elm" / name)
    assert run_pipeline(landing, tmp_path / "data").success
    internal = tmp_path / "data" / "internal" / "pipeline.duckdb"
    parsed = query(
        internal,
        "SELECT file, provider_name, offer_id, title, credit_is_ects, credit_points, volume_of_learning, "
        "eqf_level, mode, awarded_at, grade, national_id_country FROM raw.elm_claims ORDER BY file",
    )
    assert parsed == [
        (
            f"awards/elm/{name}",
            "NETIS d.o.o.",
            "urn:epass:qualification:1",
            "Title of the Qualification",
            True,
            "5",
            "PT45H",
            "http://data.europa.eu/snb/eqf/6",
            "Online",
            "2025-11-05T16:24:37Z",
            "19",
            "ESP",
        )
        for name in ("edc-microcredential-example.json", "edc-microcredential-signed.jsonld")
    ]
    reasons = query(internal, "SELECT file, reason FROM staging.quarantine ORDER BY file")
    assert reasons == [
        ("awards/elm/edc-microcredential-example.json", "not_flemish_id"),
        ("awards/elm/edc-microcredential-signed.jsonld", "not_flemish_id"),
    ]
    assert "12345" not in str(query(internal, "SELECT raw_record FROM staging.quarantine"))
