"""The provider scorecards (issue 17, item 4): the per-provider figures on small hand-made tables whose expected
values are worked out in the comments, the disclosure control of the new learner cells (awards per
provider), and, on the sample run, the page aanbieders.html and the scorecard in the feedback folder."""

from __future__ import annotations

import csv
from pathlib import Path

import duckdb
import pytest

from pipelines.disclosure.audit import Publication
from pipelines.formatting import HIDDEN_VALUE, belgian, kbo
from pipelines.publication import FEEDBACK_HEADERS
from pipelines.quality.suites import checks
from pipelines.sql_models import discover_models, macros_sql, materialise
from tests.conftest import CHROMIUM
from tests.test_disclosure import audit, counts, derivable, hidden_rows, zone

MODELS = {model.name: model for model in discover_models()}
MIN_CELL = 5

# --- disclosure: a provider's awards are part of its type's awards ----------------------------------------

# 2025: HO 20 = A 3 + B 17, CVO 20 = C 6 + D 14, total 40.
AWARDS_2025 = (
    counts("awards", 2025, "total", {"total": 40})
    + counts("awards", 2025, "provider_type", {"HO": 20, "CVO": 20})
    + counts("awards", 2025, "provider", {"A": 3, "B": 17, "C": 6, "D": 14})
)
TYPES_2025 = [(2025, "A", "HO"), (2025, "B", "HO"), (2025, "C", "CVO"), (2025, "D", "CVO")]


def test_a_small_provider_is_not_its_type_minus_the_others():
    # A's 3 awards are small (primary). The provider breakdown then has one hidden cell under a published total,
    # so the complementary rule hides its smallest other cell, C's 6. That protects A against the total (A + C =
    # 40 - 17 - 14 = 9), but not against its type: HO 20 - B 17 = 3. The relation provider_in_type lets the audit
    # see it.
    con = zone(AWARDS_2025, award_types=TYPES_2025)
    publication = Publication.load(con)
    breakdown_only = publication.hidden_in(con, "marts.suppression_rules", "WHERE dimension_value IN ('A', 'C')")
    assert derivable(publication.audit(breakdown_only, MIN_CELL)) == {
        ("awards", 2025, "provider", "A", "aantal"): (3, 3)
    }
    # The complementary rule within a type closes it: HO has one hidden provider (A), so its smallest published
    # one (B) is hidden; CVO has one (C, which A + C = 9 would give away), so D is hidden.
    assert hidden_rows(con) == {("awards", 2025, "provider", p) for p in "ABCD"}
    assert derivable(audit(con)) == {}
    # Without knowing which provider belongs to which type, neither the rule nor the audit would see it.
    blind = zone(AWARDS_2025)
    assert hidden_rows(blind) == {("awards", 2025, "provider", "A"), ("awards", 2025, "provider", "C")}
    assert derivable(audit(blind)) == {}


def test_the_provider_relations_hold_also_for_a_provider_of_two_types():
    # E's awards fall under HO (2) and CVO (3): E is in neither type's lower bound, and in both upper bounds.
    # HO 22 = A 3 + B 17 + E's 2; CVO 23 = C 6 + D 14 + E's 3.
    rows = (
        counts("awards", 2025, "total", {"total": 45})
        + counts("awards", 2025, "provider_type", {"HO": 22, "CVO": 23})
        + counts("awards", 2025, "provider", {"A": 3, "B": 17, "C": 6, "D": 14, "E": 5})
    )
    con = zone(rows, award_types=[*TYPES_2025, (2025, "E", "HO"), (2025, "E", "CVO")])
    terms = con.execute(
        "SELECT relation_id, list(dimension_value ORDER BY dimension_value) FROM marts.disclosure_relations "
        "WHERE relation_kind = 'provider_in_type' AND dimension = 'provider' GROUP BY ALL ORDER BY ALL"
    ).fetchall()
    assert terms == [
        ("provider_in_type|around|2025|CVO", ["C", "D", "E"]),
        ("provider_in_type|around|2025|HO", ["A", "B", "E"]),
        ("provider_in_type|within|2025|CVO", ["C", "D"]),
        ("provider_in_type|within|2025|HO", ["A", "B"]),
    ]
    # The check that proves each relation on the unsuppressed values holds them all, the providers' sum included.
    (relations,) = [c for c in checks() if c.name == "disclosure_relations_hold"]
    results = dict(con.execute(f"SELECT example, ok FROM ({relations.sql})").fetchall())
    assert len([r for r in results if r.startswith("provider_in_type")]) == 4
    assert "breakdown_sum|awards|2025|provider|numerator" in results
    assert all(results.values())


def test_small_providers_that_together_are_small_hide_a_published_provider_of_their_type():
    # HO 30 = A 1 + B 2 + F 27; CVO 20 = C 6 + D 14. A and B are small (primary) and the provider breakdown has two
    # hidden cells, so its complementary rule does nothing; but A + B = HO 30 - F 27 = 3, so each is at most 2. The
    # rule within a type sees it (3 < 5 + 2 - 1) and hides F, the smallest published provider of HO.
    rows = (
        counts("awards", 2025, "total", {"total": 50})
        + counts("awards", 2025, "provider_type", {"HO": 30, "CVO": 20})
        + counts("awards", 2025, "provider", {"A": 1, "B": 2, "F": 27, "C": 6, "D": 14})
    )
    con = zone(rows, award_types=[*TYPES_2025, (2025, "F", "HO")])
    assert hidden_rows(con) == {
        ("awards", 2025, "provider", "A"),
        ("awards", 2025, "provider", "B"),
        ("awards", 2025, "provider", "F"),
    }
    assert derivable(audit(con)) == {}


# --- the scorecard tables on hand-made offers and indicators --------------------------------------------

ELEMENTS = ["02", "03", "04", "06", "07", "08", "09", "10", "11"]


def offer_row(provider: str, name: str, kind: str, offer: str, start: str, failing: tuple[str, ...] = ()) -> tuple:
    return (provider, name, kind, offer, start, *(e not in failing for e in ELEMENTS))


# P1 (HO): O1 from 2023 complies with everything; O2 from 2024 fails 06 and 09.
# P2 (HO): O3 from 2023 fails 06.        P3 (CVO): O4 from 2024 complies with everything.
OFFERS = [
    offer_row("0123456749", "Hogeschool A", "HO", "O1", "2023-01-01"),
    offer_row("0123456749", "Hogeschool A", "HO", "O2", "2024-01-01", ("06", "09")),
    offer_row("0403563451", "Hogeschool B", "HO", "O3", "2023-03-01", ("06",)),
    offer_row("0202239951", "CVO C", "CVO", "O4", "2024-02-01"),
]
# The published indicators the scorecard reads: P1's awards published, P2's hidden, HO's hidden (to protect P2),
# CVO's published; P3 has no awards in 2024 (no row: 0).
INDICATORS = [
    ("awards", 2024, "provider", "0123456749", 12.0, False),
    ("awards", 2024, "provider", "0403563451", None, True),
    ("awards", 2024, "provider_type", "HO", None, True),
    ("awards", 2024, "provider_type", "CVO", 0.0, False),
]


@pytest.fixture(scope="module")
def scorecard():
    """The tables the scorecard models read, with the offers above; then the models, from their SQL files."""
    con = duckdb.connect()
    con.execute(macros_sql())
    con.execute("CREATE SCHEMA intermediate; CREATE SCHEMA staging; CREATE SCHEMA marts")
    columns = ", ".join(f"element_{e} BOOLEAN" for e in ELEMENTS)
    con.execute(
        "CREATE TABLE intermediate.current_offers (provider_id VARCHAR, provider_name VARCHAR, provider_type VARCHAR, "
        f"offer_id VARCHAR, valid_from DATE, {columns})"
    )
    con.executemany(f"INSERT INTO intermediate.current_offers VALUES ({', '.join(['?'] * 14)})", OFFERS)
    con.execute(
        "ALTER TABLE intermediate.current_offers ADD COLUMN valid_to DATE; "
        "ALTER TABLE intermediate.current_offers ADD COLUMN offer_source VARCHAR DEFAULT 'catalogus'; "
        "ALTER TABLE intermediate.current_offers ADD COLUMN isced_broad VARCHAR DEFAULT '06'; "
        "ALTER TABLE intermediate.current_offers ADD COLUMN level_group VARCHAR DEFAULT '5'; "
        "ALTER TABLE intermediate.current_offers ADD COLUMN participation_form VARCHAR DEFAULT 'ONLINE'; "
        "ALTER TABLE intermediate.current_offers ADD COLUMN purpose VARCHAR DEFAULT 'ARBEIDSMARKT'; "
        "ALTER TABLE intermediate.current_offers ADD COLUMN volume_unit VARCHAR DEFAULT 'ECTS'; "
        "ALTER TABLE intermediate.current_offers ADD COLUMN volume_value DOUBLE DEFAULT 3; "
        "ALTER TABLE intermediate.current_offers ADD COLUMN level_framework VARCHAR DEFAULT 'VKS'; "
        "ALTER TABLE intermediate.current_offers ADD COLUMN level INTEGER DEFAULT 5; "
        "ALTER TABLE intermediate.current_offers ADD COLUMN stackable BOOLEAN DEFAULT false; "
        "ALTER TABLE intermediate.current_offers ADD COLUMN is_joint BOOLEAN DEFAULT false; "
        "ALTER TABLE intermediate.current_offers ADD COLUMN odb_id VARCHAR; "
        "ALTER TABLE intermediate.current_offers ADD COLUMN credential_kind VARCHAR DEFAULT 'MICROCREDENTIAL'; "
        "ALTER TABLE intermediate.current_offers ADD COLUMN recognition VARCHAR[]"
    )
    con.execute("CREATE TABLE intermediate.report_years AS SELECT unnest([2023, 2024]) AS year, 2024 AS report_year")
    con.execute(
        "CREATE TABLE staging.odb (odb_id VARCHAR, is_current BOOLEAN, status VARCHAR, vov BOOLEAN, "
        "training_vouchers BOOLEAN, valid_to DATE)"
    )
    con.execute("CREATE TABLE staging.awards (provider_id VARCHAR, is_current BOOLEAN)")
    # A provider known only from its feedback file (every row quarantined), and a source's file.
    con.execute("CREATE TABLE staging.provider_feedback AS SELECT unnest(['0876543765', 'projections']) AS recipient")
    con.execute(
        "CREATE TABLE marts.indicator_values (indicator_id VARCHAR, year INTEGER, dimension VARCHAR, "
        "dimension_value VARCHAR, numerator DOUBLE, suppressed BOOLEAN)"
    )
    con.executemany("INSERT INTO marts.indicator_values VALUES (?, ?, ?, ?, ?, ?)", INDICATORS)
    for name in (
        "intermediate.offer_years",
        "intermediate.offer_breakdown_counts",
        "intermediate.providers",
        "marts.provider_compliance",
        "marts.provider_scorecard",
    ):
        materialise(con, MODELS[name])
    yield con
    con.close()


def compliance(con, provider: str, year: int, element: str) -> tuple:
    return con.execute(
        "SELECT offers, offers_complying, round(share, 2), type_offers, type_offers_complying, round(type_share, 2) "
        "FROM marts.provider_compliance WHERE provider_id = $1 AND year = $2 AND element_no = $3",
        [provider, year, element],
    ).fetchone()


def test_compliance_per_element_per_provider_and_year_beside_its_type(scorecard):
    # 2023: P1 has O1 (complies); HO has O1 and O3 (O3 fails 06): P1 100 % against HO 50 %.
    assert compliance(scorecard, "0123456749", 2023, "06") == (1, 1, 100.0, 2, 1, 50.0)
    # 2024: P1 has O1 and O2 (O2 fails 06 and 09); HO has O1, O2, O3: 06 holds for O1 only (1 of 3), 09 for O1
    # and O3 (2 of 3), 02 for all.
    assert compliance(scorecard, "0123456749", 2024, "06") == (2, 1, 50.0, 3, 1, 33.33)
    assert compliance(scorecard, "0123456749", 2024, "09") == (2, 1, 50.0, 3, 2, 66.67)
    assert compliance(scorecard, "0123456749", 2024, "02") == (2, 2, 100.0, 3, 3, 100.0)
    # P3's offer starts in 2024: no row in 2023; in 2024 CVO is P3 alone.
    assert compliance(scorecard, "0202239951", 2023, "06") is None
    assert compliance(scorecard, "0202239951", 2024, "06") == (1, 1, 100.0, 1, 1, 100.0)
    (elements,) = scorecard.execute(
        "SELECT list(DISTINCT element_no ORDER BY element_no) FROM marts.provider_compliance"
    ).fetchone()
    assert elements == ELEMENTS


def test_the_type_figures_are_the_transparency_indicators_by_provider_type(scorecard):
    materialise(scorecard, MODELS["marts.indicators_transparency"])
    mismatches = scorecard.execute(
        "SELECT c.provider_type, c.year, c.element_no, c.type_share, 100 * t.numerator / t.denominator "
        "FROM marts.provider_compliance c JOIN marts.indicators_transparency t "
        "ON t.indicator_id = 'transparency_element_' || c.element_no AND t.year = c.year "
        "AND t.dimension = 'provider_type' AND t.dimension_value = c.provider_type "
        "WHERE abs(c.type_share - 100 * t.numerator / t.denominator) > 1e-9"
    ).fetchall()
    assert mismatches == []


def card(con, provider: str, year: int) -> dict:
    result = con.execute(
        "SELECT * FROM marts.provider_scorecard WHERE provider_id = $1 AND year = $2", [provider, year]
    )
    names = [d[0] for d in result.description]
    return dict(zip(names, result.fetchone(), strict=True))


def test_the_scorecard_counts_offers_and_keeps_hidden_cells_hidden(scorecard):
    p1 = card(scorecard, "0123456749", 2024)
    # P1 2024: 2 active offers, 1 complete (O1); HO: 3 offers of 2 providers, 1 complete (O1): 33,3 %.
    assert (p1["provider_name"], p1["provider_type"], p1["offers_active"], p1["offers_complete"]) == (
        "Hogeschool A",
        "HO",
        2,
        1,
    )
    assert p1["share_complete"] == pytest.approx(50)
    assert (p1["type_providers"], p1["type_offers_active"], p1["type_offers_complete"]) == (2, 3, 1)
    assert p1["type_share_complete"] == pytest.approx(100 / 3)
    assert (p1["awards"], p1["awards_suppressed"]) == (12, False)
    # HO's awards are hidden: the type's cell stays empty, never 0.
    assert (p1["type_awards"], p1["type_awards_suppressed"]) == (None, True)
    p2 = card(scorecard, "0403563451", 2024)
    assert (p2["awards"], p2["awards_suppressed"]) == (None, True)
    # P3 had no awards in 2024 (no indicator row): 0, published; in 2023 no active offer: no share.
    p3 = card(scorecard, "0202239951", 2024)
    assert (p3["awards"], p3["awards_suppressed"], p3["type_awards"]) == (0, False, 0)
    p3_2023 = card(scorecard, "0202239951", 2023)
    assert (p3_2023["offers_active"], p3_2023["share_complete"]) == (0, None)
    # A provider whose every row was quarantined still has its scorecard, without a name or type; a source has none.
    p4 = card(scorecard, "0876543765", 2024)
    assert (p4["provider_name"], p4["provider_type"], p4["offers_active"], p4["awards"]) == (None, None, 0, 0)
    (providers,) = scorecard.execute("SELECT count(DISTINCT provider_id) FROM marts.provider_scorecard").fetchone()
    assert providers == 4


# --- on the sample run: the warehouse, the page and the feedback folder ----------------------------------


def warehouse_rows(data: Path, sql: str, params: list | None = None) -> list[tuple]:
    with duckdb.connect(str(data / "warehouse.duckdb"), read_only=True) as con:
        return con.execute(sql, params or []).fetchall()


def test_no_hidden_provider_is_its_published_type_minus_the_published_providers(sample_run):
    """What an analyst would try with the warehouse alone: for each type whose awards are published, take away
    the published providers of that type. What is left is shared by the hidden providers, each at least 1: the
    largest a hidden provider can be is the rest minus 1 per other hidden provider, never below MCMON_MIN_CELL."""
    data, _, _ = sample_run
    rows = warehouse_rows(
        data,
        "SELECT year, provider_type, any_value(type_awards), count(*) FILTER (awards_suppressed), "
        "coalesce(sum(awards), 0) FROM marts.provider_scorecard "
        "WHERE NOT type_awards_suppressed AND provider_type IS NOT NULL GROUP BY ALL",
    )
    with_hidden = [(y, t, total - published - (hidden - 1)) for y, t, total, hidden, published in rows if hidden]
    assert with_hidden, "the sample has hidden providers under a published type"
    assert [r for r in with_hidden if r[2] < MIN_CELL] == []
    # And the hidden providers are hidden in marts.indicator_values too, where the disclosure audit checked them.
    hidden = warehouse_rows(
        data,
        "SELECT count(*) FROM marts.provider_scorecard s JOIN marts.indicator_values v ON v.indicator_id = 'awards' "
        "AND v.dimension = 'provider' AND v.dimension_value = s.provider_id AND v.year = s.year "
        "WHERE s.awards_suppressed AND NOT v.suppressed",
    )
    assert hidden == [(0,)]


def provider_with_a_hidden_cell(data: Path) -> tuple[str, str, int]:
    (row,) = warehouse_rows(
        data,
        "SELECT provider_id, provider_name, year FROM marts.provider_scorecard WHERE awards_suppressed "
        "ORDER BY provider_id, year LIMIT 1",
    )
    return row


def test_the_feedback_folder_holds_a_scorecard_per_provider(sample_run):
    data, _, _ = sample_run
    provider, _, year = provider_with_a_hidden_cell(data)
    feedback = data / "feedback"
    # The problem rows keep their own file and format, for the tools that read it.
    with (feedback / f"{provider}.csv").open(encoding="utf-8-sig") as handle:
        assert next(csv.reader(handle, delimiter=";")) == FEEDBACK_HEADERS
    with (feedback / f"{provider}-scorekaart.csv").open(encoding="utf-8-sig") as handle:
        rows = list(csv.DictReader(handle, delimiter=";"))
    assert list(rows[0]) == ["onderdeel", "jaar", "kenmerk", "eenheid", "aanbieder", "alle aanbieders van het type"]
    figures = {(r["jaar"], r["kenmerk"]): (r["aanbieder"], r["alle aanbieders van het type"]) for r in rows}
    assert figures[(str(year), "Uitreikingen")][0] == HIDDEN_VALUE
    for y, offers, type_offers, share, awards, hidden in warehouse_rows(
        data,
        "SELECT year, offers_active, type_offers_active, share_complete, awards, awards_suppressed "
        "FROM marts.provider_scorecard WHERE provider_id = $1",
        [provider],
    ):
        assert figures[(str(y), "Actief aanbod")] == (belgian(offers), belgian(type_offers))
        shown = "" if share is None else belgian(share, 1)
        assert figures[(str(y), "Volledig transparant aanbod (alle negen standaardelementen)")][0] == shown
        assert figures[(str(y), "Uitreikingen")][0] == (HIDDEN_VALUE if hidden else belgian(awards))
    issues = warehouse_rows(data, "SELECT sum(count) FROM dq.provider_issue_counts WHERE provider_id = $1", [provider])[
        0
    ][0]
    assert sum(int(r["aanbieder"]) for r in rows if r["onderdeel"] == "Datakwaliteit van de laatste run") == issues
    # Every provider has its scorecard, also without problem rows.
    providers = {p for (p,) in warehouse_rows(data, "SELECT DISTINCT provider_id FROM marts.provider_scorecard")}
    assert {p.name.removesuffix("-scorekaart.csv") for p in feedback.glob("*-scorekaart.csv")} == providers


@pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="Debian's chromium is not installed (.ci/run installs it)")
def test_picking_a_provider_shows_its_figures_from_the_warehouse(sample_run, page_at):
    data, _, _ = sample_run
    provider, name, year = provider_with_a_hidden_cell(data)
    page, errors = page_at(1400)
    page.goto((data / "site" / "aanbieders.html").as_uri())
    page.wait_for_load_state("load")
    # Searching by KBO number as it is written narrows the list to that provider and shows its scorecard.
    page.fill("#zoek-aanbieder", kbo(provider))
    assert page.input_value("#aanbieder") == provider
    assert page.text_content("#zoek-resultaat") == "1 aanbieder gevonden"
    page.select_option("#jaar", str(year))
    ((offers, type_offers, share),) = warehouse_rows(
        data,
        "SELECT offers_active, type_offers_active, share_complete "
        "FROM marts.provider_scorecard WHERE provider_id = $1 AND year = $2",
        [provider, year],
    )
    cells = page.locator("#blok1 tbody tr").evaluate_all(
        "rows => rows.map(r => Array.from(r.cells).map(c => c.textContent))"
    )
    assert cells[0] == ["Actief aanbod", belgian(offers), belgian(type_offers)]
    assert cells[1][1].startswith("" if share is None else f"{belgian(share, 1)} %")
    assert cells[2][1] == HIDDEN_VALUE
    assert f"{name} ({kbo(provider)})" in page.text_content("#blok1 caption")
    # The standard elements chart: the provider's bar and its type's bar per element, as the warehouse has them.
    expected = warehouse_rows(
        data,
        "SELECT element_no, share, type_share FROM marts.provider_compliance "
        "WHERE provider_id = $1 AND year = $2 ORDER BY element_no",
        [provider, year],
    )
    drawn = page.evaluate("() => document.getElementById('blok2').data.map(t => t.x)")
    assert drawn[0][: len(expected)] == pytest.approx([share for _, share, _ in expected])
    assert drawn[1][: len(expected)] == pytest.approx([type_share for _, _, type_share in expected])
    assert errors == []
