"""A shrinking occupation (issue 14): a negative hiring need and pressure are valid numbers end to end."""

import pytest

from tests.helpers import AWARD_HEADER, OFFER_HEADER, P1, insz, offer, query, run_pipeline, write
from tests.test_indicators import group, projections_workbook


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
    write(
        landing, "offers/catalogus.csv", f"{OFFER_HEADER}\n{offer('G1', P1, 'HO', isco='3112', start='2024-01-01')}\n"
    )
    awards = [f"{insz('1980-05-05', 300 + i)};{P1};G1;2025-01-0{1 + i};BEHAALD;2025-02-01;11002;;" for i in range(6)]
    write(landing, "awards/a.csv", "\n".join([AWARD_HEADER, *awards]) + "\n")
    result = run_pipeline(landing, root / "data", raise_on_error=False)
    return result, root / "data"


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
