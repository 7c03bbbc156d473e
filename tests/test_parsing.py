"""The contract's general file rules as the staging models apply them (models/macros.sql)."""

import datetime as dt

import duckdb
import pytest

from pipelines.sql_models import macros_sql


@pytest.fixture(scope="module")
def con():
    connection = duckdb.connect()
    connection.execute(macros_sql())
    return connection


def value(con, expression: str, raw):
    return con.execute(f"SELECT {expression} FROM (SELECT $1::VARCHAR AS x)", [raw]).fetchall()[0][0]


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("1.5", 1.5),
        ("1,5", 1.5),
        (" 32 ", 32.0),
        ("-2", -2.0),
        ("+3,25", 3.25),
        ("1.234,5", None),
        ("1e3", None),
        ("vijf", None),
        ("", None),
        (None, None),
    ],
)
def test_numbers_take_both_decimal_marks_and_nothing_else(con, raw, expected):
    assert value(con, "parse_number(x)", raw) == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("2024-09-01", dt.date(2024, 9, 1)),
        ("01/09/2024", dt.date(2024, 9, 1)),
        ("1/9/2024", dt.date(2024, 9, 1)),
        ("31/02/2024", None),
        ("2024-13-01", None),
        ("12-03-2024", None),
        ("2024/09/01", None),
        ("", None),
    ],
)
def test_dates_iso_or_belgian(con, raw, expected):
    assert value(con, "parse_date(x)", raw) == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("J", True),
        ("ja", True),
        ("Y", True),
        ("TRUE", True),
        ("1", True),
        ("n", False),
        ("Nee", False),
        ("false", False),
        ("0", False),
        ("yes", None),
        ("", None),
    ],
)
def test_booleans(con, raw, expected):
    assert value(con, "parse_boolean(x)", raw) == expected


def test_lists_are_trimmed_and_drop_empty_elements(con):
    assert value(con, "parse_list(x)", " 2512 | |7411|") == ["2512", "7411"]
    assert value(con, "parse_list(x)", None) == []


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("0123.456.749", "0123456749"),
        ("0123456749", "0123456749"),
        ("0403 563 451", "0403563451"),
        ("0123.456.748", None),
        ("123456749", None),
        ("2123456749", None),
    ],
)
def test_kbo_numbers_normalise_to_ten_digits_with_valid_check(con, raw, expected):
    assert value(con, "parse_kbo(x)", raw) == expected


@pytest.mark.parametrize(
    ("raw", "hours", "is_duration"),
    [
        ("PT45H", 45.0, True),
        ("PT12H30M", 12.5, True),
        ("PT90M", 1.5, True),
        # A length of time (days and more) is no workload (ELM v2).
        ("P1DT2H", None, True),
        ("P60D", None, True),
        ("P2W", None, True),
        ("PT", None, False),
        ("P1DT", None, False),
        ("45 uur", None, False),
    ],
)
def test_a_workload_is_an_iso_duration_of_hours_and_minutes(con, raw, hours, is_duration):
    assert value(con, "parse_workload_hours(x)", raw) == hours
    assert value(con, "is_iso_duration(x)", raw) is is_duration


@pytest.mark.parametrize(
    ("uri", "valid"),
    [
        ("http://data.europa.eu/esco/skill/c624c6a3-b0ba-4a31-a296-0d433fe47e41", True),
        ("https://data.europa.eu/esco/skill/c624c6a3-b0ba-4a31-a296-0d433fe47e41", False),
        ("urn:epass:relatedESCOSkill:gUtv5m47", False),
        (None, False),
    ],
)
def test_an_esco_skill_is_an_esco_uri(con, uri, valid):
    assert value(con, "is_esco_skill(x)", uri) is valid


def test_blank_means_missing(con):
    assert value(con, "blank(x)", "   ") is None
    assert value(con, "blank(x)", " a ") == "a"
