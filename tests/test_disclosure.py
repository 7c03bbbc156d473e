"""The disclosure audit and the suppression rules, on small hand-made indicator tables (no pipeline run).

Each planted case is a set of unsuppressed indicator rows, worked out by hand, where the contract's rules
(primary, complementary and, unless switched off here, linked) leave a small cell that an analyst can
narrow below MCMON_MIN_CELL through one kind of relation of marts.disclosure_relations. The audit must
find it, and the protection of marts.cell_suppression must close it.
"""

from __future__ import annotations

import duckdb
import pytest

from pipelines.disclosure.audit import KEY, Publication
from pipelines.quality.suites import Suite, checks
from pipelines.quality.validate import process_worker, run_suite
from pipelines.settings import REFERENCE_DIR
from pipelines.sql_models import discover_models, macros_sql, materialise
from tests.helpers import query

MODELS = {model.name: model for model in discover_models()}
SUPPRESSED = [
    "enrolments",
    "awards",
    "learners",
    "learners_per_1000",
    "completion_rate",
    "award_share_lifewide",
    "learner_share_low_educated",
    "learner_share_jobseeker",
    "learner_share_55plus",
    "learner_share_stacking",
    "learner_share_multi_provider",
    "gap_awards",
    "gap_coverage",
]


def counts(indicator: str, year: int, dimension: str, cells: dict[str, int]) -> list[tuple]:
    return [(indicator, year, dimension, value, n, None, "count") for value, n in cells.items()]


def shares(indicator: str, year: int, dimension: str, cells: dict[str, tuple[int, int]]) -> list[tuple]:
    return [(indicator, year, dimension, value, n, d, "percent") for value, (n, d) in cells.items()]


def zone(
    rows: list[tuple], min_cell: int = 5, award_types: list[tuple[int, str, str]] = ()
) -> duckdb.DuckDBPyConnection:
    """The tables the suppression rules and the relations read, with `rows` as the unsuppressed indicators and
    `award_types` as the provider types of each provider's awards (year, provider, type); then the two models,
    materialised from their SQL files."""
    con = duckdb.connect()
    con.execute(macros_sql())
    con.execute("CREATE SCHEMA ref; CREATE SCHEMA marts; CREATE SCHEMA settings; CREATE SCHEMA intermediate")
    con.execute(
        "CREATE TABLE intermediate.provider_award_types (year INTEGER, provider_id VARCHAR, provider_type VARCHAR)"
    )
    if award_types:
        con.executemany("INSERT INTO intermediate.provider_award_types VALUES (?, ?, ?)", list(award_types))
    con.execute(
        "CREATE TABLE ref.share_cells AS SELECT * FROM read_csv($1, all_varchar = true)",
        [str(REFERENCE_DIR / "share_cells.csv")],
    )
    con.execute(
        "CREATE TABLE ref.indicators AS SELECT unnest($1::VARCHAR[]) AS indicator_id, 'true' AS suppressed",
        [SUPPRESSED],
    )
    con.execute(
        "CREATE TABLE settings.parameters AS SELECT $1::INTEGER AS min_cell, NULL::INTEGER AS report_year", [min_cell]
    )
    con.execute(
        "CREATE TABLE marts.indicator_values_unsuppressed (indicator_id VARCHAR, year INTEGER, dimension VARCHAR, "
        "dimension_value VARCHAR, numerator DOUBLE, denominator DOUBLE, unit VARCHAR)"
    )
    con.executemany("INSERT INTO marts.indicator_values_unsuppressed VALUES (?, ?, ?, ?, ?, ?, ?)", rows)
    con.execute(
        "ALTER TABLE marts.indicator_values_unsuppressed ADD COLUMN value DOUBLE; "
        "UPDATE marts.indicator_values_unsuppressed SET value = indicator_value(unit, numerator, denominator)"
    )
    for name in ("marts.disclosure_relations", "marts.suppression_rules"):
        materialise(con, MODELS[name])
    return con


def audit(con, *, linked: bool = True, protect: bool = False):
    """The audit of what the rules hide. `linked=False` is the test-only switch that drops the linked rule;
    `protect=True` adds the protection of marts.cell_suppression first."""
    publication = Publication.load(con)
    hidden = publication.hidden_in(con, "marts.suppression_rules", "" if linked else "WHERE reason <> 'linked'")
    if protect:
        hidden[publication.protect(hidden, 5)] = True
    return publication.audit(hidden, 5)


def derivable(result) -> dict[tuple, tuple[float, float]]:
    found = result[result["derivable"]]
    return {
        (r.indicator_id, r.year, r.dimension, r.dimension_value, r.quantity): (r.lower_bound, r.upper_bound)
        for r in found.itertuples()
    }


def hidden_rows(con) -> set[tuple]:
    return set(
        con.execute("SELECT indicator_id, year, dimension, dimension_value FROM marts.suppression_rules").fetchall()
    )


def relation_kinds(con) -> set[str]:
    return {kind for (kind,) in con.execute("SELECT DISTINCT relation_kind FROM marts.disclosure_relations").fetchall()}


# --- breakdown_sum: two small cells of one breakdown -------------------------------------------------------


def test_breakdown_sum_two_small_cells_are_their_sum_of_five(tmp_path):
    # M 2 and V 3 are both small; the complementary rule needs exactly one hidden cell, so X stays
    # published and M + V = 20 - 15 = 5: M is at most 5 - 1 (V is at least 1).
    con = zone(
        counts("learners", 2025, "total", {"total": 20}) + counts("learners", 2025, "sex", {"M": 2, "V": 3, "X": 15})
    )
    assert hidden_rows(con) == {("learners", 2025, "sex", "M"), ("learners", 2025, "sex", "V")}
    assert derivable(audit(con)) == {
        ("learners", 2025, "sex", "M", "aantal"): (1, 4),
        ("learners", 2025, "sex", "V", "aantal"): (1, 4),
    }
    assert derivable(audit(con, protect=True)) == {}
    publication = Publication.load(con)
    added = publication.protect(publication.hidden_in(con, "marts.suppression_rules"), 5)
    assert [tuple(publication.rows.iloc[row][["dimension_value"]]) for row in added] == [("X",)]


# --- two_way_margin: each row and column of a two-way table sums to a one-way cell ------------------------


def hide(publication: Publication, keys: set[tuple]):
    """The rows of `keys` (indicator, year, dimension, value) hidden, the others published."""
    return publication.rows[KEY].apply(tuple, axis=1).isin(keys).to_numpy()


def province_by_sex() -> list[tuple]:
    """Awards 2025 by province (A, B, C) and sex, with their margins; only (A, M) = 2 is small.

        |  M   V  | province
      A |  2  10  |  12
      B |  6   8  |  14
      C | 20  30  |  50
      --+---------+
    sex | 28  48  |  76
    """
    return (
        counts("awards", 2025, "total", {"total": 76})
        + counts("awards", 2025, "province", {"A": 12, "B": 14, "C": 50})
        + counts("awards", 2025, "sex", {"M": 28, "V": 48})
        + counts("awards", 2025, "province×sex", {"A|M": 2, "A|V": 10, "B|M": 6, "B|V": 8, "C|M": 20, "C|V": 30})
    )


def two_way(*values: str) -> set[tuple]:
    return {("awards", 2025, "province×sex", value) for value in values}


def test_two_way_margins_give_away_a_cell_that_a_naive_complement_leaves_alone_in_its_row():
    con = zone(province_by_sex())
    assert "two_way_margin" in relation_kinds(con)
    publication = Publication.load(con)
    # Naive: the table as one breakdown of the total, its smallest other cell (B, M) hidden with (A, M). Province
    # A's 12 minus (A, V) 10 still gives 2.
    naive = publication.audit(hide(publication, two_way("A|M", "B|M")), 5)
    assert derivable(naive) == {("awards", 2025, "province×sex", "A|M", "aantal"): (2, 2)}
    # One pass over rows and columns: row A takes (A, V), column M takes (B, M); then row B has one hidden cell,
    # (B, M) = 14 - 8, and column M gives (A, M) = 28 - 6 - 20.
    one_pass = publication.audit(hide(publication, two_way("A|M", "A|V", "B|M")), 5)
    assert derivable(one_pass) == {("awards", 2025, "province×sex", "A|M", "aantal"): (2, 2)}
    # The rule hides one cell at a time until no row or column has exactly one hidden cell: (B, M), the smallest of
    # row A and column M; (B, V) for row B; (A, V), which closes row A and column V at once. (A, M) can then be
    # anything from 1 to 7 (column M: (A, M) + (B, M) = 8).
    assert hidden_rows(con) == two_way("A|M", "A|V", "B|M", "B|V")
    ours = audit(con)
    assert derivable(ours) == {}
    assert ours[["dimension_value", "lower_bound", "upper_bound"]].values.tolist() == [["A|M", 1, 7]]


def test_a_hidden_margin_is_not_the_sum_of_a_published_row():
    # Province A's one-way cell is the complement of B (3, small); were row A of the table all published,
    # it would sum to A, and A to B.
    rows = (
        counts("awards", 2025, "total", {"total": 63})
        + counts("awards", 2025, "province", {"A": 10, "B": 3, "C": 50})
        + counts("awards", 2025, "sex", {"M": 25, "V": 38})
        + counts("awards", 2025, "province×sex", {"A|M": 5, "A|V": 5, "B|M": 1, "B|V": 2, "C|M": 19, "C|V": 31})
    )
    con = zone(rows)
    publication = Publication.load(con)
    # Naive: the cells of row B (small) hidden, row A published.
    naive = {("awards", 2025, "province", "A"), ("awards", 2025, "province", "B")}
    naive |= {("awards", 2025, "province×sex", v) for v in ("B|M", "B|V")}
    assert ("awards", 2025, "province", "B", "aantal") in derivable(publication.audit(hide(publication, naive), 5))
    assert derivable(audit(con)) == {}


def test_a_column_of_small_cells_gives_up_its_margin():
    # Sex X (BIS numbers): 2 awards aged 25-34 and 3 aged 35-44, both small; their published margin, 5, says that
    # each is at most 4 whatever else is hidden in their rows. No cell of column X is left to hide: the margin goes,
    # and with it, as in any one-way breakdown with one hidden cell, the smallest other sex.
    rows = (
        counts("awards", 2025, "total", {"total": 115})
        + counts("awards", 2025, "sex", {"M": 45, "V": 65, "X": 5})
        + counts("awards", 2025, "age_band", {"25-34": 52, "35-44": 63})
        + counts(
            "awards",
            2025,
            "age_band×sex",
            {"25-34|M": 20, "25-34|V": 30, "25-34|X": 2, "35-44|M": 25, "35-44|V": 35, "35-44|X": 3},
        )
    )
    con = zone(rows)
    cells = {("awards", 2025, "age_band×sex", v) for v in ("25-34|X", "35-44|X", "25-34|M", "35-44|M")}
    margins = {("awards", 2025, "sex", "X"), ("awards", 2025, "sex", "M")}
    assert hidden_rows(con) == cells | margins
    publication = Publication.load(con)
    assert derivable(publication.audit(hide(publication, cells), 5)) == {
        ("awards", 2025, "age_band×sex", "25-34|X", "aantal"): (1, 4),
        ("awards", 2025, "age_band×sex", "35-44|X", "aantal"): (1, 4),
    }
    assert derivable(audit(con)) == {}


def test_a_provincial_rate_is_a_margin_of_the_learners_aged_25_to_64():
    # Learners by province and age band; (P, 35-44) = 3 is small. Rows and columns alone hide (P, 65+) for row P,
    # then (Q, 65+) for its column, then (Q, 35-44) for row Q and column 35-44; but P's rate per 1000 counts its
    # bands 25-64 (93 learners), so (P, 35-44) = 93 - 40 - 30 - 20. With that line, (P, 55-64) closes row P and
    # the rate at once, (Q, 55-64) its column, (Q, 35-44) row Q, column 35-44 and Q's rate.
    p = {"18-24": 10, "25-34": 40, "35-44": 3, "45-54": 30, "55-64": 20, "65+": 6}
    q = {"18-24": 12, "25-34": 50, "35-44": 25, "45-54": 35, "55-64": 22, "65+": 15}
    rows = (
        counts("learners", 2025, "total", {"total": 268})
        + counts("learners", 2025, "province", {"P": 109, "Q": 159})
        + counts("learners", 2025, "age_band", {band: p[band] + q[band] for band in p})
        + counts("learners", 2025, "province×age_band", {f"P|{band}": n for band, n in p.items()})
        + counts("learners", 2025, "province×age_band", {f"Q|{band}": n for band, n in q.items()})
        + [
            ("learners_per_1000", 2025, "total", "total", 225, 200_000, "per_1000"),
            ("learners_per_1000", 2025, "province", "P", 93, 100_000, "per_1000"),
            ("learners_per_1000", 2025, "province", "Q", 132, 100_000, "per_1000"),
        ]
        + shares("learner_share_55plus", 2025, "total", {"total": (63, 268)})
    )
    con = zone(rows)
    assert "rate_of_cells" in relation_kinds(con)
    publication = Publication.load(con)
    cells = {("learners", 2025, "province×age_band", value) for value in ("P|35-44", "P|65+", "Q|35-44", "Q|65+")}
    assert derivable(publication.audit(hide(publication, cells), 5)) == {
        ("learners", 2025, "province×age_band", "P|35-44", "aantal"): (3, 3)
    }
    assert hidden_rows(con) == {
        ("learners", 2025, "province×age_band", value) for value in ("P|35-44", "P|55-64", "Q|35-44", "Q|55-64")
    }
    # (P, 35-44) + (P, 55-64) = 23 and (P, 35-44) + (Q, 35-44) = 28: at most 22.
    ours = audit(con)
    assert derivable(ours) == {}
    assert ours[["dimension_value", "lower_bound", "upper_bound"]].values.tolist() == [["P|35-44", 1, 22]]


# --- share_of_cells: the 2025 case of the sample, with the linked rule switched off ---------------------


SAMPLE_2025_BANDS = {"<18": 4, "18-24": 259, "25-34": 532, "35-44": 547, "45-54": 490, "55-64": 365, "65+": 138}


def sample_2025_age_bands() -> list[tuple]:
    """The committed sample's learners of 2025 by age band, as published before the linked rule."""
    bands = SAMPLE_2025_BANDS
    return (
        counts("learners", 2025, "total", {"total": sum(bands.values())})
        + counts("learners", 2025, "age_band", bands)
        + shares("learner_share_55plus", 2025, "total", {"total": (365 + 138, 2335)})
    )


def test_share_of_cells_gives_away_the_youngest_learners_without_the_linked_rule():
    # 2335 - 2193 (the published bands) = 142 for <18 and 65+ together; 65+ is the share's numerator (503)
    # minus the 55-64 band (365) = 138, so <18 is 142 - 138 = 4.
    con = zone(sample_2025_age_bands())
    assert derivable(audit(con, linked=False)) == {("learners", 2025, "age_band", "<18", "aantal"): (4, 4)}
    assert ("learner_share_55plus", 2025, "total", "total") in hidden_rows(con)
    assert derivable(audit(con)) == {}


def test_the_linked_rule_hides_every_share_built_on_a_hidden_cell():
    rows = (
        counts("learners", 2025, "total", {"total": 60})
        + counts("learners", 2025, "education_level", {"LAAG": 10, "MIDDEN": 3, "HOOG": 27, "ONBEKEND": 20})
        + counts("learners", 2025, "labour_status", {"WERKEND": 30, "WERKZOEKEND": 10, "ONBEKEND": 20})
        + shares("learner_share_low_educated", 2025, "total", {"total": (10, 40)})
        + shares("learner_share_jobseeker", 2025, "total", {"total": (10, 40)})
    )
    con = zone(rows)
    reasons = dict(
        con.execute("SELECT indicator_id || '|' || dimension_value, reason FROM marts.suppression_rules").fetchall()
    )
    # MIDDEN (3) is small, its complement is the smallest other education level, LAAG (10). The low-educated
    # share counts LAAG over LAAG + MIDDEN + HOOG: it goes too. The jobseeker share rests on published cells.
    assert reasons == {
        "learners|MIDDEN": "primary",
        "learners|LAAG": "complementary",
        "learner_share_low_educated|total": "linked",
    }


# --- same_number: one number under two indicators ------------------------------------------------------


def test_same_number_a_coverage_published_beside_its_hidden_awards_is_caught():
    # gap_coverage's numerator is gap_awards. The rules hide both at 3; were the coverage published, the
    # awards would be known: a pattern the audit must catch whatever rule produced it.
    rows = [
        ("gap_awards", 2025, "isco_submajor", "21", 3, None, "count"),
        ("gap_coverage", 2025, "isco_submajor", "21", 3, 1500, "per_1000"),
    ]
    con = zone(rows)
    publication = Publication.load(con)
    hidden = publication.hidden_in(con, "marts.suppression_rules")
    assert hidden.all()
    assert derivable(publication.audit(hidden, 5)) == {}
    hidden[publication.rows["indicator_id"].eq("gap_coverage").to_numpy()] = False
    assert derivable(publication.audit(hidden, 5)) == {("gap_awards", 2025, "isco_submajor", "21", "aantal"): (3, 3)}


# --- part_of_whole: a share's complement with nothing left over ------------------------------------------


def test_part_of_whole_a_complement_that_is_all_numerator_protects_nothing():
    # The sample's award_share_lifewide 2022: VDAB 35 of 36 (one non-lifewide award: small), complemented by
    # DKO, 19 of 19. The breakdown sums give 1 + 0 non-lifewide awards for the two, and neither share can
    # exceed its whole, so VDAB's one is exposed.
    rows = shares(
        "award_share_lifewide",
        2022,
        "provider_type",
        {"VDAB": (35, 36), "DKO": (19, 19), "PRIVAAT": (5, 20), "HO": (91, 215)},
    ) + shares("award_share_lifewide", 2022, "total", {"total": (150, 290)})
    con = zone(rows)
    assert hidden_rows(con) == {
        ("award_share_lifewide", 2022, "provider_type", "VDAB"),
        ("award_share_lifewide", 2022, "provider_type", "DKO"),
    }
    assert derivable(audit(con)) == {("award_share_lifewide", 2022, "provider_type", "VDAB", "noemer - teller"): (0, 1)}
    assert derivable(audit(con, protect=True)) == {}


# --- bounded_by: learners bound the awards from below --------------------------------------------------


def test_bounded_by_a_published_learner_count_pins_the_awards_complement():
    # Awards by province: A 3 (small), complement B 10; A + B = 13. Learners: A 2 (small), complement C 8.
    # The 10 learners in B (published) had at least 10 awards in B, so A has at most 3 awards, and so at
    # most 3 learners.
    rows = (
        counts("awards", 2025, "total", {"total": 63})
        + counts("awards", 2025, "province", {"A": 3, "B": 10, "C": 50})
        + counts("learners", 2025, "total", {"total": 20})
        + counts("learners", 2025, "province", {"A": 2, "B": 10, "C": 8})
    )
    con = zone(rows)
    assert derivable(audit(con)) == {
        ("awards", 2025, "province", "A", "aantal"): (1, 3),
        ("learners", 2025, "province", "A", "aantal"): (1, 3),
    }
    assert derivable(audit(con, protect=True)) == {}


# --- cumulative: awards never outnumber the completed enrolments up to a year ---------------------------


def test_cumulative_awards_reveal_the_completions_of_a_year():
    # HO 2025: 30 of 33 finished enrolments completed (3 not: small), complemented by CVO. HO's awards up
    # to 2025 (20 + 30) are at most its completions up to 2025 (20 + HO 2025): HO 2025 completed at least
    # 30; CVO likewise at least 40 of the 70, so exactly 30. The 33 enrolments of HO bound its finished ones,
    # the 60 of CVO bound CVO's, so of 93 HO finished exactly 33: 3 did not complete.
    rows = (
        shares("completion_rate", 2024, "total", {"total": (40, 60)})
        + shares("completion_rate", 2024, "provider_type", {"HO": (20, 30), "CVO": (20, 30)})
        + shares("completion_rate", 2025, "total", {"total": (70, 93)})
        + shares("completion_rate", 2025, "provider_type", {"HO": (30, 33), "CVO": (40, 60)})
        + counts("enrolments", 2024, "total", {"total": 60})
        + counts("enrolments", 2024, "provider_type", {"HO": 30, "CVO": 30})
        + counts("enrolments", 2025, "total", {"total": 93})
        + counts("enrolments", 2025, "provider_type", {"HO": 33, "CVO": 60})
        + counts("awards", 2024, "total", {"total": 40})
        + counts("awards", 2024, "provider_type", {"HO": 20, "CVO": 20})
        + counts("awards", 2025, "total", {"total": 70})
        + counts("awards", 2025, "provider_type", {"HO": 30, "CVO": 40})
    )
    con = zone(rows)
    assert derivable(audit(con)) == {("completion_rate", 2025, "provider_type", "HO", "noemer - teller"): (3, 3)}
    assert derivable(audit(con, protect=True)) == {}


def test_every_relation_kind_is_declared_and_holds_on_the_planted_cases():
    con = zone(
        sample_2025_age_bands()
        + counts(
            "awards",
            2025,
            "age_band",
            {"<18": 5, "18-24": 300, "25-34": 600, "35-44": 600, "45-54": 500, "55-64": 400, "65+": 150},
        )
        + counts("awards", 2025, "total", {"total": 2555})
        + counts(
            "awards",
            2025,
            "age_band×sex",
            {"<18|M": 5, "18-24|V": 300, "25-34|V": 600, "35-44|M": 600, "45-54|M": 500, "55-64|V": 400, "65+|V": 150},
        )
        + counts("awards", 2025, "sex", {"M": 1105, "V": 1450})
        + counts("learners", 2025, "province", {"P": 2335})
        + counts("learners", 2025, "province×age_band", {f"P|{band}": n for band, n in SAMPLE_2025_BANDS.items()})
        + [
            ("learners_per_1000", 2025, "total", "total", 1934, 1_000_000, "per_1000"),
            ("learners_per_1000", 2025, "province", "P", 1934, 1_000_000, "per_1000"),
        ]
        + shares("learner_share_stacking", 2025, "total", {"total": (400, 2335)})
        + shares("learner_share_multi_provider", 2025, "total", {"total": (100, 2335)})
        + counts("gap_awards", 2025, "isco_submajor", {"21": 40})
        + [("gap_coverage", 2025, "isco_submajor", "21", 40, 2000, "per_1000")]
    )
    assert relation_kinds(con) == {
        "breakdown_sum",
        "two_way_margin",
        "rate_of_cells",
        "share_of_cells",
        "same_number",
        "part_of_whole",
        "bounded_by",
        "cumulative",
    }
    (relations,) = [c for c in checks() if c.name == "disclosure_relations_hold"]
    broken = con.execute(f"SELECT example FROM ({relations.sql}) WHERE NOT ok").fetchall()
    assert broken == []


# --- The checks that guard publication ------------------------------------------------------------------


def disclosure_checks(con, worker):
    """The two disclosure checks of the marts.indicator_values suite, run as the pipeline runs them (after the
    audit, the suite's setup)."""
    selected = tuple(c for c in checks() if c.name in {"no_hidden_cell_derivable", "disclosure_relations_hold"})
    return {o.check.name: o for o in run_suite(con, Suite("marts.indicator_values", selected), worker)}


@pytest.fixture(scope="module")
def worker():
    """This test process's checks worker, which the other tests of the process share (GX imports once)."""
    return process_worker()


def test_the_audit_check_fails_when_the_published_table_gives_a_cell_away(worker):
    con = zone(sample_2025_age_bands())
    # The linked rule switched off: marts.cell_suppression without its linked rows.
    con.execute("CREATE TABLE marts.cell_suppression AS SELECT * FROM marts.suppression_rules WHERE reason <> 'linked'")
    materialise(con, MODELS["marts.indicator_values"])
    outcomes = disclosure_checks(con, worker)
    assert not outcomes["no_hidden_cell_derivable"].success
    assert outcomes["no_hidden_cell_derivable"].examples == ["learners | 2025 | age_band | <18 | aantal hoogstens 4.0"]
    assert outcomes["disclosure_relations_hold"].success


def test_the_relations_check_fails_when_a_share_stops_being_the_sum_of_its_cells(worker):
    con = zone(sample_2025_age_bands())
    con.execute("CREATE TABLE marts.cell_suppression AS SELECT * FROM marts.suppression_rules")
    materialise(con, MODELS["marts.indicator_values"])
    assert all(o.success for o in disclosure_checks(con, worker).values())
    # A share that also counted the 45-54 band would no longer be the declared sum of learner cells.
    con.execute(
        "UPDATE marts.indicator_values_unsuppressed SET numerator = numerator + 490 "
        "WHERE indicator_id = 'learner_share_55plus'"
    )
    outcome = disclosure_checks(con, worker)["disclosure_relations_hold"]
    assert not outcome.success and outcome.examples == ["share_of_cells|learner_share_55plus|2025|numerator"]


# --- The committed sample ---------------------------------------------------------------------------------


def test_the_sample_keeps_its_2025_youngest_learners_hidden(sample_run):
    """The case of the issue: in 2025 the sample's learners under 18 (4) were total - published bands - 65+,
    with 65+ from learner_share_55plus's numerator minus the 55-64 band."""
    data, _, _ = sample_run
    with duckdb.connect(str(data / "internal" / "pipeline.duckdb"), read_only=True) as con:
        reasons = dict(
            con.execute(
                "SELECT indicator_id || '|' || dimension_value, reason FROM marts.cell_suppression WHERE year = 2025"
            ).fetchall()
        )
        assert {k: reasons.get(k) for k in ("learners|<18", "learners|65+", "learner_share_55plus|total")} == {
            "learners|<18": "primary",
            "learners|65+": "complementary",
            "learner_share_55plus|total": "linked",
        }
        published = con.execute(
            "SELECT count(*), count(*) FILTER (derivable), min(upper_bound) FROM dq.disclosure_audit"
        ).fetchall()
        assert published[0][0] > 0 and published[0][1] == 0 and published[0][2] >= 5
        publication = Publication.load(con)
        without_linked = publication.hidden_in(con, "marts.cell_suppression", "WHERE reason <> 'linked'")
        assert ("learners", 2025, "age_band", "<18", "aantal") in derivable(publication.audit(without_linked, 5))
    shown = query(
        data / "warehouse.duckdb",
        "SELECT dimension_value, suppressed, numerator FROM marts.indicator_values "
        "WHERE year = 2025 AND indicator_id IN ('learners', 'learner_share_55plus') "
        "AND dimension_value IN ('<18', '65+', 'total') ORDER BY ALL",
    )
    assert [(value, hidden) for value, hidden, _ in shown] == [
        ("65+", True),
        ("<18", True),
        ("total", False),  # learners
        ("total", True),  # learner_share_55plus
    ]
    tables = {t for (t,) in query(data / "warehouse.duckdb", "SELECT table_name FROM duckdb_tables()")}
    assert not tables & {"cell_suppression", "suppression_rules", "disclosure_audit", "disclosure_relations"}
