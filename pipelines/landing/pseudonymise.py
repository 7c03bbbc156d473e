"""Pseudonymisation of learners: learner_id = HMAC-SHA256(MCMON_PSEUDONYM_KEY, 11 INSZ digits).

The INSZ is validated and hashed inside DuckDB (see sql/insz_macros.sql), set-based, in the same
connection that reads the raw file; only the pseudonym, birth year and sex leave that step.
"""

from __future__ import annotations

import hashlib
import os
import re
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import duckdb

KEY_ENV = "MCMON_PSEUDONYM_KEY"
DEVELOPMENT_KEY = "mcmon-development-key-not-for-production"
BLOCK_SIZE = 64  # SHA-256 block size in bytes
MACROS = (Path(__file__).parent / "sql" / "insz_macros.sql").read_text()
# Anything INSZ-shaped in free text or in an error message: 11 digits, dots and dash optional.
INSZ_IN_TEXT = r"\b\d{2}\.?\d{2}\.?\d{2}-?\d{3}\.?\d{2}\b"
INSZ_REMOVED = "[INSZ verwijderd]"


def pseudonym_key() -> tuple[bytes, bool]:
    """The key from the environment, and whether it is the development key (unset, blank, or set to it)."""
    value = os.environ.get(KEY_ENV, "")
    if not value.strip():
        value = DEVELOPMENT_KEY
    return value.encode(), value == DEVELOPMENT_KEY


def _padded_keys(key: bytes) -> tuple[bytes, bytes]:
    if len(key) > BLOCK_SIZE:
        key = hashlib.sha256(key).digest()
    key = key.ljust(BLOCK_SIZE, b"\0")
    return bytes(b ^ 0x36 for b in key), bytes(b ^ 0x5C for b in key)


@contextmanager
def insz_functions(con: duckdb.DuckDBPyConnection, key: bytes) -> Iterator[None]:
    """Make the INSZ macros and the keyed hash available on `con` for the duration of the block."""
    inner, outer = _padded_keys(key)
    con.execute(MACROS)
    # A provider may type an INSZ into a remark or grade: free text is stored with it blanked out.
    con.execute(
        f"CREATE OR REPLACE TEMP MACRO mask_insz(txt) AS regexp_replace(txt, '{INSZ_IN_TEXT}', '{INSZ_REMOVED}', 'g')"
    )
    con.execute("SET VARIABLE mcmon_hmac_inner = $1", [inner])
    con.execute("SET VARIABLE mcmon_hmac_outer = $1", [outer])
    try:
        yield
    finally:
        con.execute("RESET VARIABLE mcmon_hmac_inner")
        con.execute("RESET VARIABLE mcmon_hmac_outer")


def pseudonymised(rows: str, raw: str, drop: str) -> str:
    """`rows` (a query) with the learner in place of the INSZ: the SQL expression `raw` holds the INSZ
    as delivered, column `drop` goes. Each distinct INSZ as delivered is validated and hashed once,
    however many rows it has."""
    return f"""
        -- Not materialised: the distinct INSZ are then read from the source rows directly, not from a
        -- stored copy of all of them (BENCHMARKS.md, decisions).
        WITH keyed AS NOT MATERIALIZED (SELECT *, {raw} AS raw_insz FROM ({rows})),
        delivered AS (SELECT raw_insz, insz_digits(raw_insz) AS insz_11 FROM (SELECT DISTINCT raw_insz FROM keyed)),
        learners AS (
            SELECT raw_insz, insz_11, hmac_sha256(insz_11) AS learner_id, insz_is_valid(insz_11) AS is_valid,
                   insz_birth_year(insz_11) AS insz_birth_year, insz_sex(insz_11) AS insz_sex
            FROM delivered
        )
        SELECT
            k.* EXCLUDE (raw_insz, {drop}),
            l.learner_id,
            CASE WHEN nullif(trim(k.raw_insz), '') IS NULL THEN 'missing'
                 WHEN l.is_valid THEN 'valid'
                 ELSE 'invalid' END AS insz_status,
            CASE WHEN l.insz_11 IS NULL THEN length(trim(k.raw_insz)) END AS insz_length,
            CASE WHEN l.is_valid THEN l.insz_birth_year END AS birth_year,
            CASE WHEN l.is_valid THEN l.insz_sex END AS sex,
            -- What a provider sees in its feedback file to find its row: YY.MM.DD-***.**.
            CASE WHEN l.insz_11 IS NOT NULL
                 THEN l.insz_11[1:2] || '.' || l.insz_11[3:4] || '.' || l.insz_11[5:6] || '-***.**'
                 WHEN nullif(trim(k.raw_insz), '') IS NOT NULL THEN '***' END AS insz_masked
        FROM keyed k
        LEFT JOIN learners l ON l.raw_insz IS NOT DISTINCT FROM k.raw_insz"""


def mask_insz_text(text: str) -> str:
    """`text` with anything INSZ-shaped blanked out, for messages that may quote input values."""
    return re.sub(INSZ_IN_TEXT, INSZ_REMOVED, text)
