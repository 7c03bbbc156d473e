"""The Opleidingsdatabank: the register of trainings that give right to Flemish training incentives.

Two full exports a year apart; the later one changes some records (struck off, validity extended),
the way the real register evolves. The two exports come from different export tools, so their
boolean and date spellings differ.
"""

from datetime import date

import numpy as np
import pandas as pd

from .delivery import SourceFile
from .formatting import FileStyle, format_booleans, format_dates, format_decimals, format_kbo
from .period import day, random_days
from .providers import PROVIDERS
from .themes import THEMES

CRITERIA = (
    "BASISVAARDIGHEDEN",
    "TAALOPLEIDING",
    "KNELPUNTBEROEP",
    "STEM_OPLEIDING",
    "TOEKOMSTIG_TEKORT",
    "VERPLICHT_ATTEST",
)
EXPORTS = (
    (
        "odb/opleidingsdatabank_2025-06.csv",
        date(2025, 6, 30),
        FileStyle(delimiter=";", date_style="belgian", kbo_layout="dotted", true_false=("ja", "nee")),
    ),
    (
        "odb/opleidingsdatabank_2026-10.csv",
        date(2026, 10, 31),
        FileStyle(
            delimiter=";",
            encoding="utf-8-sig",
            date_style="iso",
            kbo_layout="plain",
            decimal_comma=False,
            true_false=("true", "false"),
        ),
    ),
)
# The policy threshold: fewer hours or credits than this never qualify.
_MIN_HOURS, _MIN_ECTS = 32, 3
_SHARE_UNLINKED = 0.3


def _register(rng: np.random.Generator, offers: pd.DataFrame, kbo: np.ndarray) -> pd.DataFrame:
    linked = offers[offers["odb_erkenningsnummer"] != ""]
    n_extra = max(10, int(len(linked) * _SHARE_UNLINKED))
    candidates = np.array([i for i, p in enumerate(PROVIDERS) if p.kind != "HO"])
    extra_provider = rng.choice(candidates, size=n_extra)
    extra_theme = rng.choice(len(THEMES), size=n_extra)
    # Offers link to numbers below 1.100.000, so the register's own records cannot collide with them.
    free = np.arange(1_100_000, 1_200_000)
    extra_hours = rng.integers(8, 160, n_extra).astype(float)

    unit, volume = linked["omvang_eenheid"].to_numpy(), linked["omvang_waarde"].to_numpy()
    hours = np.where(unit == "UUR", volume, np.where(unit == "LESTIJD", np.round(volume * 50 / 60, 1), np.nan))
    records = pd.DataFrame(
        {
            "erkenningsnummer": np.r_[
                linked["odb_erkenningsnummer"].to_numpy(),
                [f"EO-{n}" for n in np.sort(rng.choice(free, n_extra, replace=False))],
            ],
            "opleidingsnaam": np.r_[
                np.where(linked["titel"] != "", linked["titel"], linked["title_nl"]),
                [THEMES[t].title_nl for t in extra_theme],
            ],
            "kbo": np.r_[linked["kbo"].to_numpy(), kbo[extra_provider]],
            "studiepunten": np.r_[np.where(unit == "ECTS", volume, np.nan), np.full(n_extra, np.nan)],
            "totaal_uren": np.r_[hours, extra_hours],
            "approved": np.r_[
                linked["startdatum"].to_numpy() - rng.integers(0, 90, len(linked)).astype("timedelta64[D]"),
                random_days(rng, np.full(n_extra, day(date(2020, 1, 1))), np.full(n_extra, day(date(2026, 9, 30)))),
            ],
            "linked": np.r_[np.ones(len(linked), dtype=bool), np.zeros(n_extra, dtype=bool)],
        }
    )
    n = len(records)
    qualifies = (records["totaal_uren"].fillna(0) >= _MIN_HOURS) | (records["studiepunten"].fillna(0) >= _MIN_ECTS)
    records["vov"] = qualifies & (rng.random(n) < 0.7)
    records["opleidingscheques"] = qualifies & (rng.random(n) < 0.6)
    records["opleidingskrediet"] = qualifies & (rng.random(n) < 0.3)
    records["criteria"] = [_criteria(rng) for _ in range(n)]
    records["status"] = np.where(rng.random(n) < 0.92, "ACTIEF", "GESCHRAPT")
    valid_to = random_days(rng, np.full(n, day(date(2024, 1, 1))), np.full(n, day(date(2028, 12, 31))))
    records["geldig_tot"] = np.where(rng.random(n) < 0.4, np.datetime64("NaT"), valid_to)
    return records


def _criteria(rng: np.random.Generator) -> str:
    count = int(rng.choice([0, 1, 2], p=[0.35, 0.45, 0.2]))
    return "|".join(CRITERIA[i] for i in np.sort(rng.choice(len(CRITERIA), size=count, replace=False)))


def _later_state(rng: np.random.Generator, records: pd.DataFrame) -> pd.DataFrame:
    """The register a year on: some records struck off, some validities extended."""
    later = records.copy()
    n = len(later)
    struck = (later["status"] == "ACTIEF").to_numpy() & (rng.random(n) < 0.06)
    later.loc[struck, "status"] = "GESCHRAPT"
    later.loc[struck, "geldig_tot"] = random_days(
        rng, np.full(struck.sum(), day(date(2025, 7, 1))), np.full(struck.sum(), day(date(2026, 9, 30)))
    )
    extended = ~struck & (rng.random(n) < 0.1)
    later.loc[extended, "geldig_tot"] = np.datetime64("2029-12-31")
    return later


def odb_files(rng: np.random.Generator, offers: pd.DataFrame, kbo: np.ndarray, with_defects: bool) -> list[SourceFile]:
    records = _register(rng, offers, kbo)
    states = (records, _later_state(rng, records))
    files = []
    for (path, cutoff, style), state in zip(EXPORTS, states, strict=True):
        current = state[state["approved"] <= day(cutoff)].sort_values("erkenningsnummer", kind="stable")
        files.append(
            SourceFile(
                path,
                current.reset_index(drop=True),
                style,
                carry_group="odb",
                blank_lines=with_defects and path.endswith("2026-10.csv"),
            )
        )
    return files


def odb_cells(records: pd.DataFrame, style: FileStyle, rng: np.random.Generator, excel: bool) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "erkenningsnummer": records["erkenningsnummer"].to_numpy(),
            "opleidingsnaam": records["opleidingsnaam"].to_numpy(),
            "aanbieder_id": format_kbo(records["kbo"].to_numpy(), style.kbo_layout, rng).to_numpy(),
            "studiepunten": format_decimals(records["studiepunten"].to_numpy(), None, style.decimal_comma).to_numpy(),
            "totaal_uren": format_decimals(records["totaal_uren"].to_numpy(), None, style.decimal_comma).to_numpy(),
            "vov": format_booleans(records["vov"].astype("boolean"), style.true_false).to_numpy(),
            "opleidingscheques": format_booleans(
                records["opleidingscheques"].astype("boolean"), style.true_false
            ).to_numpy(),
            "opleidingskrediet": format_booleans(
                records["opleidingskrediet"].astype("boolean"), style.true_false
            ).to_numpy(),
            "criteria": records["criteria"].to_numpy(),
            "status": records["status"].to_numpy(),
            "geldig_tot": format_dates(records["geldig_tot"].to_numpy(), style.date_style, rng).to_numpy(),
        },
        dtype=object,
    )


def odb_eligibility(records: pd.DataFrame) -> dict[str, np.ndarray]:
    # Quarantining a register record that an offer links to would silently change incentive shares.
    unlinked = ~records["linked"].to_numpy()
    return {"missing_required": unlinked, "invalid_code_status": unlinked, "malformed_row": unlinked}
