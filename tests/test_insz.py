"""INSZ validation and pseudonymisation, as run inside DuckDB during ingestion."""

import hashlib
import hmac

import duckdb
import pytest

from pipelines.landing.pseudonymise import (
    DEVELOPMENT_KEY,
    KEY_ENV,
    insz_functions,
    mask_insz_text,
    pseudonym_key,
)
from pipelines.landing.steps import run_step

KEY = b"test-key"


@pytest.fixture(scope="module")
def con():
    connection = duckdb.connect()
    with insz_functions(connection, KEY):
        yield connection


def learner(con, raw: str | None) -> dict:
    """The learner columns ingestion's step raw_awards writes for an award row whose INSZ is `raw`."""
    con.execute("CREATE SCHEMA IF NOT EXISTS raw")
    con.execute(
        "CREATE OR REPLACE TEMP TABLE canonical AS SELECT $1::VARCHAR AS insz, NULL::VARCHAR AS resultaat, "
        "NULL::VARCHAR[] AS malformed_fields, MAP {}::MAP(VARCHAR, VARCHAR) AS extra_fields",
        [raw],
    )
    run_step(con, "raw_awards")
    columns = ["learner_id", "insz_status", "insz_length", "birth_year", "sex", "insz_masked"]
    row = con.execute(f"SELECT {', '.join(columns)} FROM raw.awards").fetchall()[0]
    return dict(zip(columns, row, strict=True))


@pytest.mark.parametrize(
    ("insz", "birth_year", "sex"),
    [
        ("85073003328", 1985, "M"),  # born 30/07/1985, sequence 033 (odd: man), pre-2000 check digits
        ("85.07.30-033.28", 1985, "M"),  # the same number in its printed form
        ("03041212325", 2003, "M"),  # born 2003: check digits over 2000000000 + YYMMDDSSS
        ("03041212424", 2003, "V"),  # even sequence: woman
        ("85273003371", 1985, "X"),  # BIS number, month + 20: sex unknown
        ("85473003416", 1985, "V"),  # BIS number, month + 40: sex from the sequence
        ("00010100173", 1900, "M"),  # the pre-2000 rule matches: born 1900
        ("00010100105", 2000, "M"),  # the post-2000 rule matches: born 2000
        ("03041212393", 1903, "M"),  # YYMMDD 030412 with pre-2000 check digits: born 1903, not 2003
    ],
)
def test_valid_insz_gives_birth_year_and_sex(con, insz, birth_year, sex):
    result = learner(con, insz)
    assert result["insz_status"] == "valid"
    assert (result["birth_year"], result["sex"]) == (birth_year, sex)


@pytest.mark.parametrize(
    "insz",
    [
        "85073003329",  # wrong check digits
        "85133003370",  # month 13: neither a date nor a BIS month
        "8507300332",  # 10 digits
        "850730033288",  # 12 digits
        "85-07-30.033.28",  # not one of the two accepted spellings
        "8507300332A",
    ],
)
def test_invalid_insz(con, insz):
    result = learner(con, insz)
    assert result["insz_status"] == "invalid"
    assert result["birth_year"] is None and result["sex"] is None


def test_missing_insz(con):
    assert learner(con, "  ")["insz_status"] == "missing"


def test_learner_id_is_hmac_sha256_of_the_eleven_digits(con):
    expected = hmac.new(KEY, b"85073003328", hashlib.sha256).digest()
    assert learner(con, "85.07.30-033.28")["learner_id"] == expected
    assert learner(con, "85073003328")["learner_id"] == expected


def test_unparseable_insz_is_kept_only_as_its_length(con):
    result = learner(con, "12-34")
    assert result["learner_id"] is None
    assert result["insz_length"] == 5
    assert result["insz_masked"] == "***"


def test_masked_insz_keeps_only_the_birth_date_part(con):
    assert learner(con, "85.07.30-033.28")["insz_masked"] == "85.07.30-***.**"
    assert learner(con, "85073003329")["insz_masked"] == "85.07.30-***.**"  # also when the check digits are wrong


def test_a_long_key_is_hashed_first_as_rfc_2104_says():
    key = b"k" * 100
    con = duckdb.connect()
    with insz_functions(con, key):
        (value,) = con.execute("SELECT hmac_sha256('85073003328')").fetchall()[0]
    assert value == hmac.new(key, b"85073003328", hashlib.sha256).hexdigest()


def test_key_variables_are_gone_after_use():
    con = duckdb.connect()
    with insz_functions(con, KEY):
        pass
    assert con.execute("SELECT getvariable('mcmon_hmac_inner')").fetchall() == [(None,)]


def test_free_text_loses_anything_insz_shaped(con):
    (masked,) = con.execute("SELECT mask_insz('zie 85.07.30-033.28 en 85073003328, score 14/20')").fetchall()[0]
    assert "85" not in masked.replace("[INSZ verwijderd]", "")
    assert masked.endswith("score 14/20")


def test_development_key_is_used_and_flagged_when_unset(monkeypatch):
    monkeypatch.delenv(KEY_ENV, raising=False)
    assert pseudonym_key() == (DEVELOPMENT_KEY.encode(), True)
    monkeypatch.setenv(KEY_ENV, "production-secret")
    assert pseudonym_key() == (b"production-secret", False)


def test_error_messages_lose_anything_insz_shaped():
    message = "Conversion Error: Could not convert string '85.07.30-033.28' (85073003328) to INT32"
    masked = "Conversion Error: Could not convert string '[INSZ verwijderd]' ([INSZ verwijderd]) to INT32"
    assert mask_insz_text(message) == masked
