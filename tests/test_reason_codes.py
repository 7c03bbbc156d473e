"""Every reason code of the contract on a small crafted landing zone: file, line, reason, field,
and per-file reconciliation (received = loaded + quarantined + duplicate)."""

import json

import pytest

from tests.helpers import MODELS, query, run_pipeline, write

OFFERS = """\
mc_id;aanbieder_id;aanbieder_naam;aanbieder_type;titel;land_regio;leeruitkomsten;omvang_waarde;omvang_eenheid;niveau_kader;niveau;startdatum;einddatum;laatst_gewijzigd
MC1;0123.456.749;Hogeschool Test;HO;Data-analyse met Python;BE-VLG;Python|SQL;3;ECTS;VKS;5;2024-01-01;;2024-01-01
MC2;0123456749;Hogeschool Test;ho;Excel;Vlaanderen;;vijf;ECTS;NVT;4;01/09/2024;2023-01-01;

;0123456749;Hogeschool Test;HO;Zonder id;;;;;;;2024-01-01;;
MC4;0123456749;Hogeschool Test;UNIVERSITEIT;Onbekend type;;;;;;;2024-01-01;;
MC5;0123.456.748;Hogeschool Test;HO;Foute KBO;;;;;;;2024-01-01;;
MC6;0123456749;Hogeschool Test;HO;Foute datum;;;;;;;31/02/2024;;
MC7;0123456749;HO
MC1;0123.456.749;Hogeschool Test;HO;Data-analyse met Python;BE-VLG;Python|SQL;3;ECTS;VKS;5;2024-01-01;;2024-01-01
"""

AWARDS = """\
insz;aanbieder_id;mc_id;inschrijvingsdatum;status;uitreikingsdatum;woonplaats_nis;onderwijsniveau;arbeidsmarktstatus;resultaat
85073003328;0123456749;MC1;2024-02-01;BEHAALD;2024-05-01;44021;MIDDEN;WERKEND;14/20
85073003329;0123456749;MC1;2024-02-01;BEHAALD;2024-05-01;44021;MIDDEN;WERKEND;14/20
;0123456749;MC1;2024-02-01;BEHAALD;2024-05-01;44021;MIDDEN;WERKEND;14/20
85073003328;0123456749;MC1;2024-02-02;KLAAR;2024-05-01;44021;MIDDEN;WERKEND;
85073003328;0123456749;MC1;2024-02-03;BEHAALD;;44021;MIDDEN;WERKEND;
85073003328;0123456749;MC1;2024-02-04;BEHAALD;2024-01-01;44021;MIDDEN;WERKEND;
85073003328;0123456749;MC99;2024-02-05;BEHAALD;2024-05-01;44021;MIDDEN;WERKEND;
85073003328;0123456749;MC1;2024-02-06;GESTOPT;2024/01/01;123;MIDDEN;WERKEND;
"""

POPULATION = """\
jaar,provincie_nis,geslacht,leeftijdsklasse,aantal
2024,10000,M,25-34,120000
twintig,10000,V,25-34,118000
"""

ODB_WITHOUT_STATUS = """\
erkenningsnummer;opleidingsnaam;aanbieder_id
EO-1000091;Excel;0123456749
EO-1000092;Word;0123456749
"""

FOREIGN_CREDENTIAL = {
    "issuanceDate": "2025-03-01T10:00:00Z",
    "credentialSubject": {
        "nationalID": {
            "notation": "12345",
            "spatial": {"id": "http://publications.europa.eu/resource/authority/country/ESP"},
        },
        "hasClaim": {
            "type": "LearningAchievement",
            "awardedBy": {
                "awardingBody": {"legalName": {"en": "Hogeschool Test"}, "registration": {"notation": "0123456749"}}
            },
            "specifiedBy": {"id": "urn:test:mc:9", "title": {"nl": "Spaanse credential"}},
            "provenBy": {"dateIssued": "2025-03-01T10:00:00Z"},
        },
    },
}


@pytest.fixture(scope="module")
def internal(tmp_path_factory):
    root = tmp_path_factory.mktemp("reasons")
    landing = root / "landing"
    write(landing, "offers/a_catalogus.csv", OFFERS)
    write(landing, "offers/scan.csv", b"PK\x03\x04\x00\x00binary\x00")
    write(landing, "awards/a_2024.csv", AWARDS)
    write(landing, "population/bevolking.csv", POPULATION)
    write(landing, "odb/odb.csv", ODB_WITHOUT_STATUS)
    write(landing, "awards/elm/spaans.json", json.dumps(FOREIGN_CREDENTIAL))
    assert run_pipeline(landing, root / "data", selection=MODELS).success
    return root / "data" / "internal" / "pipeline.duckdb"


def quarantined(internal, file, line):
    return query(internal, "SELECT reason, field FROM staging.quarantine WHERE file = $1 AND line = $2", [file, line])


@pytest.mark.parametrize(
    ("file", "line", "reason", "field"),
    [
        ("offers/a_catalogus.csv", 5, "missing_required", "mc_id"),  # line 4 is blank: not a row
        ("offers/a_catalogus.csv", 6, "invalid_code", "aanbieder_type"),
        ("offers/a_catalogus.csv", 7, "invalid_code", "aanbieder_id"),
        ("offers/a_catalogus.csv", 8, "invalid_date", "startdatum"),
        ("offers/a_catalogus.csv", 9, "malformed_row", None),
        ("awards/a_2024.csv", 3, "invalid_insz", "insz"),
        ("awards/a_2024.csv", 4, "missing_required", "insz"),
        ("awards/a_2024.csv", 5, "invalid_code", "status"),
        ("awards/a_2024.csv", 6, "invalid_date", "uitreikingsdatum"),
        ("awards/a_2024.csv", 7, "out_of_range", "uitreikingsdatum"),
        ("awards/a_2024.csv", 8, "unknown_offer", "mc_id"),
        ("population/bevolking.csv", 3, "invalid_number", "jaar"),
        ("awards/elm/spaans.json", 1, "not_flemish_id", "credentialSubject.nationalID.notation"),
    ],
)
def test_row_is_quarantined_with_reason_file_line_and_field(internal, file, line, reason, field):
    assert quarantined(internal, file, line) == [(reason, field)]


def test_quarantine_message_names_file_line_and_field_in_dutch(internal):
    (message,) = query(
        internal, "SELECT message FROM staging.quarantine WHERE file = 'offers/a_catalogus.csv' AND line = 8"
    )[0]
    assert message.startswith("offers/a_catalogus.csv, regel 8, veld startdatum: Ongeldige datum")


@pytest.mark.parametrize(
    ("file", "reason", "received"),
    [("offers/scan.csv", "file_unreadable", 0), ("odb/odb.csv", "missing_column", 2)],
)
def test_rejected_files_are_listed_with_reason_and_rows(internal, file, reason, received):
    rows = query(
        internal,
        "SELECT status, reason, rows_received, rows_loaded, rows_quarantined, rows_duplicate, reconciles "
        "FROM dq.files WHERE file = $1",
        [file],
    )
    assert rows == [("rejected", reason, received, 0, 0, 0, True)]


def test_missing_column_message_names_the_column(internal):
    (message,) = query(internal, "SELECT message FROM dq.files WHERE file = 'odb/odb.csv'")[0]
    assert "status" in message


def test_field_issues_null_the_value_but_keep_the_row(internal):
    issues = query(
        internal, "SELECT file, line, field, raw_value, reason FROM staging.field_issues ORDER BY file, line, field"
    )
    assert issues == [
        ("awards/a_2024.csv", 9, "uitreikingsdatum", "2024/01/01", "invalid_date"),
        ("awards/a_2024.csv", 9, "woonplaats_nis", "123", "invalid_code"),
        ("offers/a_catalogus.csv", 3, "einddatum", "2023-01-01", "out_of_range"),
        ("offers/a_catalogus.csv", 3, "land_regio", "Vlaanderen", "invalid_code"),
        ("offers/a_catalogus.csv", 3, "niveau", "4", "out_of_range"),
        ("offers/a_catalogus.csv", 3, "omvang_waarde", "vijf", "invalid_number"),
    ]
    offer = query(
        internal,
        "SELECT provider_type, volume_value, level, valid_to, issuer_region FROM staging.offers WHERE offer_id = 'MC2'",
    )
    assert offer == [("HO", None, None, None, None)]
    award = query(internal, "SELECT status, awarded_on, residence_nis, province FROM staging.awards WHERE line = 9")
    assert award == [("GESTOPT", None, None, "ONBEKEND")]


def test_exact_duplicate_is_counted_once(internal):
    assert query(internal, "SELECT count(*) FROM staging.offers WHERE offer_id = 'MC1'") == [(1,)]
    rows = query(internal, "SELECT rows_duplicate FROM dq.files WHERE file = 'offers/a_catalogus.csv'")
    assert rows == [(1,)]


@pytest.mark.parametrize(
    ("file", "received", "loaded", "quarantined", "duplicate"),
    [
        ("offers/a_catalogus.csv", 8, 2, 5, 1),
        ("awards/a_2024.csv", 8, 2, 6, 0),
        ("population/bevolking.csv", 2, 1, 1, 0),
        ("awards/elm/spaans.json", 1, 0, 1, 0),
    ],
)
def test_every_file_reconciles(internal, file, received, loaded, quarantined, duplicate):
    rows = query(
        internal,
        "SELECT rows_received, rows_loaded, rows_quarantined, rows_duplicate, reconciles FROM dq.files WHERE file = $1",
        [file],
    )
    assert rows == [(received, loaded, quarantined, duplicate, True)]


def test_missing_sources_are_reported(internal):
    missing = query(internal, "SELECT source FROM dq.sources WHERE is_missing ORDER BY source")
    assert missing == [("bottlenecks",), ("projections",)]
