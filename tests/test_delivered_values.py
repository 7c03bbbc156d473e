"""Delivered values never block publication (issue 14): a shrinking occupation's negative hiring need and
pressure are valid numbers end to end; a bad delivered value is a field issue that a WARN check reports."""

import pytest

from tests.helpers import AWARD_HEADER, OFFER_HEADER, P1, insz, offer, query, run_pipeline, write
from tests.test_indicators import group, projections_workbook


def run_with_one_offer(root, isco: str):
    """Add one offer for ISCO unit `isco` with six awards in 2025 (the report year) to `root/landing`, then run."""
    landing = root / "landing"
    write(landing, "offers/catalogus.csv", f"{OFFER_HEADER}\n{offer('G1', P1, 'HO', isco=isco, start='2024-01-01')}\n")
    awards = [f"{insz('1980-05-05', 300 + i)};{P1};G1;2025-01-0{1 + i};BEHAALD;2025-02-01;11002;;" for i in range(6)]
    write(landing, "awards/a.csv", "\n".join([AWARD_HEADER, *awards]) + "\n")
    return run_pipeline(landing, root / "data", raise_on_error=False), root / "data"


@pytest.fixture(scope="module")
def shrinking(tmp_path_factory):
    root = tmp_path_factory.mktemp("shrinking")
    landing = root / "landing"
    projections_workbook(
        landing / "projections" / "beroepenprojecties_2025-06.xlsx",
        [
            *group(21, 100_000, [(1000, 2000, 1000), (2000, 2000, 2000)]),
            # Expansion -9 000, replacements 1 000 + 1 000 in both years: hiring need -7 000, pressure -7 %.
            *group(31, 100_000, [(-9000, 1000, 1000), (-9000, 1000, 1000)]),
        ],
    )
    write(
        landing,
        "bottlenecks/knelpuntberoepen_2025.csv",
        "jaar;beroep;isco_code;oorzaken\n2025;technicus;3112;KWANTITATIEF\n",
    )
    return run_with_one_offer(root, isco="3112")


def test_a_shrinking_occupation_is_published(shrinking):
    result, data = shrinking
    assert result.success, [e.step_failure_data.error.message for e in result.all_events if e.is_step_failure]
    rows = query(
        data / "warehouse.duckdb",
        "SELECT indicator_id, value FROM marts.indicator_values WHERE dimension_value = '31' ORDER BY indicator_id",
    )
    values = dict(rows)
    assert values["gap_hiring_need"] == -7000
    assert values["gap_pressure"] == pytest.approx(-7.0)
    # No hiring need to cover: coverage and the white-spot flag are not defined (indicators.md).
    assert "gap_coverage" not in values and "gap_white_spot" not in values


def test_the_skills_gap_page_shows_the_negative_pressure(shrinking):
    _, data = shrinking
    page = (data / "site" / "vaardigheidskloof.html").read_text(encoding="utf-8")
    assert "-7" in page or "−7" in page


POPULATION_HEADER = "jaar;provincie_nis;geslacht;leeftijdsklasse;aantal"


@pytest.fixture(scope="module")
def bad_values(tmp_path_factory):
    root = tmp_path_factory.mktemp("bad_values")
    landing = root / "landing"
    rows = group(21, 100_000, [(1000, 2000, 1000), (2000, 2000, 2000)])
    rows[1][6] = -5  # employment of the last historical year
    projections_workbook(landing / "projections" / "beroepenprojecties_2025-06.xlsx", rows)
    # Vlaams-Brabant delivered with nobody aged 25 to 64.
    population = [
        f"2025;{nis};{sex};{band};{0 if nis == 20001 and band not in ('18-24', '65+') else 1000}"
        for nis in (10000, 20001, 30000, 40000, 70000)
        for sex in "MV"
        for band in ("18-24", "25-34", "35-44", "45-54", "55-64", "65+")
    ]
    write(landing, "population/bevolking.csv", "\n".join([POPULATION_HEADER, *population]) + "\n")
    return run_with_one_offer(root, isco="2512")


def test_bad_delivered_values_are_reported_and_published_around(bad_values):
    result, data = bad_values
    assert result.success, [e.step_failure_data.error.message for e in result.all_events if e.is_step_failure]
    issues = query(data / "internal" / "pipeline.duckdb", "SELECT field, raw_value, reason FROM staging.field_issues")
    assert ("werkgelegenheid", "-5", "out_of_range") in issues
    failed = query(
        data / "warehouse.duckdb",
        "SELECT severity, suite, expectation FROM dq.expectations WHERE NOT success ORDER BY ALL",
    )
    assert ("WARN", "intermediate.population_25_64", "population_in_range") in failed
    assert ("WARN", "staging.projections", "employment_delivered_valid") in failed
    assert all(severity == "WARN" for severity, _, _ in failed)
    per_1000 = query(
        data / "warehouse.duckdb",
        "SELECT dimension_value FROM marts.indicator_values WHERE indicator_id = 'learners_per_1000' "
        "AND dimension = 'province' ORDER BY 1",
    )
    # No population to divide by: Vlaams-Brabant has no rate, the other provinces do.
    assert [p for (p,) in per_1000] == ["10000", "30000", "40000", "70000"]
