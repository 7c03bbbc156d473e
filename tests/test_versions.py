"""Key and version rules: which row of a key is current, and that versions are not duplicates."""

import datetime as dt

import pytest

from tests.helpers import MODELS, query, run_pipeline, write

OFFER_HEADER = "mc_id;aanbieder_id;aanbieder_type;titel;startdatum;laatst_gewijzigd"
AWARD_HEADER = "insz;aanbieder_id;mc_id;inschrijvingsdatum;status;uitreikingsdatum"


@pytest.fixture(scope="module")
def internal(tmp_path_factory):
    root = tmp_path_factory.mktemp("versions")
    landing = root / "landing"
    write(
        landing,
        "offers/a.csv",
        f"""\
        {OFFER_HEADER}
        MC1;0123456749;HO;versie maart;2024-01-01;2024-03-01
        MC1;0123.456.749;HO;versie januari;2024-01-01;15/01/2024
        MC2;0123456749;HO;zonder datum, later bestand;2024-01-01;
        MC3;0123456749;HO;gelijke datum, vroeger bestand;2024-01-01;2024-05-01
        MC4;0123456749;HO;lijn 6;2024-01-01;2024-05-01
        MC4;0123456749;HO;lijn 7, wint;2024-01-01;2024-05-01
        """,
    )
    write(
        landing,
        "offers/b.csv",
        f"""\
        {OFFER_HEADER}
        MC1;0123456749;HO;versie februari, later bestand;2024-01-01;2024-02-01
        MC2;0123456749;HO;met datum;2024-01-01;2023-01-01
        MC3;0123456749;HO;gelijke datum, later bestand;2024-01-01;2024-05-01
        """,
    )
    write(
        landing,
        "awards/a.csv",
        f"""\
        {AWARD_HEADER}
        85.07.30-033.28;0123.456.749;MC1;01/02/2024;INGESCHREVEN;
        """,
    )
    write(
        landing,
        "awards/b.csv",
        f"""\
        {AWARD_HEADER}
        85073003328;0123456749;MC1;2024-02-01;BEHAALD;2024-06-30
        """,
    )
    write(landing, "odb/odb_2025.csv", "erkenningsnummer;aanbieder_id;status;vov\nEO-1;0123456749;ACTIEF;J\n")
    write(landing, "odb/odb_2026.csv", "erkenningsnummer;aanbieder_id;status;vov\nEO-1;0123456749;GESCHRAPT;N\n")
    assert run_pipeline(landing, root / "data", selection=MODELS).success
    return root / "data" / "internal" / "pipeline.duckdb"


@pytest.mark.parametrize(
    ("offer", "title"),
    [
        ("MC1", "versie maart"),  # latest laatst_gewijzigd wins, whatever the file
        ("MC2", "met datum"),  # a version without a valid date sorts oldest
        ("MC3", "gelijke datum, later bestand"),  # tie: the file that sorts last
        ("MC4", "lijn 7, wint"),  # tie in one file: the later line
    ],
)
def test_current_offer_version(internal, offer, title):
    assert query(internal, "SELECT title FROM staging.offers WHERE offer_id = $1 AND is_current", [offer]) == [(title,)]


def test_older_versions_are_kept_and_count_as_loaded(internal):
    assert query(internal, "SELECT count(*) FROM staging.offers WHERE offer_id = 'MC1'") == [(3,)]
    assert query(internal, "SELECT sum(rows_loaded), sum(rows_duplicate) FROM dq.files WHERE source = 'offers'") == [
        (9, 0)
    ]
    assert query(internal, "SELECT count(*) FROM marts.offers") == [(4,)]


def test_award_key_compares_normalised_insz_kbo_and_date(internal):
    rows = query(internal, "SELECT file, status, awarded_on, is_current FROM staging.awards ORDER BY file")
    assert rows == [
        ("awards/a.csv", "INGESCHREVEN", None, False),
        ("awards/b.csv", "BEHAALD", dt.date(2024, 6, 30), True),
    ]


def test_odb_latest_file_wins(internal):
    assert query(internal, "SELECT status, vov FROM staging.odb WHERE is_current") == [("GESCHRAPT", False)]
