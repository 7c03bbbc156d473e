"""Kinds of credential and recognition (contract v2: offers' `soort` and `erkenning`; indicators.md, section E)
on a small landing zone whose expected values are worked out by hand in the comments."""

import json

import pytest

from tests.helpers import AWARD_HEADER, MODELS, OFFER_HEADER, P1, P2, insz, offer, query, run_pipeline, write

COUNTRY = "http://publications.europa.eu/resource/authority/country/"
SPEC = "https://hogeschool.test/microcredentials/DIGI"

# A v2 catalogue: the two new columns at the end. Every offer starts on 1 January 2024 (the helper's default).
V2_OFFERS = "\n".join(
    [
        OFFER_HEADER + ";soort;erkenning",
        offer("K1", P1, "HO") + ";MICROCREDENTIAL;CREDITBEWIJS",  # recognised
        offer("K2", P1, "HO") + ";opleidingsonderdeel;creditbewijs|VRIJSTELLING",  # codes in lower case are read
        offer("K3", P2, "CVO") + ";DEELCERTIFICAAT;GEEN",  # recognition known: none
        offer("K4", P2, "CVO") + ";;",  # kind and recognition not given: unknown
        offer("K5", P2, "CVO") + ";POSTGRADUAAT;VRIJSTELLING|ECTS",  # two field issues: both unknown
        offer("K6", P1, "HO") + ";EVC;GEEN|BEROEPSKWALIFICATIE",  # holds a value other than GEEN: recognised
    ]
)
# A catalogue still in the v1 layout, without the two columns: it loads, kind and recognition unknown.
V1_OFFERS = "\n".join([OFFER_HEADER, offer("K7", P2, "CVO")])

L1, L2, L3, L4, L5 = (insz(f"198{i}-0{i}-1{i}", 10 + i) for i in range(1, 6))
L6, L7 = insz("1975-05-05", 31), insz("1968-08-08", 42)
AWARDS = f"""\
{AWARD_HEADER}
{L1};{P1};K1;2025-01-10;BEHAALD;2025-03-01;11002;MIDDEN;WERKEND
{L2};{P2};K3;2025-01-15;BEHAALD;2025-04-01;44021;HOOG;WERKEND
{L3};{P1};K2;2025-02-01;BEHAALD;2025-05-01;24062;HOOG;WERKEND
{L4};{P2};K3;2025-02-01;GESTOPT;;44021;LAAG;WERKZOEKEND
{L5};{P1};K1;2024-02-01;BEHAALD;2024-06-01;31005;MIDDEN;STUDENT
{L6};{P1};{SPEC};2025-06-30;BEHAALD;2025-06-30;71022;HOOG;WERKEND
"""


def credential(national_id: str, id_country: str, awarded: str, issuer_country: str | None = None) -> dict:
    body = {"legalName": {"nl": "Hogeschool Test"}, "registration": {"notation": P1}}
    if issuer_country:
        body["location"] = {"address": {"countryCode": {"id": COUNTRY + issuer_country}}}
    spec = {"id": SPEC, "title": {"nl": "Digitaal leren"}, "learningOutcome": [{"title": {"nl": "Leerresultaat"}}]}
    claim = {
        "type": "LearningAchievement",
        "awardedBy": {"awardingBody": [body]},
        "specifiedBy": spec,
        "provenBy": {"dateIssued": awarded},
    }
    subject = {"nationalID": {"notation": national_id, "spatial": {"id": COUNTRY + id_country}}, "hasClaim": [claim]}
    return {"issuanceDate": awarded, "credentialSubject": subject}


CREDENTIALS = {
    # L6's CSV row above has the same key (learner, provider, offer, enrolment date): the credential's file sorts
    # later, so the award that counts arrived as a credential. L7 has a credential only.
    "awards/elm/l6.json": credential(L6, "BEL", "2025-06-30T12:00:00Z", "BEL"),
    "awards/elm/l7.json": credential(L7, "BEL", "2025-07-15T12:00:00Z", "BEL"),
    # Learners without a Belgian ID (not_flemish_id): the foreign credentials, by the issuer's country.
    "awards/elm/f1.json": credential("NL-123456789", "NLD", "2025-03-03T09:00:00Z", "BEL"),
    "awards/elm/f2.json": credential("DE-987654321", "DEU", "2025-04-04T09:00:00Z", "NLD"),
    "awards/elm/f3.json": credential("FR-555", "FRA", "2025-05-05T09:00:00Z", "NLD"),
    "awards/elm/f4.json": credential("NL-222", "NLD", "2025-06-06T09:00:00Z"),
    "awards/elm/f5.json": credential("NL-333", "NLD", "2024-05-05T09:00:00Z", "BEL"),
}


def kinds_zone(root, **settings):
    landing = root / "landing"
    write(landing, "offers/catalogus_v2.csv", V2_OFFERS + "\n")
    write(landing, "offers/catalogus_v1.csv", V1_OFFERS + "\n")
    write(landing, "awards/a.csv", AWARDS)
    for path, document in CREDENTIALS.items():
        write(landing, path, json.dumps(document))
    assert run_pipeline(landing, root / "data", **settings, selection=MODELS).success
    return root / "data" / "internal" / "pipeline.duckdb"


@pytest.fixture(scope="module")
def zone(tmp_path_factory):
    """MCMON_MIN_CELL=1: nothing suppressed, so every hand-computed value is visible."""
    return kinds_zone(tmp_path_factory.mktemp("kinds"), min_cell=1)


@pytest.fixture(scope="module")
def zone_suppressed(tmp_path_factory):
    """The default MCMON_MIN_CELL of 5."""
    return kinds_zone(tmp_path_factory.mktemp("kinds_default"))


def values(internal, indicator, year, dimension="total"):
    """{dimension_value: (value, numerator, denominator)} of one indicator, year and breakdown (published)."""
    rows = query(
        internal,
        "SELECT dimension_value, value, numerator, denominator FROM marts.indicator_values "
        "WHERE indicator_id = $1 AND year = $2 AND dimension = $3",
        [indicator, year, dimension],
    )
    return {v: (value, numerator, denominator) for v, value, numerator, denominator in rows}


def test_offers_carry_their_kind_and_recognition(zone):
    rows = query(
        zone, "SELECT offer_id, offer_source, credential_kind, recognition FROM marts.offers ORDER BY offer_id"
    )
    assert rows == [
        ("K1", "catalogus", "MICROCREDENTIAL", ["CREDITBEWIJS"]),
        ("K2", "catalogus", "OPLEIDINGSONDERDEEL", ["CREDITBEWIJS", "VRIJSTELLING"]),
        ("K3", "catalogus", "DEELCERTIFICAAT", ["GEEN"]),
        ("K4", "catalogus", None, None),
        ("K5", "catalogus", None, None),
        ("K6", "catalogus", "EVC", ["GEEN", "BEROEPSKWALIFICATIE"]),
        ("K7", "catalogus", None, None),  # the v1 file
        # Defined by the credentials only: a micro-credential, its recognition unknown.
        (SPEC, "elm", "MICROCREDENTIAL", None),
    ]


def test_both_layouts_load_whole_and_the_v2_columns_are_read_not_extra(zone):
    rows = query(
        zone,
        "SELECT file, status, rows_received, rows_loaded, rows_quarantined, extra_columns FROM dq.files "
        "WHERE source = 'offers' ORDER BY file",
    )
    assert rows == [
        ("offers/catalogus_v1.csv", "loaded", 1, 1, 0, None),
        ("offers/catalogus_v2.csv", "loaded", 6, 6, 0, None),
    ]


def test_an_unknown_code_is_a_field_issue_in_the_providers_feedback(zone):
    issues = query(
        zone,
        "SELECT line, field, raw_value, reason FROM staging.field_issues "
        "WHERE field IN ('soort', 'erkenning') ORDER BY line, field",
    )
    assert issues == [
        (6, "erkenning", "VRIJSTELLING|ECTS", "invalid_code"),
        (6, "soort", "POSTGRADUAAT", "invalid_code"),
    ]
    feedback = query(
        zone,
        "SELECT recipient, field, explanation FROM staging.provider_feedback WHERE field IN ('soort', 'erkenning')",
    )
    assert {(recipient, field) for recipient, field, _ in feedback} == {(P2, "soort"), (P2, "erkenning")}
    assert all(explanation.startswith("Ongeldige code") for _, _, explanation in feedback)


def test_offer_count_by_kind_of_credential(zone):
    # 2025: K1-K7 (from 2024) and the credential's offer (from its first award, 30 June 2025).
    assert values(zone, "offer_count", 2025, "credential_kind") == {
        "MICROCREDENTIAL": (2, 2, None),  # K1 and the credential's offer
        "OPLEIDINGSONDERDEEL": (1, 1, None),  # K2
        "DEELCERTIFICAAT": (1, 1, None),  # K3
        "EVC": (1, 1, None),  # K6
        "ONBEKEND": (3, 3, None),  # K4 empty, K5 invalid, K7 v1 file
    }
    assert values(zone, "offer_count", 2024, "credential_kind")["MICROCREDENTIAL"] == (1, 1, None)  # K1 only
    # Only offer_count is broken down by kind.
    other = query(zone, "SELECT DISTINCT indicator_id FROM marts.indicator_values WHERE dimension = 'credential_kind'")
    assert other == [("offer_count",)]


def test_share_recognised_counts_offers_with_a_known_recognition(zone):
    # Known: K1, K2, K3, K6 (K4 empty, K5 invalid, K7 v1, the credential's offer: unknown); recognised: K1, K2, K6.
    assert values(zone, "offer_share_recognised", 2025) == {"total": pytest.approx((75, 3, 4))}
    # HO: K1, K2, K6 known and recognised (the credential's offer, HO, is unknown); CVO: K3 known, GEEN.
    assert values(zone, "offer_share_recognised", 2025, "provider_type") == {"HO": (100, 3, 3), "CVO": (0, 0, 1)}
    assert values(zone, "offer_share_recognised", 2025, "purpose") == {"ARBEIDSMARKT": pytest.approx((75, 3, 4))}


def test_share_of_awards_that_arrived_as_credentials(zone):
    # 2025 awards: L1 K1, L2 K3, L3 K2 (files), L6 (its credential wins over its CSV row), L7 (credential): 2 of 5.
    assert values(zone, "award_share_digital", 2025) == {"total": pytest.approx((40, 2, 5))}
    assert values(zone, "award_share_digital", 2025, "provider_type") == {"HO": (50, 2, 4), "CVO": (0, 0, 1)}
    # 2024: L5's award, from a file.
    assert values(zone, "award_share_digital", 2024) == {"total": (0, 0, 1)}
    # Its denominator is the awards indicator's number.
    assert values(zone, "awards", 2025) == {"total": (5, 5, None)}


def test_foreign_credentials_by_issuer_country(zone):
    # 2025: f1 (issued in Belgium), f2 and f3 (the Netherlands), f4 (no country); 2024: f5.
    assert values(zone, "foreign_credentials", 2025) == {"total": (4, 4, None)}
    assert values(zone, "foreign_credentials", 2025, "issuer_country") == {
        "BE": (1, 1, None),
        "NL": (2, 2, None),
        "ONBEKEND": (1, 1, None),
    }
    assert values(zone, "foreign_credentials", 2024, "issuer_country") == {"BE": (1, 1, None)}
    labels = query(
        zone,
        "SELECT dimension_value, label_nl FROM ref.dimension_labels "
        "WHERE dimension = 'issuer_country' AND dimension_value IN ('BE', 'NL', 'ONBEKEND') ORDER BY 1",
    )
    assert labels == [("BE", "België"), ("NL", "Nederland"), ("ONBEKEND", "Onbekend")]


def test_learner_based_indicators_of_e_are_suppressed_and_audited(zone_suppressed):
    hidden = query(
        zone_suppressed,
        "SELECT indicator_id, year, dimension, dimension_value FROM marts.indicator_values "
        "WHERE suppressed AND indicator_id IN ('award_share_digital', 'foreign_credentials') ORDER BY ALL",
    )
    assert hidden == [
        ("award_share_digital", 2024, "provider_type", "HO"),  # denominator 1
        ("award_share_digital", 2024, "total", "total"),
        ("award_share_digital", 2025, "provider_type", "CVO"),  # denominator 1
        ("award_share_digital", 2025, "provider_type", "HO"),  # 2 of 4
        ("award_share_digital", 2025, "total", "total"),  # 2 of 5
        ("foreign_credentials", 2024, "issuer_country", "BE"),
        ("foreign_credentials", 2024, "total", "total"),
        ("foreign_credentials", 2025, "issuer_country", "BE"),
        ("foreign_credentials", 2025, "issuer_country", "NL"),
        ("foreign_credentials", 2025, "issuer_country", "ONBEKEND"),
        ("foreign_credentials", 2025, "total", "total"),
    ]
    # The offer indicators are about offers, not persons: never hidden.
    assert query(
        zone_suppressed,
        "SELECT count(*) FROM marts.indicator_values WHERE suppressed AND indicator_id "
        "IN ('offer_count', 'offer_share_recognised')",
    ) == [(0,)]
    # The audit relates the digital share's denominator to the awards and the countries to their total.
    relations = query(
        zone_suppressed,
        "SELECT DISTINCT relation_kind, indicator_id FROM marts.disclosure_relations "
        "WHERE relation_id LIKE '%award_share_digital%' OR relation_id LIKE '%foreign_credentials%' ORDER BY ALL",
    )
    assert relations == [
        ("breakdown_sum", "award_share_digital"),
        ("breakdown_sum", "foreign_credentials"),
        ("part_of_whole", "award_share_digital"),
        ("same_number", "award_share_digital"),
        ("same_number", "awards"),
    ]
