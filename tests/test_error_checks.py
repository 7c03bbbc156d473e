"""Every blocking (ERROR) check can fail: each test corrupts exactly what one check guards, in a copy of the
sample run's internal database, and runs that check as the pipeline runs it (setup included).

The sample itself passes every ERROR check (tests/test_quality.py); a check listed below that stayed green
on its corruption would guard nothing.
"""

from __future__ import annotations

import shutil
from dataclasses import replace

import duckdb
import pytest

from pipelines.defs.quality.checks import insz_suite
from pipelines.landing.pseudonymise import define_insz_macros
from pipelines.quality.suites import ERROR, Folders, Suite, checks
from pipelines.quality.validate import GxWorker, process_worker, run_suite
from pipelines.settings import SAMPLE_LANDING_DIR
from tests.helpers import insz

FIRST_OFFER = "(SELECT min(rowid) FROM marts.offers)"

# (table, check) -> the SQL that breaks what the check guards, and a part of what the check then reports.
CORRUPTIONS: dict[tuple[str, str], tuple[str, str]] = {
    # A file's rows no longer add up: one loaded row was lost between the landing file and the tables.
    ("dq.files", "rows_match_landing_files"): (
        "UPDATE dq.files SET rows_loaded = rows_loaded - 1 WHERE file = 'offers/hogent.csv'",
        "offers/hogent.csv: 4 rijen in het bestand, 3 verwerkt",
    ),
    # A published code that its list does not know (and so has no Dutch label).
    ("dq.files", "codes_in_code_lists"): (
        "UPDATE dq.files SET reason = 'typo_reason' WHERE file = 'offers/aanbod_scan.csv'",
        "reason = typo_reason",
    ),
    ("dq.issue_counts", "codes_in_code_lists"): (
        "UPDATE dq.issue_counts SET source = 'offres' WHERE rowid = (SELECT min(rowid) FROM dq.issue_counts)",
        "source = offres",
    ),
    ("dq.elm_outcomes", "codes_in_code_lists"): (
        "UPDATE dq.elm_outcomes SET shape = 'pdf' WHERE shape = 'jwt'",
        "shape = pdf",
    ),
    ("dq.sources", "codes_in_code_lists"): ("UPDATE dq.sources SET source = 'elm_v2' WHERE source = 'elm'", "elm_v2"),
    ("marts.indicator_values", "codes_in_code_lists"): (
        "UPDATE marts.indicator_values SET unit = 'procent' WHERE unit = 'percent'",
        "unit = procent",
    ),
    ("marts.indicator_catalogue", "codes_in_code_lists"): (
        "UPDATE marts.indicator_catalogue SET unit = 'pct' WHERE unit = 'percent'",
        "unit = pct",
    ),
    ("marts.offers", "codes_in_code_lists"): (
        f"UPDATE marts.offers SET participation_form = 'Online' WHERE rowid = {FIRST_OFFER}",
        "participation_form = Online",
    ),
    ("marts.provider_scorecard", "codes_in_code_lists"): (
        "UPDATE marts.provider_scorecard SET provider_type = 'Hogeschool' WHERE provider_type = 'HO'",
        "provider_type = Hogeschool",
    ),
    ("marts.provider_compliance", "codes_in_code_lists"): (
        "UPDATE marts.provider_compliance SET provider_type = 'cvo' WHERE provider_type = 'CVO'",
        "provider_type = cvo",
    ),
    ("dq.provider_issue_counts", "codes_in_code_lists"): (
        "UPDATE dq.provider_issue_counts SET reason = 'insz_invalid' WHERE reason = 'invalid_insz'",
        "reason = insz_invalid",
    ),
    # A credential's learner without a pseudonym: the learner was lost on the way from the credential.
    ("staging.awards", "learner_is_pseudonym"): (
        "UPDATE staging.elm_claims_validated SET learner_id = NULL "
        "WHERE rowid = (SELECT min(rowid) FROM staging.elm_claims_validated WHERE row_status = 'loaded')",
        "awards/elm/",
    ),
    # The same offer twice in the published offer table (a catalogue offer also taken from a credential).
    ("marts.offers", "key_unique"): (
        f"INSERT INTO marts.offers SELECT * FROM marts.offers WHERE rowid = {FIRST_OFFER}",
        "|",
    ),
    ("marts.offers", "provider_id_is_kbo"): (
        f"UPDATE marts.offers SET provider_id = '2' || provider_id[2:] WHERE rowid = {FIRST_OFFER}",
        "2",
    ),
    ("marts.offers", "no_insz_published"): (
        f"UPDATE marts.offers SET title = 'Cursus voor {insz('1985-07-30', 33)}' WHERE rowid = {FIRST_OFFER}",
        "title",
    ),
    # An indicator total that the loaded rows do not give.
    ("marts.indicator_values", "totals_recounted"): (
        "UPDATE marts.indicator_values_unsuppressed SET numerator = numerator + 1, value = value + 1 "
        "WHERE indicator_id = 'awards' AND dimension = 'total' AND year = 2025",
        "awards 2025",
    ),
    # A small cell published: its numbers shown and its suppression flag off.
    ("marts.indicator_values", "no_small_cell_published"): (
        """UPDATE marts.indicator_values v SET suppressed = false, numerator = u.numerator, value = u.value
        FROM marts.indicator_values_unsuppressed u
        WHERE (v.indicator_id, v.year, v.dimension, v.dimension_value)
              = (u.indicator_id, u.year, u.dimension, u.dimension_value)
          AND v.indicator_id = 'learners' AND u.numerator BETWEEN 1 AND 4""",
        "learners |",
    ),
    # Complementary suppression undone: every hidden cell that is not small itself is published, so the
    # small ones follow from their totals.
    ("marts.indicator_values", "no_hidden_cell_derivable"): (
        """UPDATE marts.indicator_values v SET suppressed = false, numerator = u.numerator,
               denominator = u.denominator, value = u.value
        FROM marts.indicator_values_unsuppressed u
        WHERE (v.indicator_id, v.year, v.dimension, v.dimension_value)
              = (u.indicator_id, u.year, u.dimension, u.dimension_value)
          AND v.suppressed AND NOT coalesce(u.numerator, 0) BETWEEN 1 AND 4
          AND NOT coalesce(u.denominator - u.numerator, 0) BETWEEN 1 AND 4""",
        "hoogstens",
    ),
    # A breakdown that no longer sums to its total.
    ("marts.indicator_values", "disclosure_relations_hold"): (
        "UPDATE marts.indicator_values_unsuppressed SET numerator = numerator + 1, value = value + 1 "
        "WHERE indicator_id = 'enrolments' AND dimension = 'province' AND dimension_value = '10000' AND year = 2025",
        "enrolments",
    ),
    ("marts.indicator_values", "value_in_range"): (
        "UPDATE marts.indicator_values SET value = 100.5 WHERE indicator_id = 'completion_rate' "
        "AND dimension = 'total' AND year = 2025",
        "100.5",
    ),
    ("marts.indicator_values", "dimension_values_labelled"): (
        "UPDATE marts.indicator_values SET dimension_value = 'Antwerpen' WHERE dimension = 'province' "
        "AND dimension_value = '10000'",
        "province = Antwerpen",
    ),
}


def error_checks() -> set[tuple[str, str]]:
    declared = {(c.table, c.name) for c in checks() if c.severity == ERROR}
    # The INSZ scan runs on every published table; one corruption stands for its single query.
    return declared | {("marts.offers", "no_insz_published")}


def test_every_error_check_has_a_corruption_that_makes_it_fail():
    assert set(CORRUPTIONS) == error_checks()


@pytest.fixture(scope="module")
def worker():
    """This test process's checks worker, which the other tests of the process share (GX imports once)."""
    return process_worker()


@pytest.fixture
def corruptible(sample_run, tmp_path) -> duckdb.DuckDBPyConnection:
    """A connection to a copy of the sample run's internal database."""
    data, _, _ = sample_run
    copy = tmp_path / "pipeline.duckdb"
    shutil.copy(data / "internal" / "pipeline.duckdb", copy)
    con = duckdb.connect(str(copy))
    define_insz_macros(con)
    yield con
    con.close()


@pytest.fixture
def folders(tmp_path) -> Folders:
    return Folders(landing=SAMPLE_LANDING_DIR, scratch=tmp_path / "scratch")


def run_check(con: duckdb.DuckDBPyConnection, worker: GxWorker, folders: Folders, table: str, name: str):
    if name == "no_insz_published":
        suite = insz_suite(con, table)
    else:
        suite = Suite(table, tuple(c for c in checks() if (c.table, c.name) == (table, name)))
    (outcome,) = run_suite(con, suite, worker, folders)
    return outcome


@pytest.mark.parametrize(("table", "name"), sorted(CORRUPTIONS), ids=lambda v: v)
def test_the_check_fails_on_what_it_guards(corruptible, worker, folders, table, name):
    assert run_check(corruptible, worker, folders, table, name).success, "the sample passes before the corruption"
    corruption, reported = CORRUPTIONS[table, name]
    corruptible.execute(corruption)
    outcome = run_check(corruptible, worker, folders, table, name)
    assert not outcome.success
    assert outcome.check.severity == ERROR
    assert reported in ", ".join(outcome.examples)


def test_every_code_in_a_list_column_is_held_to_its_list(corruptible, worker, folders):
    """recognition holds a list of codes: one unknown element among known ones fails the code-list check."""
    corruptible.execute(
        f"UPDATE marts.offers SET recognition = ['VRIJSTELLING', 'VRIJSTELLINGEN'] WHERE rowid = {FIRST_OFFER}"
    )
    outcome = run_check(corruptible, worker, folders, "marts.offers", "codes_in_code_lists")
    assert not outcome.success
    assert ", ".join(outcome.examples) == "recognition = VRIJSTELLINGEN"


def test_a_row_added_to_a_landing_file_after_loading_is_found(corruptible, worker, folders, tmp_path):
    """The reconciliation counts the landing file itself: a record the tables do not hold fails it."""
    landing = tmp_path / "landing"
    shutil.copytree(SAMPLE_LANDING_DIR, landing)
    catalogue = landing / "offers" / "hogent.csv"
    record = catalogue.read_text(encoding="utf-8").splitlines()[1].replace("HOGENT-MC-0290", "HOGENT-MC-0999")
    with catalogue.open("a", encoding="utf-8") as handle:
        handle.write(record + "\n")
    outcome = run_check(corruptible, worker, replace(folders, landing=landing), "dq.files", "rows_match_landing_files")
    assert not outcome.success
    assert outcome.examples == ["offers/hogent.csv: 5 rijen in het bestand, 4 verwerkt"]
