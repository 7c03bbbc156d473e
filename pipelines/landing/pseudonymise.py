"""Pseudonymisation of learners: learner_id = HMAC-SHA256(MCMON_PSEUDONYM_KEY, 11 INSZ digits).

The INSZ is validated and hashed inside DuckDB (models/raw/ingest/insz_macros.sql), set-based, in the
same connection that reads the raw file; only the pseudonym, birth year and sex leave that step.
"""

from __future__ import annotations

import hashlib
import os
import re
from collections.abc import Iterator
from contextlib import contextmanager

import duckdb

KEY_ENV = "MCMON_PSEUDONYM_KEY"
DEVELOPMENT_KEY = "mcmon-development-key-not-for-production"
BLOCK_SIZE = 64  # SHA-256 block size in bytes
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
    define_insz_macros(con)
    con.execute("SET VARIABLE mcmon_hmac_inner = $1", [inner])
    con.execute("SET VARIABLE mcmon_hmac_outer = $1", [outer])
    try:
        yield
    finally:
        con.execute("RESET VARIABLE mcmon_hmac_inner")
        con.execute("RESET VARIABLE mcmon_hmac_outer")


def define_insz_macros(con: duckdb.DuckDBPyConnection) -> None:
    """The INSZ rules as TEMP macros of `con`: validation, birth year, sex, the keyed hash, mask_insz and
    has_insz (whether a text holds a valid INSZ)."""
    from pipelines.sql_templates import render  # settings imports this module, and sql_templates settings

    con.execute(render("raw/ingest/insz_macros.sql", insz_in_text=INSZ_IN_TEXT, insz_removed=INSZ_REMOVED))


def mask_insz_text(text: str) -> str:
    """`text` with anything INSZ-shaped blanked out, for messages that may quote input values."""
    return re.sub(INSZ_IN_TEXT, INSZ_REMOVED, text)
