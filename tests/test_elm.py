"""European Digital Credentials (awards/elm/, contract v2): crafted Flemish credentials in every shape."""

import base64
import datetime as dt
import hashlib
import hmac
import json

import dagster as dg
import pytest

from pipelines.landing.elm import credential_from_jwt
from pipelines.landing.pseudonymise import DEVELOPMENT_KEY
from tests.helpers import P1, insz, query, run_pipeline, write

BEL = "http://publications.europa.eu/resource/authority/country/BEL"
SPEC_URI = "https://hogeschool.test/microcredentials/MC1"
# What the ELM tests read: the staging models and data-quality tables, without checks and publication.
ELM_TABLES = (
    dg.AssetSelection.assets(
        ["intermediate", "current_offers"], ["staging", "field_issues"], ["dq", "elm_outcomes"], ["staging", "awards"]
    )
    .upstream()
    .without_checks()
)


def load_credentials(landing, data):
    """Ingest and validate `landing` (all sources, as a run does) up to the current offers and dq tables."""
    assert run_pipeline(landing, data, selection=ELM_TABLES).success
    return data / "internal" / "pipeline.duckdb"


def claim(spec_id, title, *, ects=None, hours=None, date="2025-06-30T12:00:00Z", kind="LearningAchievement"):
    spec = {
        "id": spec_id,
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
        "type": kind,
        "awardedBy": {"awardingBody": [{"legalName": {"nl": "Hogeschool Test"}, "registration": {"notation": P1}}]},
        "specifiedBy": spec,
        "provenBy": {"dateIssued": date, "grade": {"noteLiteral": {"nl": "16/20"}}},
    }


def credential(national_id, claims, issued="2025-07-01T08:00:00Z"):
    return {
        "issuanceDate": issued,
        "credentialSubject": {"nationalID": {"notation": national_id, "spatial": {"id": BEL}}, "hasClaim": claims},
    }


def b64(data: dict | list) -> str:
    return base64.urlsafe_b64encode(json.dumps(data).encode()).decode().rstrip("=")


def jwt(payload: dict, *disclosures: str) -> str:
    token = f"{b64({'alg': 'ES256', 'typ': 'JWT'})}.{b64(payload)}.c2lnbmF0dXJl"
    return token + "".join(f"~{d}" for d in disclosures) + ("~" if disclosures else "")


def sd_jwt(document: dict) -> str:
    """`document` as SD-JWT with the learner's nationalID selectively disclosed, as a wallet presents it."""
    subject = dict(document["credentialSubject"])
    disclosure = b64(["c2FsdA", "nationalID", subject.pop("nationalID")])
    subject["_sd"] = [base64.urlsafe_b64encode(hashlib.sha256(disclosure.encode()).digest()).decode().rstrip("=")]
    return jwt({"vc": {**document, "credentialSubject": subject}}, disclosure)


@pytest.fixture(scope="module")
def internal(tmp_path_factory):
    root = tmp_path_factory.mktemp("elm")
    landing = root / "landing"
    write(
        landing,
        "offers/a.csv",
        f"mc_id;aanbieder_id;aanbieder_type;titel;startdatum\n{SPEC_URI};{P1};CVO;Catalogus;2024-01-01\n",
    )
    two_claims = credential(
        "85.07.30-033.28",
        [
            claim(SPEC_URI, "Zelfde als catalogus", ects="3"),
            claim("urn:mc:new", "Enkel in ELM", hours="PT12H30M"),
            claim("urn:activity:1", "Webinar", kind="LearningActivity"),
        ],
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
    write(landing, "awards/elm/d_zonder_subject.json", json.dumps({"@context": [], "issuanceDate": "2025-01-01"}))
    wrapped = {"credential": credential(insz("1990-02-01", 997), claim(SPEC_URI, "x", ects="3")), "deliveryDetails": {}}
    write(landing, "awards/elm/e_upload.json", json.dumps(wrapped))
    write(
        landing,
        "awards/elm/f_bom.json",
        "\ufeff" + json.dumps(credential(insz("1992-11-22", 123), claim(SPEC_URI, "x"))),
    )
    write(landing, "awards/elm/g_compact.jwt", jwt({"vc": credential("85.07.30-033.28", claim(SPEC_URI, "y"))}))
    write(landing, "awards/elm/h_selective.jwt", sd_jwt(credential("03041212424", claim(SPEC_URI, "z"))))
    write(landing, "awards/elm/i_lijst.json", json.dumps([credential("85.07.30-033.28", claim(SPEC_URI, "x"))]))
    write(landing, "awards/elm/l_sleutels.json", json.dumps({"85.07.30-033.28": "ingeschreven"}))
    listed = credential(insz("1988-08-08", 88), claim(SPEC_URI, "x"))
    listed["credentialSubject"] = [listed["credentialSubject"]]
    subject = listed["credentialSubject"][0]
    subject["nationalID"]["spatial"] = [subject["nationalID"]["spatial"]]
    body = subject["hasClaim"]["awardedBy"]["awardingBody"][0]
    body["registration"] = [body["registration"]]
    subject["hasClaim"]["awardedBy"] = [subject["hasClaim"]["awardedBy"]]
    write(landing, "awards/elm/k_lijsten.json", json.dumps(listed))
    accreditation = {"type": ["VerifiableCredential", "VerifiableAccreditationToAttest"], "credentialSubject": {}}
    write(landing, "awards/elm/j_accreditatie.json", json.dumps(accreditation))
    return load_credentials(landing, root / "data")


def test_each_achievement_is_an_award_of_a_pseudonymised_learner(internal):
    rows = query(
        internal,
        "SELECT file, line, learner_id, birth_year, sex, offer_id, status, enrolled_on, awarded_on, grade "
        "FROM staging.awards WHERE file = 'awards/elm/a_bare.json' ORDER BY line",
    )
    learner = hmac.new(DEVELOPMENT_KEY.encode(), b"85073003328", hashlib.sha256).digest()
    assert rows[0] == (
        "awards/elm/a_bare.json",
        1,
        learner,
        1985,
        "M",
        SPEC_URI,
        "BEHAALD",
        dt.date(2025, 6, 30),
        dt.date(2025, 6, 30),
        "16/20",
    )
    # The local id is no URI: the offer is keyed by what the specification says.
    assert rows[1][1] == 2 and rows[1][5].startswith("ELM-") and len(rows) == 2


def test_a_learning_activity_is_quarantined_for_information(internal):
    rows = query(internal, "SELECT file, line, reason, field FROM staging.quarantine WHERE source = 'elm'")
    assert rows == [("awards/elm/a_bare.json", 3, "not_an_achievement", "type")]


def test_a_credential_defines_an_offer_missing_from_the_catalogues(internal):
    rows = query(
        internal,
        "SELECT offer_source, title, provider_type, volume_value, volume_unit, level_framework, "
        "level, participation_form, valid_from FROM intermediate.current_offers ORDER BY offer_source",
    )
    assert rows == [
        ("catalogus", "Catalogus", "CVO", None, None, None, None, None, dt.date(2024, 1, 1)),
        # fields of the first claim, the earliest award date of all its credentials, the provider's usual type
        ("elm", "Enkel in ELM", "CVO", 12.5, "UUR", "EQF", 5, "HYBRIDE", dt.date(2025, 1, 15)),
    ]


def test_every_shape_is_read_and_recorded(internal):
    rows = query(
        internal,
        "SELECT file, shape, status, rows_received, rows_loaded, reconciles FROM dq.files "
        "WHERE source = 'elm' ORDER BY file",
    )
    assert rows == [
        ("awards/elm/a_bare.json", "bare", "loaded", 3, 2, True),
        ("awards/elm/b_signed.jsonld", "envelope", "loaded", 1, 1, True),
        ("awards/elm/c_kapot.json", None, "rejected", 0, 0, True),
        ("awards/elm/d_zonder_subject.json", "bare", "rejected", 0, 0, True),
        ("awards/elm/e_upload.json", "upload_wrapper", "loaded", 1, 1, True),
        ("awards/elm/f_bom.json", "bare", "loaded", 1, 1, True),
        ("awards/elm/g_compact.jwt", "jwt", "loaded", 1, 1, True),
        ("awards/elm/h_selective.jwt", "sd_jwt", "loaded", 1, 1, True),
        ("awards/elm/i_lijst.json", None, "rejected", 0, 0, True),
        ("awards/elm/j_accreditatie.json", "bare", "rejected", 0, 0, True),
        ("awards/elm/k_lijsten.json", "bare", "loaded", 1, 1, True),
        ("awards/elm/l_sleutels.json", None, "rejected", 0, 0, True),
    ]
    learners = query(internal, "SELECT file, birth_year, sex FROM staging.awards WHERE file LIKE '%.jwt' ORDER BY file")
    # The SD-JWT's learner is in a disclosure: merged back, the award is that learner's.
    assert learners == [("awards/elm/g_compact.jwt", 1985, "M"), ("awards/elm/h_selective.jwt", 2003, "V")]


def test_a_rejected_file_says_what_was_found(internal):
    messages = dict(query(internal, "SELECT file, message FROM dq.files WHERE status = 'rejected'"))
    assert "geen JSON en geen JWT" in messages["awards/elm/c_kapot.json"]
    assert "Geen credentialSubject" in messages["awards/elm/d_zonder_subject.json"]
    assert "een JSON-lijst" in messages["awards/elm/i_lijst.json"]
    assert "Geen leerresultaat-credential" in messages["awards/elm/j_accreditatie.json"]
    # A field name that is an INSZ is not quoted: the message is published in dq.files.
    assert "een JSON-object met de velden [INSZ verwijderd];" in messages["awards/elm/l_sleutels.json"]


def test_elm_outcomes_per_shape_add_up_to_the_files(internal):
    outcomes = query(internal, "SELECT shape_label, outcome, reason, files, claims FROM dq.elm_outcomes")
    assert ("SD-JWT (selectieve openbaarmaking)", "loaded", None, 1, 1) in outcomes
    assert ("Credential (JSON)", "quarantined", "not_an_achievement", 1, 1) in outcomes
    assert ("onbekende vorm", "rejected", "file_unreadable", 3, 0) in outcomes
    (claims,) = query(internal, "SELECT sum(rows_received) FROM dq.files WHERE source = 'elm'")[0]
    assert sum(o[4] for o in outcomes) == claims == 9


def test_a_vc_jwt_without_issuance_date_takes_it_from_not_before():
    token = jwt({"nbf": 1735689600, "vc": {"credentialSubject": {"hasClaim": []}}})
    assert json.loads(credential_from_jwt(token))["issuanceDate"] == "2025-01-01T00:00:00+00:00"
    assert credential_from_jwt("eyJ.bm90IGpzb24.c2ln") is None


def test_a_list_where_one_is_expected_gives_its_first(internal):
    # The credential lists its subjects, the learner's ID its countries, the claim its awarding processes
    # and the awarding body its registrations.
    rows = query(internal, "SELECT birth_year, provider_id, offer_id FROM staging.awards WHERE file LIKE '%k_lijsten%'")
    assert rows == [(1988, P1, SPEC_URI)]
