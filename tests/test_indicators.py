"""Every indicator of indicators.md on small landing zones whose expected values are worked out by hand
in the comments. `value` is what an analyst reads; numerator and denominator are checked too."""

import openpyxl
import pytest

from pipelines.landing.contract import PROJECTIONS
from tests.helpers import AWARD_HEADER, MODELS, OFFER_HEADER, P1, P2, insz, offer, query, run_pipeline, write


def values(internal, indicator, year, dimension="total", table="marts.indicator_values"):
    """{dimension_value: (value, numerator, denominator)} of one indicator, year and breakdown."""
    rows = query(
        internal,
        f"SELECT dimension_value, value, numerator, denominator FROM {table} "
        "WHERE indicator_id = $1 AND year = $2 AND dimension = $3",
        [indicator, year, dimension],
    )
    return {v: (value, numerator, denominator) for v, value, numerator, denominator in rows}


def approx_each(expected: dict) -> dict:
    """pytest.approx per breakdown value (it does not nest)."""
    return {key: pytest.approx(value) for key, value in expected.items()}


def total(internal, indicator, year):
    return values(internal, indicator, year)["total"]


# --- A and B: offer and transparency -----------------------------------------------------------------

OFFERS = (
    "\n".join(
        [
            OFFER_HEADER,
            # O1: complies with everything; 3 ECTS (not below the threshold); linked to an active VOV record.
            offer("O1", P1, "HO", stackable="J", partners=P2, odb="EO-1", start="2023-03-01"),
            # O2: 2 ECTS (below), EQF 6, personal development, assessment GEEN (element 09 fails); ODB gives no VOV.
            offer(
                "O2",
                P1,
                "HO",
                volume="2",
                framework="EQF",
                level="6",
                assessment="GEEN",
                form="FYSIEK",
                purpose="PERSOONLIJK",
                odb="EO-2",
            ),
            # O3: no title (02 fails); 40 hours; purpose BEIDE; linked ODB record is struck off.
            offer(
                "O3",
                P2,
                "CVO",
                title="",
                isced="0413",
                volume="40",
                unit="UUR",
                level="4",
                form="HYBRIDE",
                purpose="BEIDE",
                odb="EO-3",
            ),
            # O4: 20 lestijden (below); NVT without level (08 complies); no participation form (10 fails), no purpose,
            #     no ISCED; its ODB record ran out before 1 January 2024.
            offer(
                "O4",
                P2,
                "CVO",
                isced="",
                volume="20",
                unit="LESTIJD",
                framework="NVT",
                level="",
                form="",
                purpose="",
                odb="EO-4",
            ),
            # O5: unit ANDER (07 complies, no threshold); NVT with a level (field issue: 08 fails); invalid region
            #     (03 fails); no quality assurance (11 fails).
            offer(
                "O5",
                P2,
                "CVO",
                region="Vlaanderen",
                isced="0011",
                volume="5",
                unit="ANDER",
                framework="NVT",
                level="3",
                quality="",
            ),
            # O6: active in 2023 only; O7: starts after the report year.
            offer("O6", P1, "HO", volume="6", start="2023-01-01", end="2023-06-30"),
            offer("O7", P1, "HO", start="2025-01-01"),
        ]
    )
    + "\n"
)

ODB = """\
erkenningsnummer;aanbieder_id;status;vov;opleidingscheques;geldig_tot;opleidingskrediet
EO-1;0123456749;ACTIEF;J;N;;N
EO-2;0123456749;ACTIEF;N;N;;J
EO-3;0403563451;GESCHRAPT;J;J;;J
EO-4;0403563451;ACTIEF;N;J;2023-12-31;J
"""


@pytest.fixture(scope="module")
def offers_zone(tmp_path_factory):
    root = tmp_path_factory.mktemp("offers")
    write(root / "landing", "offers/catalogus.csv", OFFERS)
    write(root / "landing", "odb/odb.csv", ODB)
    # One award fixes the report year at 2024 (the latest year with an enrolment or award date).
    write(
        root / "landing",
        "awards/a.csv",
        f"{AWARD_HEADER}\n{insz('1985-07-30', 33)};{P1};O1;2024-02-01;BEHAALD;2024-03-01;11002;MIDDEN;WERKEND\n",
    )
    assert run_pipeline(root / "landing", root / "data", selection=MODELS).success
    return root / "data" / "internal" / "pipeline.duckdb"


def test_offer_years_run_from_the_first_offer_start_to_the_report_year(offers_zone):
    assert query(offers_zone, "SELECT year, report_year FROM intermediate.report_years ORDER BY year") == [
        (2023, 2024),
        (2024, 2024),
    ]


@pytest.mark.parametrize(
    ("indicator", "expected"),
    [
        ("offer_count", (5, 5, None)),  # O1-O5 are active in 2024; O6 ended in 2023, O7 starts in 2025
        ("offer_share_ects", (40, 2, 5)),  # O1, O2
        ("offer_share_levelled", (60, 3, 5)),  # O1 VKS 5, O2 EQF 6, O3 VKS 4
        ("offer_share_stackable", (20, 1, 5)),  # O1
        ("offer_share_joint", (20, 1, 5)),  # O1 has a partner
        ("offer_share_lifewide", (40, 2, 5)),  # O2 PERSOONLIJK, O3 BEIDE
        ("offer_share_incentive", (20, 1, 5)),  # O1 only: EO-2 gives no VOV, EO-3 struck off, EO-4 expired
        ("offer_share_below_threshold", (50, 2, 4)),  # O2 (2 ECTS) and O4 (20 lestijden) of O1-O4; O5 is ANDER
        ("transparency_complete", (20, 1, 5)),  # O1
        ("transparency_element_02", (80, 4, 5)),  # O3 has no title
        ("transparency_element_03", (80, 4, 5)),  # O5's region is invalid
        ("transparency_element_04", (100, 5, 5)),
        ("transparency_element_06", (100, 5, 5)),
        ("transparency_element_07", (100, 5, 5)),  # ANDER counts
        ("transparency_element_08", (80, 4, 5)),  # O5: a level with NVT; O4: NVT without level complies
        ("transparency_element_09", (80, 4, 5)),  # O2: GEEN
        ("transparency_element_10", (80, 4, 5)),  # O4: no participation form
        ("transparency_element_11", (80, 4, 5)),  # O5: no quality assurance
    ],
)
def test_offer_and_transparency_totals_2024(offers_zone, indicator, expected):
    assert total(offers_zone, indicator, 2024) == pytest.approx(expected)


def test_offer_breakdowns_place_missing_values_under_onbekend(offers_zone):
    assert values(offers_zone, "offer_count", 2024, "provider_type") == {"HO": (2, 2, None), "CVO": (3, 3, None)}
    assert values(offers_zone, "offer_count", 2024, "level") == {
        "5": (1, 1, None),
        "6": (1, 1, None),
        "4": (1, 1, None),
        "NVT": (2, 2, None),
    }
    assert values(offers_zone, "offer_count", 2024, "purpose") == {
        "ARBEIDSMARKT": (2, 2, None),
        "PERSOONLIJK": (1, 1, None),
        "BEIDE": (1, 1, None),
        "ONBEKEND": (1, 1, None),
    }
    assert values(offers_zone, "offer_count", 2024, "isced_broad") == {
        "06": (2, 2, None),
        "04": (1, 1, None),
        "ONBEKEND": (1, 1, None),
        "00": (1, 1, None),
    }
    assert values(offers_zone, "offer_count", 2024, "participation_form") == {
        "ONLINE": (2, 2, None),
        "FYSIEK": (1, 1, None),
        "HYBRIDE": (1, 1, None),
        "ONBEKEND": (1, 1, None),
    }


def test_below_threshold_has_no_row_where_no_offer_has_a_threshold_unit(offers_zone):
    # CVO: O3 (40 UUR, not below) and O4 (20 LESTIJD, below) count; O5 (ANDER) does not.
    assert values(offers_zone, "offer_share_below_threshold", 2024, "provider_type")["CVO"] == pytest.approx((50, 1, 2))
    # purpose ONBEKEND holds only O4: 1 of 1.
    assert values(offers_zone, "offer_share_below_threshold", 2024, "purpose")["ONBEKEND"] == (100, 1, 1)


def test_offers_carry_the_incentives_their_odb_record_gives_in_the_report_year(offers_zone):
    """marts.offers, as the offer browser filters it: (VOV, opleidingscheques, opleidingskrediet) per offer in 2024."""
    assert query(
        offers_zone,
        "SELECT offer_id, incentive_vov, incentive_vouchers, incentive_credit FROM marts.offers ORDER BY offer_id",
    ) == [
        ("O1", True, False, False),  # EO-1: active, VOV
        ("O2", False, False, True),  # EO-2: active, opleidingskrediet only
        ("O3", False, False, False),  # EO-3: struck off
        ("O4", False, False, False),  # EO-4: ran out on 31 December 2023, before the report year
        ("O5", False, False, False),  # O5-O7: no ODB number
        ("O6", False, False, False),
        ("O7", False, False, False),
    ]


def test_offer_indicators_of_an_earlier_year(offers_zone):
    # 2023: O1 (from March) and O6 (until June); both in ECTS; EO-1 covers O1.
    assert total(offers_zone, "offer_count", 2023) == (2, 2, None)
    assert total(offers_zone, "offer_share_ects", 2023) == (100, 2, 2)
    assert total(offers_zone, "offer_share_incentive", 2023) == (50, 1, 2)


def test_offer_indicators_are_never_suppressed(offers_zone):
    hidden = query(
        offers_zone, "SELECT count(*) FROM marts.indicator_values WHERE suppressed AND indicator_id LIKE 'offer%'"
    )
    assert hidden == [(0,)]


# --- C: participation ------------------------------------------------------------------------------

L1 = insz("1985-04-12", 21)  # man, 40 in 2025
L2 = insz("1970-01-05", 44)  # woman, 55 in 2025
L3 = insz("1955-06-30", 13)  # man, 70 in 2025
L4 = insz("1990-11-11", 2)  # woman, 35 in 2025, lives in Brussels
L5 = insz("1980-03-03", 7, month_offset=20)  # BIS number, sex unknown (X), 45 in 2025
L6 = insz("2003-08-08", 88)  # woman, 22 in 2025

PARTICIPATION_OFFERS = (
    "\n".join(
        [
            OFFER_HEADER,
            offer("CA", P1, "HO", purpose="ARBEIDSMARKT", isced="0613", start="2023-01-01"),
            offer("CB", P2, "CVO", purpose="PERSOONLIJK", isced="0413", start="2023-01-01"),
            offer("CC", P1, "HO", purpose="", isced="0211", start="2023-01-01"),
        ]
    )
    + "\n"
)

ENROLMENTS = f"""\
{AWARD_HEADER}
{L1};{P1};CA;2025-01-10;BEHAALD;2025-03-01;11002;MIDDEN;WERKEND
{L1};{P2};CB;2025-02-01;BEHAALD;2025-06-01;44021;HOOG;WERKEND
{L2};{P2};CB;2025-01-15;GESTOPT;;44021;LAAG;WERKZOEKEND
{L2};{P1};CA;2024-09-01;BEHAALD;2025-01-20;44021;LAAG;WERKZOEKEND
{L3};{P1};CA;2025-02-01;BEHAALD;2025-05-01;24062;HOOG;INACTIEF
{L4};{P1};CC;2025-03-01;NIET_GESLAAGD;;21004;;
{L4};{P1};CA;2025-04-01;BEHAALD;2025-09-01;21004;ONBEKEND;
{L5};{P2};CB;2025-05-01;INGESCHREVEN;;71022;HOOG;WERKEND
{L5};{P1};CA;2024-02-01;BEHAALD;2024-06-01;71022;HOOG;WERKEND
{L6};{P1};CC;2025-06-01;BEHAALD;2025-07-01;31005;MIDDEN;STUDENT
{L6};{P2};CB;2023-09-01;BEHAALD;2023-12-01;31005;MIDDEN;STUDENT
"""


def population_2024() -> str:
    # Per sex and age band: Antwerpen 100 000, Vlaams-Brabant 50 000, West-Vlaanderen 60 000,
    # Oost-Vlaanderen 75 000, Limburg 40 000. Aged 25-64 (4 bands x 2 sexes): 800 000, 400 000, 480 000,
    # 600 000, 320 000; Flanders 2 600 000. The 18-24 and 65+ bands must not count.
    per_cell = {"10000": 100_000, "20001": 50_000, "30000": 60_000, "40000": 75_000, "70000": 40_000}
    lines = ["jaar;provincie_nis;geslacht;leeftijdsklasse;aantal"]
    for province, count in per_cell.items():
        for sex in "MV":
            for band in ("18-24", "25-34", "35-44", "45-54", "55-64", "65+"):
                lines.append(f"2024;{province};{sex};{band};{count if band not in ('18-24', '65+') else 999_999}")
    return "\n".join(lines) + "\n"


def participation_zone(root, **settings):
    write(root / "landing", "offers/catalogus.csv", PARTICIPATION_OFFERS)
    write(root / "landing", "awards/a.csv", ENROLMENTS)
    write(root / "landing", "population/bevolking_2024.csv", population_2024())
    assert run_pipeline(root / "landing", root / "data", **settings, selection=MODELS).success
    return root / "data" / "internal" / "pipeline.duckdb"


@pytest.fixture(scope="module")
def participation(tmp_path_factory):
    """MCMON_MIN_CELL=1: nothing suppressed, so every hand-computed value is visible."""
    return participation_zone(tmp_path_factory.mktemp("participation"), min_cell=1)


@pytest.fixture(scope="module")
def participation_suppressed(tmp_path_factory):
    """The default MCMON_MIN_CELL of 5."""
    return participation_zone(tmp_path_factory.mktemp("participation_default"))


def counts(internal, indicator, year, dimension):
    return {k: v[0] for k, v in values(internal, indicator, year, dimension).items()}


def test_enrolments_are_placed_by_their_own_row(participation):
    # 2025 enrolments: rows 1, 2, 3, 5, 6, 7, 8, 10.
    assert total(participation, "enrolments", 2025) == (8, 8, None)
    assert counts(participation, "enrolments", 2025, "provider_type") == {"HO": 5, "CVO": 3}
    assert counts(participation, "enrolments", 2025, "province") == {
        "10000": 1,
        "40000": 2,
        "20001": 1,
        "BUITEN_VLAANDEREN": 2,
        "70000": 1,
        "30000": 1,
    }
    assert counts(participation, "enrolments", 2025, "sex") == {"M": 3, "V": 4, "X": 1}
    assert counts(participation, "enrolments", 2025, "age_band") == {
        "35-44": 4,
        "55-64": 1,
        "65+": 1,
        "45-54": 1,
        "18-24": 1,
    }
    assert counts(participation, "enrolments", 2025, "isced_broad") == {"06": 3, "04": 3, "02": 2}
    assert total(participation, "enrolments", 2024) == (2, 2, None)  # rows 4 and 9


def test_awards_count_by_award_date(participation):
    # 2025 awards: rows 1, 2, 4 (enrolled 2024), 5, 7, 10.
    assert total(participation, "awards", 2025) == (6, 6, None)
    assert counts(participation, "awards", 2025, "provider_type") == {"HO": 5, "CVO": 1}
    assert counts(participation, "awards", 2025, "province") == {
        "10000": 1,
        "40000": 2,
        "20001": 1,
        "BUITEN_VLAANDEREN": 1,
        "30000": 1,
    }
    assert counts(participation, "awards", 2025, "age_band") == {"35-44": 3, "55-64": 1, "65+": 1, "18-24": 1}
    assert total(participation, "awards", 2023) == (1, 1, None)


def test_learner_attributes_come_from_the_latest_award_of_the_year(participation):
    # L1's latest 2025 award (June, Gent, HOOG) wins over March (Antwerpen, MIDDEN).
    assert total(participation, "learners", 2025) == (5, 5, None)  # L1, L2, L3, L4, L6
    assert counts(participation, "learners", 2025, "province") == {
        "40000": 2,
        "20001": 1,
        "BUITEN_VLAANDEREN": 1,
        "30000": 1,
    }
    assert counts(participation, "learners", 2025, "sex") == {"M": 2, "V": 3}
    assert counts(participation, "learners", 2025, "age_band") == {"35-44": 2, "55-64": 1, "65+": 1, "18-24": 1}
    assert counts(participation, "learners", 2025, "education_level") == {
        "HOOG": 2,
        "LAAG": 1,
        "MIDDEN": 1,
        "ONBEKEND": 1,
    }
    assert counts(participation, "learners", 2025, "labour_status") == {
        "WERKEND": 1,
        "WERKZOEKEND": 1,
        "INACTIEF": 1,
        "STUDENT": 1,
        "ONBEKEND": 1,
    }
    assert counts(participation, "learners", 2024, "sex") == {"X": 1}  # L5, a BIS number


def test_two_way_breakdowns_place_learners_by_their_latest_award_and_awards_by_their_own_row(participation):
    # 2025 learners (latest award): L1 Oost-Vlaanderen 35-44 M, L2 Oost-Vlaanderen 55-64 V, L3 Vlaams-Brabant 65+ M,
    # L4 Brussels 35-44 V, L6 West-Vlaanderen 18-24 V. L1's March award in Antwerpen counts among the awards only.
    assert counts(participation, "learners", 2025, "province×age_band") == {
        "40000|35-44": 1,
        "40000|55-64": 1,
        "20001|65+": 1,
        "BUITEN_VLAANDEREN|35-44": 1,
        "30000|18-24": 1,
    }
    assert counts(participation, "learners", 2025, "age_band×sex") == {
        "35-44|M": 1,
        "35-44|V": 1,
        "55-64|V": 1,
        "65+|M": 1,
        "18-24|V": 1,
    }
    assert counts(participation, "learners", 2024, "province×sex") == {"70000|X": 1}  # L5
    # 2025 awards, rows 1, 2, 4, 5, 7 and 10 by their own residence.
    assert counts(participation, "awards", 2025, "province×sex") == {
        "10000|M": 1,
        "40000|M": 1,
        "40000|V": 1,
        "20001|M": 1,
        "BUITEN_VLAANDEREN|V": 1,
        "30000|V": 1,
    }
    assert counts(participation, "awards", 2025, "province×age_band") == {
        "10000|35-44": 1,
        "40000|35-44": 1,
        "40000|55-64": 1,
        "20001|65+": 1,
        "BUITEN_VLAANDEREN|35-44": 1,
        "30000|18-24": 1,
    }
    assert "enrolments" not in {
        i for (i,) in query(participation, "SELECT indicator_id FROM marts.indicator_values WHERE dimension LIKE '%×%'")
    }


def test_each_row_and_column_of_a_two_way_table_sums_to_its_one_way_cell(participation):
    margins = query(
        participation,
        """WITH cells AS (
               SELECT indicator_id, year, dimension, numerator, unnest([1, 2]) AS side,
                      split_part(dimension, '×', side) AS margin, split_part(dimension_value, '|', side) AS value
               FROM marts.indicator_values WHERE dimension LIKE '%×%'
           )
           SELECT c.indicator_id, c.year, c.dimension, c.margin, c.value, sum(c.numerator), any_value(o.numerator)
           FROM cells c
           LEFT JOIN marts.indicator_values o ON (o.indicator_id, o.year, o.dimension, o.dimension_value)
                                               = (c.indicator_id, c.year, c.margin, c.value)
           GROUP BY ALL""",
    )
    assert len(margins) >= 2 * 3 * 2 * 2  # two indicators, three tables, two sides, at least two values
    assert [m for m in margins if m[5] != m[6]] == []


def test_two_way_values_have_dutch_labels(participation):
    labels = dict(
        query(
            participation,
            "SELECT dimension || '=' || dimension_value, label_nl FROM ref.dimension_labels "
            "WHERE dimension_value IN ('30000|25-34', '40000|V', '65+|X')",
        )
    )
    assert labels == {
        "province×age_band=30000|25-34": "West-Vlaanderen | 25 tot 34 jaar",
        "province×sex=40000|V": "Oost-Vlaanderen | Vrouw",
        "age_band×sex=65+|X": "65 jaar en ouder | Onbekend (BIS-nummer)",
    }
    names = dict(query(participation, "SELECT code, label_nl FROM ref.codes WHERE list = 'dimension'"))
    assert [names[d] for d in ("province×age_band", "province×sex", "age_band×sex")] == [
        "Provincie × leeftijdsklasse",
        "Provincie × geslacht",
        "Leeftijdsklasse × geslacht",
    ]


def test_learners_per_1000_counts_flemish_residents_aged_25_to_64(participation):
    # 2025: L1 and L2 (Oost-Vlaanderen) count; L3 is 70, L4 lives in Brussels, L6 is 22.
    # Population 2025 is missing: 2024 is used.
    assert total(participation, "learners_per_1000", 2025) == pytest.approx((2 / 2_600_000 * 1000, 2, 2_600_000))
    provinces = values(participation, "learners_per_1000", 2025, "province")
    assert provinces["40000"] == pytest.approx((2 / 600_000 * 1000, 2, 600_000))
    assert provinces["10000"] == (0, 0, 800_000)  # a rate with numerator 0 is published
    assert set(provinces) == {"10000", "20001", "30000", "40000", "70000"}
    # 2024: L5 (Limburg, 44 in 2024, sex X) counts.
    assert values(participation, "learners_per_1000", 2024, "province")["70000"] == pytest.approx(
        (1 / 320_000 * 1000, 1, 320_000)
    )
    # 2023: no population for 2023 or earlier: no row.
    assert values(participation, "learners_per_1000", 2023, "province") == {}


def test_catalogue_says_which_population_year_was_used(participation):
    (note,) = query(
        participation, "SELECT run_note_nl FROM marts.indicator_catalogue WHERE indicator_id = 'learners_per_1000'"
    )[0]
    assert note == (
        "Gebruikt bevolkingsjaar: 2023: geen bevolkingsgegevens, geen rij; 2025: bevolking van 1 januari 2024"
    )


def test_completion_rate_leaves_ongoing_enrolments_out(participation):
    # 2025 enrolments that ended: rows 1, 2, 5, 7, 10 (BEHAALD), 3 (GESTOPT), 6 (NIET_GESLAAGD); row 8 is ongoing.
    assert total(participation, "completion_rate", 2025) == pytest.approx((500 / 7, 5, 7))
    by_type = values(participation, "completion_rate", 2025, "provider_type")
    assert by_type == approx_each({"HO": (80, 4, 5), "CVO": (50, 1, 2)})


@pytest.mark.parametrize(
    ("indicator", "expected"),
    [
        ("learner_share_low_educated", (25, 1, 4)),  # L2 LAAG of L1, L2, L3, L6 (L4 unknown)
        ("learner_share_jobseeker", (25, 1, 4)),  # L2 of L1, L2, L3, L6 (L4 unknown)
        ("learner_share_55plus", (40, 2, 5)),  # L2 (55) and L3 (70)
        ("learner_share_stacking", (100 / 3, 2, 6)),  # L1 (2) and L6 (2023 + 2025) of six learners so far
        ("learner_share_multi_provider", (100 / 3, 2, 6)),  # L1 and L6 both have P1 and P2
        ("award_share_lifewide", (20, 1, 5)),  # row 2 (CB) of the five 2025 awards with a known purpose
    ],
)
def test_learner_and_award_shares_2025(participation, indicator, expected):
    assert total(participation, indicator, 2025) == pytest.approx(expected)


def test_stacking_is_cumulative(participation):
    assert total(participation, "learner_share_stacking", 2024) == (0, 0, 2)  # L6 (2023), L5 (2024): one each
    assert total(participation, "learner_share_stacking", 2023) == (0, 0, 1)


def test_award_share_lifewide_by_provider_type(participation):
    assert values(participation, "award_share_lifewide", 2025, "provider_type") == {"HO": (0, 0, 4), "CVO": (100, 1, 1)}


# --- Small-cell suppression (default MCMON_MIN_CELL 5) ------------------------------------------------


def suppressed(internal, indicator, year, dimension, value):
    rows = query(
        internal,
        "SELECT suppressed, numerator, denominator, value FROM marts.indicator_values "
        "WHERE indicator_id = $1 AND year = $2 AND dimension = $3 AND dimension_value = $4",
        [indicator, year, dimension, value],
    )
    (row,) = rows
    if row[0]:
        assert row[1:] == (None, None, None)  # a hidden cell hides all its numbers
    return row[0]


@pytest.mark.parametrize(
    ("indicator", "year", "dimension", "value", "hidden"),
    [
        ("enrolments", 2025, "age_band", "35-44", True),  # 4
        ("enrolments", 2025, "provider_type", "HO", True),  # 5, hidden as the complement of CVO (3)
        # 5, but each of its breakdowns has only small cells: published, the total would bound every one of
        # them below 5 (M + V + X = 5 with each at least 1), so the disclosure audit hides it to protect them.
        ("learners", 2025, "total", "total", True),
        ("learners", 2025, "sex", "V", True),  # 3
        ("learners", 2024, "total", "total", True),  # 1
        ("completion_rate", 2025, "provider_type", "HO", True),  # 4 of 5: denominator - numerator = 1
        ("completion_rate", 2025, "total", "total", True),  # 5 of 7: denominator - numerator = 2
        ("learners_per_1000", 2025, "province", "40000", True),  # numerator 2
        ("learners_per_1000", 2025, "province", "10000", False),  # numerator 0: not a small cell
        ("offer_count", 2025, "provider_type", "CVO", False),  # offers hold no personal data
    ],
)
def test_small_cells_are_hidden(participation_suppressed, indicator, year, dimension, value, hidden):
    assert suppressed(participation_suppressed, indicator, year, dimension, value) is hidden


def test_unsuppressed_values_stay_in_the_internal_tables(participation_suppressed):
    internal = values(participation_suppressed, "learners", 2025, "sex", table="marts.indicator_values_unsuppressed")
    assert internal["V"] == (3, 3, None)


P3 = "0200000043"  # a third provider, of type CBE

SHARE_OFFERS = PARTICIPATION_OFFERS + offer("CD", P3, "CBE", start="2023-01-01") + "\n"


def shares_zone() -> str:
    """HO: 8 finished, 5 awarded (denominator - numerator = 3: hidden). CVO and CBE: 10 finished, 5 awarded
    (published by the primary rule; CBE, first of the tie, is hidden as the complement of HO)."""
    rows = [AWARD_HEADER]
    for i in range(8):
        outcome = "BEHAALD;2025-10-01" if i < 5 else "GESTOPT;"
        rows.append(f"{insz('1980-01-01', 100 + i)};{P1};CA;2025-0{1 + i % 8}-01;{outcome};11002;;")
    for i in range(10):
        outcome = "BEHAALD;2025-10-01" if i < 5 else "NIET_GESLAAGD;"
        rows.append(f"{insz('1981-01-01', 200 + i)};{P2};CB;2025-0{1 + i % 9}-02;{outcome};11002;;")
        rows.append(f"{insz('1982-01-01', 300 + i)};{P3};CD;2025-0{1 + i % 9}-03;{outcome};11002;;")
    return "\n".join(rows) + "\n"


@pytest.mark.slow
def test_share_with_three_failures_is_hidden_and_with_five_published(tmp_path):
    landing = tmp_path / "landing"
    write(landing, "offers/catalogus.csv", SHARE_OFFERS)
    write(landing, "awards/a.csv", shares_zone())
    assert run_pipeline(landing, tmp_path / "data", selection=MODELS).success
    internal = tmp_path / "data" / "internal" / "pipeline.duckdb"
    assert suppressed(internal, "completion_rate", 2025, "provider_type", "HO") is True
    assert suppressed(internal, "completion_rate", 2025, "provider_type", "CBE") is True  # complement, tie: CBE < CVO
    assert suppressed(internal, "completion_rate", 2025, "provider_type", "CVO") is False
    assert values(internal, "completion_rate", 2025, "provider_type")["CVO"] == (50, 5, 10)
    assert total(internal, "completion_rate", 2025) == pytest.approx((1500 / 28, 15, 28))


def complement_zone() -> str:
    """2025, one learner per enrolment, all awarded in Antwerpen: HO 9, CVO 3, SYNTRA 6 (total 18)."""
    rows = [AWARD_HEADER]
    for provider, mc, count in ((P1, "CA", 9), (P2, "CB", 3), (P3, "CS", 6)):
        for _ in range(count):
            rows.append(f"{insz('1980-05-05', 400 + len(rows))};{provider};{mc};2025-02-01;BEHAALD;2025-06-01;11002;;")
    return "\n".join(rows) + "\n"


@pytest.mark.slow
def test_a_lone_hidden_cell_hides_the_smallest_other_cell_of_its_breakdown(tmp_path):
    landing = tmp_path / "landing"
    write(landing, "offers/catalogus.csv", PARTICIPATION_OFFERS + offer("CS", P3, "SYNTRA", start="2023-01-01") + "\n")
    write(landing, "awards/a.csv", complement_zone())
    assert run_pipeline(landing, tmp_path / "data", selection=MODELS).success
    internal = tmp_path / "data" / "internal" / "pipeline.duckdb"
    for indicator in ("enrolments", "awards"):
        assert total(internal, indicator, 2025) == (18, 18, None)
        # CVO (3) is a small cell; without a complement it would be 18 - 9 - 6. SYNTRA (6) is the smallest other.
        assert suppressed(internal, indicator, 2025, "provider_type", "CVO") is True
        assert suppressed(internal, indicator, 2025, "provider_type", "SYNTRA") is True
        assert values(internal, indicator, 2025, "provider_type")["HO"] == (9, 9, None)
    # Nowhere can a hidden cell be derived from a published total and the other published cells.
    derivable = query(
        internal,
        """SELECT b.indicator_id, b.year, b.dimension FROM marts.indicator_values b
           JOIN marts.indicator_values t ON t.indicator_id = b.indicator_id AND t.year = b.year
                AND t.dimension = 'total' AND NOT t.suppressed
           WHERE b.dimension <> 'total' GROUP BY ALL HAVING count(*) FILTER (WHERE b.suppressed) = 1""",
    )
    assert derivable == []


# --- D: skills gap ------------------------------------------------------------------------------------


def projections_workbook(path, rows):
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "Aanwervingsbehoefte"
    sheet.append(["Beroepenprojecties"])
    sheet.append(list(PROJECTIONS.columns))
    for row in rows:
        sheet.append(row)
    path.parent.mkdir(parents=True, exist_ok=True)
    workbook.save(path)


def group(isco, employment_2024, needs, scenario="BASIS", sector="TOTAAL"):
    """HISTORISCH 2023 and 2024 (employment), PROJECTIE 2025 and 2026 with (expansion, r25-54, r55+)."""
    rows = [
        [isco, "groep", sector, scenario, 2023, "HISTORISCH", max(employment_2024 - 1000, 0), 0, 0, 0, 0],
        [isco, "groep", sector, scenario, 2024, "HISTORISCH", employment_2024, 0, 0, 0, 0],
    ]
    for year, (expansion, younger, older) in zip((2025, 2026), needs, strict=True):
        rows.append(
            [
                isco,
                "groep",
                sector,
                scenario,
                year,
                "PROJECTIE",
                None,
                expansion,
                younger,
                older,
                expansion + younger + older,
            ]
        )
    return rows


@pytest.fixture(scope="module")
def skills_gap(tmp_path_factory):
    root = tmp_path_factory.mktemp("gap")
    landing = root / "landing"
    # Latest edition. Mean hiring need and pressure (need / employment 2024 x 100):
    # 21: (4000 + 6000)/2 = 5000, 5 %;  25: 2500, 5 %;  41: 4000, 2 %;  71: 8000, 10 %;
    # 96: 200, employment 0 (no pressure);  33: only scenario HOOG (no BASIS/TOTAAL figures).
    projections_workbook(
        landing / "projections" / "beroepenprojecties_2025-06.xlsx",
        [
            *group(21, 100_000, [(1000, 2000, 1000), (2000, 2000, 2000)]),
            *group(25, 50_000, [(1000, 500, 500), (1000, 1000, 1000)]),
            *group(41, 200_000, [(1000, 2000, 1000), (1000, 2000, 1000)]),
            *group(71, 80_000, [(2000, 2000, 2000), (4000, 4000, 2000)]),
            *group(96, 1000, [(50, 25, 25), (100, 100, 100)]),
            # Scenario HOOG: 21: 27000, 27 %;  25: 2500, 5 %;  33: 300, 3 %;  41: 4000, 2 %;  71: 8000, 10 %;
            # 96: 200, 20 %.
            *group(21, 100_000, [(9000, 9000, 9000), (9000, 9000, 9000)], scenario="HOOG"),
            *group(25, 50_000, [(1000, 1000, 500), (1000, 1000, 500)], scenario="HOOG"),
            *group(33, 10_000, [(100, 100, 100), (100, 100, 100)], scenario="HOOG"),
            *group(41, 200_000, [(1000, 2000, 1000), (1000, 2000, 1000)], scenario="HOOG"),
            *group(71, 80_000, [(2000, 4000, 2000), (2000, 4000, 2000)], scenario="HOOG"),
            *group(96, 1000, [(50, 100, 50), (50, 100, 50)], scenario="HOOG"),
            # Sector F (construction), BASIS: 21: 27000 on 5000, 540 %;  25: 300 on 10000, 3 %;
            # 71: 2000 on 20000, 10 %.
            *group(21, 5_000, [(9000, 9000, 9000), (9000, 9000, 9000)], sector="F"),
            *group(25, 10_000, [(100, 100, 100), (100, 100, 100)], sector="F"),
            *group(71, 20_000, [(1000, 500, 500), (1000, 500, 500)], sector="F"),
        ],
    )
    # Employment of 96 in the last historical year is 0 (scenario BASIS).

    path = landing / "projections" / "beroepenprojecties_2025-06.xlsx"
    workbook = openpyxl.load_workbook(path)
    for row in workbook.active.iter_rows(min_row=3):
        if row[0].value == 96 and row[3].value == "BASIS" and row[4].value == 2024:
            row[6].value = 0
    workbook.save(path)
    # An older edition that must be ignored.
    projections_workbook(
        landing / "projections" / "beroepenprojecties_2024-06.xlsx", group(21, 1, [(1, 1, 1), (1, 1, 1)])
    )
    write(
        landing,
        "bottlenecks/knelpuntberoepen_2024.csv",
        "jaar;beroep;isco_code;oorzaken\n2024;bediende;4110;KWANTITATIEF\n",
    )
    write(
        landing,
        "bottlenecks/knelpuntberoepen_2025.csv",
        """\
        jaar;beroep;isco_code;oorzaken
        2025;ingenieur;2142;KWALITATIEF
        2025;analist;2512;KWANTITATIEF
        2025;analist (tweede vermelding);2512;KWANTITATIEF
        2025;ontwikkelaar;2511;KWANTITATIEF
        2025;metselaar;7112;ARBEIDSOMSTANDIGHEDEN
        2025;dakdekker;7121;KWANTITATIEF|KWALITATIEF
        2025;schoonmaker;9612;ARBEIDSOMSTANDIGHEDEN
        """,
    )
    write(
        landing,
        "offers/catalogus.csv",
        "\n".join(
            [
                OFFER_HEADER,
                offer("G1", P1, "HO", isco="2512|2142", start="2024-01-01"),  # groups 25 and 21
                offer("G2", P1, "HO", isco="7126", start="2024-01-01"),  # group 71
                offer("G3", P2, "CVO", isco="2511", start="2024-01-01"),  # group 25
                offer(
                    "G4", P2, "CVO", isco="4110", start="2023-01-01", end="2024-12-31"
                ),  # group 41, not active in 2025
            ]
        )
        + "\n",
    )
    awards = [AWARD_HEADER]
    awards += [f"{insz('1980-05-05', 300 + i)};{P1};G1;2025-01-0{1 + i};BEHAALD;2025-02-01;11002;;" for i in range(3)]
    awards += [f"{insz('1981-05-05', 400 + i)};{P2};G3;2025-01-0{1 + i};BEHAALD;2025-02-01;11002;;" for i in range(2)]
    awards += [f"{insz('1982-05-05', 500 + i)};{P1};G2;2024-01-0{1 + i};BEHAALD;2024-02-01;11002;;" for i in range(4)]
    awards += [f"{insz('1983-05-05', 600)};{P2};G4;2024-10-01;BEHAALD;2025-01-15;11002;;"]
    write(landing, "awards/a.csv", "\n".join(awards) + "\n")
    assert run_pipeline(landing, root / "data", selection=MODELS).success
    return root / "data" / "internal" / "pipeline.duckdb"


def gap(internal, indicator):
    return values(internal, indicator, 2025, "isco_submajor", table="marts.indicator_values_unsuppressed")


def test_hiring_need_and_pressure_from_the_latest_edition_basis_total(skills_gap):
    assert gap(skills_gap, "gap_hiring_need") == approx_each(
        {
            "21": (5000, 5000, None),
            "25": (2500, 2500, None),
            "41": (4000, 4000, None),
            "71": (8000, 8000, None),
            "96": (200, 200, None),
        }
    )
    assert gap(skills_gap, "gap_pressure") == approx_each(
        {"21": (5, 5000, 100_000), "25": (5, 2500, 50_000), "41": (2, 4000, 200_000), "71": (10, 8000, 80_000)}
    )


def test_bottlenecks_come_from_the_latest_list_and_count_distinct_occupations(skills_gap):
    assert {k: v[0] for k, v in gap(skills_gap, "gap_bottleneck_occupations").items()} == {
        "21": 1,
        "25": 2,
        "41": 0,
        "71": 2,
        "96": 1,
        "33": 0,
    }


def test_offers_and_awards_per_group_zeros_included(skills_gap):
    # G4 (group 41) ended in 2024; G2's awards fall in 2024; G4's 2025 award does not count.
    assert {k: v[0] for k, v in gap(skills_gap, "gap_offers").items()} == {
        "21": 1,
        "25": 2,
        "41": 0,
        "71": 1,
        "96": 0,
        "33": 0,
    }
    assert {k: v[0] for k, v in gap(skills_gap, "gap_awards").items()} == {
        "21": 3,
        "25": 5,
        "41": 0,
        "71": 0,
        "96": 0,
        "33": 0,
    }


def test_coverage_and_white_spots(skills_gap):
    # Coverage = awards / hiring need x 1000: 21 0.6; 25 2.0; 41 0; 71 0; 96 0 (33: no hiring need).
    assert gap(skills_gap, "gap_coverage") == approx_each(
        {"21": (0.6, 3, 5000), "25": (2, 5, 2500), "41": (0, 0, 4000), "71": (0, 0, 8000), "96": (0, 0, 200)}
    )
    # Median pressure of 2, 5, 5, 10 = 5; 25th percentile of coverage 0, 0, 0, 0.6, 2 = 0.
    # 71: pressure 10 >= 5, 2 bottleneck occupations, coverage 0 <= 0: a white spot. 41: pressure too low.
    # 21 and 25: coverage above 0. 96 (no pressure) and 33 get no flag.
    assert {k: v[0] for k, v in gap(skills_gap, "gap_white_spot").items()} == {"21": 0, "25": 0, "41": 0, "71": 1}


def test_small_gap_awards_are_hidden_with_their_coverage(skills_gap):
    assert suppressed(skills_gap, "gap_awards", 2025, "isco_submajor", "21") is True  # 3
    assert suppressed(skills_gap, "gap_coverage", 2025, "isco_submajor", "21") is True
    assert suppressed(skills_gap, "gap_awards", 2025, "isco_submajor", "25") is False  # 5
    assert suppressed(skills_gap, "gap_awards", 2025, "isco_submajor", "41") is False  # 0
    assert suppressed(skills_gap, "gap_white_spot", 2025, "isco_submajor", "21") is False


def test_the_white_spot_analysis_under_scenario_hoog(skills_gap):
    assert {k: v[0] for k, v in gap(skills_gap, "gap_hiring_need_high").items()} == approx_each(
        {"21": 27000, "25": 2500, "33": 300, "41": 4000, "71": 8000, "96": 200}
    )
    assert {k: v[0] for k, v in gap(skills_gap, "gap_pressure_high").items()} == approx_each(
        {"21": 27, "25": 5, "33": 3, "41": 2, "71": 10, "96": 20}
    )
    # The same awards as under BASIS, over HOOG's hiring need: 21 3/27000; 25 5/2500; the rest 0.
    assert gap(skills_gap, "gap_coverage_high") == approx_each(
        {
            "21": (1000 * 3 / 27000, 3, 27000),
            "25": (2, 5, 2500),
            "33": (0, 0, 300),
            "41": (0, 0, 4000),
            "71": (0, 0, 8000),
            "96": (0, 0, 200),
        }
    )
    # Median pressure of 2, 3, 5, 10, 20, 27 = 7.5; 25th percentile of coverage 0, 0, 0, 0, 0.11, 2 = 0.
    # 71 (10 %, 2 bottleneck occupations, coverage 0) and 96 (20 %, 1, 0) are white spots; 21's coverage
    # is above 0; 25, 33 and 41 are below the median.
    assert {k: v[0] for k, v in gap(skills_gap, "gap_white_spot_high").items()} == {
        "21": 0,
        "25": 0,
        "33": 0,
        "41": 0,
        "71": 1,
        "96": 1,
    }


def test_a_robust_white_spot_holds_in_both_scenarios(skills_gap):
    # 71 is a white spot under BASIS and HOOG. 96 is one under HOOG only, but BASIS has no pressure for it
    # (employment 0), so whether it is robust is not known: no row. 33 has no BASIS figures at all.
    assert {k: v[0] for k, v in gap(skills_gap, "gap_white_spot_robust").items()} == {
        "21": 0,
        "25": 0,
        "41": 0,
        "71": 1,
    }


def test_the_white_spot_analysis_per_sector(skills_gap):
    def sector(indicator):
        rows = values(skills_gap, indicator, 2025, "sector×isco_submajor", table="marts.indicator_values_unsuppressed")
        return {k: v[0] for k, v in rows.items()}

    assert sector("gap_sector_hiring_need") == approx_each({"F|21": 27000, "F|25": 300, "F|71": 2000})
    assert sector("gap_sector_pressure") == approx_each({"F|21": 540, "F|25": 3, "F|71": 10})
    # Within F the median pressure is 10. 71: 10 >= 10, 2 bottleneck occupations, and its coverage over all
    # sectors (0) is at most the 25th percentile of BASIS (0): a white spot in construction. 21 is under
    # more pressure still, but its coverage (0.6) is above the percentile; 25 is below the median.
    assert sector("gap_sector_white_spot") == {"F|21": 0, "F|25": 0, "F|71": 1}


def test_bottleneck_occupations_per_cause_zeros_included(skills_gap):
    causes = values(
        skills_gap,
        "gap_bottleneck_causes",
        2025,
        "isco_submajor×bottleneck_cause",
        table="marts.indicator_values_unsuppressed",
    )
    counted = {k: v[0] for k, v in causes.items() if v[0]}
    # 2512 twice on the list counts once; 7121 names two causes.
    assert counted == {
        "21|KWALITATIEF": 1,
        "25|KWANTITATIEF": 2,
        "71|ARBEIDSOMSTANDIGHEDEN": 1,
        "71|KWANTITATIEF": 1,
        "71|KWALITATIEF": 1,
        "96|ARBEIDSOMSTANDIGHEDEN": 1,
    }
    # Every group of the edition has a row for each of the three causes.
    assert len(causes) == 6 * 3


def test_coverage_under_hoog_is_hidden_with_the_awards_it_counts(skills_gap):
    assert suppressed(skills_gap, "gap_coverage_high", 2025, "isco_submajor", "21") is True  # 3 awards
    assert suppressed(skills_gap, "gap_coverage_high", 2025, "isco_submajor", "25") is False  # 5 awards
    assert suppressed(skills_gap, "gap_white_spot_high", 2025, "isco_submajor", "21") is False


# --- Report year --------------------------------------------------------------------------------------


@pytest.mark.slow
def test_report_year_override_cuts_the_years_and_moves_the_skills_gap(tmp_path):
    internal = participation_zone(tmp_path, min_cell=1, report_year=2024)
    assert query(internal, "SELECT DISTINCT year FROM marts.indicator_values ORDER BY year") == [(2023,), (2024,)]
    assert total(internal, "awards", 2024) == (1, 1, None)


def test_every_catalogue_indicator_is_computed_on_the_sample(sample_run):
    internal = sample_run[0] / "internal" / "pipeline.duckdb"
    missing = query(
        internal,
        """
        SELECT indicator_id FROM marts.indicator_catalogue
        EXCEPT SELECT indicator_id FROM marts.indicator_values
        WHERE year = (SELECT max(year) FROM marts.indicator_values)""",
    )
    assert missing == []
    # 36 of v1; offer_share_recognised, award_share_digital, foreign_credentials of section E; the skills gap
    # under scenario HOOG (5), per sector (3) and by bottleneck cause (1).
    assert query(internal, "SELECT count(*) FROM marts.indicator_catalogue") == [(48,)]
