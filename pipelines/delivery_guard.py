"""The delivery guard: a run that would publish a worse monitor than the last one stops before publishing.

Worse means: the landing zone holds none of the contract's source folders (a mistyped MCMON_LANDING_DIR),
a source delivered to the last published run has no files now, or a source's loaded rows fell by more
than half. The last published run is read from the published warehouse itself (`dq.sources`), so the
comparison needs no state of its own and survives a lost run history.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import duckdb

from pipelines.formatting import belgian
from pipelines.landing.contract import SOURCES

LARGEST_DROP = 0.5
ACCEPT_DROP_FLAG = "--aanvaard-daling"
SOURCES_SQL = "SELECT source, files, rows_loaded FROM dq.sources"


@dataclass(frozen=True)
class Delivery:
    files: int
    rows_loaded: int


def deliveries(con: duckdb.DuckDBPyConnection) -> dict[str, Delivery]:
    """Files and loaded rows per source, from a database holding `dq.sources`."""
    return {source: Delivery(files, rows) for source, files, rows in con.execute(SOURCES_SQL).fetchall()}


def published_deliveries(warehouse: Path) -> dict[str, Delivery]:
    """The deliveries of the last published run; none when nothing was published yet."""
    if not warehouse.exists():
        return {}
    with duckdb.connect(str(warehouse), read_only=True) as con:
        return deliveries(con)


def refusal(reasons: list[str]) -> str:
    """Why nothing was published and what to do, in Dutch."""
    return (
        "Niet gepubliceerd, de vorige publicatie blijft staan: "
        + "; ".join(reasons)
        + f". Controleer MCMON_LANDING_DIR en de aanlevering, of publiceer toch met mcmon run {ACCEPT_DROP_FLAG}."
    )


def without_source_folders(landing: Path) -> list[str]:
    """The reason, in Dutch, when the landing zone holds none of the contract's source folders; else none."""
    if any((landing / source.folder).is_dir() for source in SOURCES):
        return []
    folders = ", ".join(f"{source.folder}/" for source in SOURCES)
    return [f"het landingsgebied {landing} bevat geen enkele map van het aanleverformaat ({folders})"]


def worse_deliveries(landing: Path, previous: dict[str, Delivery], current: dict[str, Delivery]) -> list[str]:
    """Why this run's landing zone is worse than the last published one, in Dutch; empty when it is not."""
    if reasons := without_source_folders(landing):
        return reasons
    reasons = []
    for source, before in previous.items():
        now = current.get(source, Delivery(0, 0))
        if before.files > 0 and now.files == 0:
            reasons.append(
                f"bron {source} ontbreekt (vorige publicatie: {belgian(before.files)} bestanden, "
                f"{belgian(before.rows_loaded)} ingeladen rijen)"
            )
        elif now.rows_loaded < (1 - LARGEST_DROP) * before.rows_loaded:
            reasons.append(
                f"bron {source} daalde van {belgian(before.rows_loaded)} naar {belgian(now.rows_loaded)} "
                f"ingeladen rijen (meer dan {round(100 * LARGEST_DROP)} % minder)"
            )
    return reasons
