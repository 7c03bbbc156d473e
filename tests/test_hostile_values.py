"""Hostile input (issue 7), value by value: the parsing macros and the INSZ rule, property-based
(Hypothesis), give the right value or NULL for any text, never an error and never the INSZ as given.
"""

import datetime as dt
import math
import re
import unicodedata

import duckdb
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipelines.landing.pseudonymise import insz_functions
from pipelines.sql_models import macros_sql
from tests.helpers import insz, reference_insz
from tests.test_insz import learner
from tests.test_parsing import value

KEY = b"hostile-test-key"
# The contract's number; `re.ASCII` because the contract's digits are 0-9, not any script's digits.
NUMBER = re.compile(r"[+-]?\d+([.,]\d+)?", re.ASCII)
# What the contract trims as "spaces", as DuckDB's trim() does: every Unicode space separator.
SPACES = "".join(c for c in map(chr, range(0x3001)) if unicodedata.category(c) == "Zs")


@pytest.fixture(scope="module")
def macros():
    connection = duckdb.connect()
    connection.execute(macros_sql())
    return connection


@pytest.fixture(scope="module")
def insz_con():
    connection = duckdb.connect()
    with insz_functions(connection, KEY):
        yield connection


# Parsing macros (models/macros.sql): NULL or the right value, never an error.

NUMBER_LIKE = st.builds(
    "{}{}{}{}{}{}".format,
    st.sampled_from(["", " ", "  "]),
    st.sampled_from(["", "+", "-", "--"]),
    st.text("0123456789٣", min_size=0, max_size=20),
    st.sampled_from(["", ".", ",", ".,", " "]),
    st.text("0123456789e", max_size=20),
    st.sampled_from(["", " ", "\n", "\t", "\u00a0", "\u3000"]),
)


@given(raw=st.one_of(st.text(), NUMBER_LIKE))
@settings(max_examples=300, deadline=None)
def test_numbers_parse_to_their_value_or_to_null(macros, raw):
    text = raw.strip(SPACES)
    number = value(macros, "parse_number(x)", raw)
    assert number == (float(text.replace(",", ".")) if NUMBER.fullmatch(text) else None)
    assert number is None or math.isfinite(number)
    integer = value(macros, "parse_integer(x)", raw)
    assert integer == (int(text) if re.fullmatch(r"[+-]?\d{1,9}", text, re.ASCII) else None)


def test_a_number_too_large_for_a_double_is_invalid(macros):
    assert value(macros, "parse_number(x)", "9" * 400) is None
    assert value(macros, "parse_workload_hours(x)", f"PT{'9' * 400}H") is None


def reference_date(text: str) -> dt.date | None:
    """The contract's date rule in Python: YYYY-MM-DD or DD/MM/YYYY (day and month may drop a zero)."""
    if match := re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", text, re.ASCII):
        year, month, day = (int(g) for g in match.groups())
    elif match := re.fullmatch(r"(\d{1,2})/(\d{1,2})/(\d{4})", text, re.ASCII):
        day, month, year = (int(g) for g in match.groups())
    else:
        return None
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


DATE_LIKE = st.builds(
    lambda year, month, day, belgian: f"{day}/{month}/{year:04d}" if belgian else f"{year:04d}-{month:02d}-{day:02d}",
    st.integers(1, 9999),
    st.integers(0, 13),
    st.integers(0, 32),
    st.booleans(),
)


@given(raw=st.one_of(st.text(), DATE_LIKE, DATE_LIKE.map(lambda d: f" {d}\u00a0"), st.dates().map(str)))
@settings(max_examples=300, deadline=None)
def test_dates_parse_to_the_day_they_name_or_to_null(macros, raw):
    assert value(macros, "parse_date(x)", raw) == reference_date(raw.strip(SPACES))


def test_year_zero_is_not_a_date(macros):
    assert value(macros, "parse_date(x)", "0000-01-01") is None
    assert value(macros, "parse_date(x)", "1/1/0000") is None


# INSZ (pipelines/landing/sql/insz_macros.sql) against the contract's checksum rule in Python.


VALID_INSZ = st.builds(insz, st.dates().map(str), st.integers(1, 998), st.sampled_from([0, 20, 40]))
ELEVEN_DIGITS = st.text("0123456789", min_size=11, max_size=11)


@given(digits=st.one_of(ELEVEN_DIGITS, VALID_INSZ))
@settings(max_examples=300, deadline=None)
@pytest.mark.slow
def test_insz_validation_agrees_with_the_checksum_rule(insz_con, digits):
    result = learner(insz_con, digits)
    expected = reference_insz(digits)
    assert result["insz_status"] == ("valid" if expected else "invalid")
    assert (result["birth_year"], result["sex"]) == (expected or (None, None))
    printed = f"{digits[:2]}.{digits[2:4]}.{digits[4:6]}-{digits[6:9]}.{digits[9:]}"
    assert learner(insz_con, printed)["learner_id"] == result["learner_id"]
    assert result["insz_masked"] == f"{digits[:2]}.{digits[2:4]}.{digits[4:6]}-***.**"


@given(raw=st.text(max_size=30))
@settings(max_examples=200, deadline=None)
def test_any_text_as_insz_is_a_status_and_never_stored_as_given(insz_con, raw):
    result = learner(insz_con, raw)
    assert result["insz_status"] in ("valid", "invalid", "missing")
    assert result["learner_id"] is None or len(result["learner_id"]) == 32
    masked = result["insz_masked"]
    assert masked in (None, "***") or re.fullmatch(r"\d\d\.\d\d\.\d\d-\*\*\*\.\*\*", masked)
