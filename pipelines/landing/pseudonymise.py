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
    """The key from the environment, and whether it is the development key."""
    value = os.environ.get(KEY_ENV)
    if value:
        return value.encode(), False
    return DEVELOPMENT_KEY.encode(), True


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


# Columns that replace the raw INSZ: `raw` is the SQL expression holding it.
def learner_columns(raw: str) -> str:
    digits = f"insz_digits({raw})"
    return f"""
        CASE WHEN {digits} IS NOT NULL THEN hmac_sha256({digits}) END AS learner_id,
        CASE WHEN nullif(trim({raw}), '') IS NULL THEN 'missing'
             WHEN {digits} IS NOT NULL AND insz_is_valid({digits}) THEN 'valid'
             ELSE 'invalid' END AS insz_status,
        CASE WHEN {digits} IS NULL THEN length(trim({raw})) END AS insz_length,
        CASE WHEN insz_is_valid({digits}) THEN insz_birth_year({digits}) END AS birth_year,
        CASE WHEN insz_is_valid({digits}) THEN insz_sex({digits}) END AS sex,
        -- What a provider sees in its feedback file to find its row: YY.MM.DD-***.**.
        CASE WHEN {digits} IS NOT NULL THEN {digits}[1:2] || '.' || {digits}[3:4] || '.' || {digits}[5:6] || '-***.**'
             WHEN nullif(trim({raw}), '') IS NOT NULL THEN '***' END AS insz_masked"""


def mask_insz_text(text: str) -> str:
    """`text` with anything INSZ-shaped blanked out, for messages that may quote input values."""
    return re.sub(INSZ_IN_TEXT, INSZ_REMOVED, text)
