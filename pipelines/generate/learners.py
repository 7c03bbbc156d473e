"""Adult learners: a valid INSZ (or BIS) number, where they live and their background.

One vectorised pass over all learners; the only loop redraws the few sequence numbers that collide.
"""

from dataclasses import dataclass

import numpy as np

from .geography import residence_codes
from .identifiers import insz_numbers

# Age in 2024 of adults taking micro-credentials: mostly mid-career, some older, few very young.
_AGE_BANDS = (
    (16, 17, 0.005),
    (18, 24, 0.075),
    (25, 34, 0.24),
    (35, 44, 0.26),
    (45, 54, 0.23),
    (55, 64, 0.14),
    (65, 74, 0.05),
)
_REFERENCE_YEAR = 2024
_SHARE_WOMEN = 0.56
_SHARE_BIS = 0.02
EDUCATION_LEVELS = ("LAAG", "MIDDEN", "HOOG", "ONBEKEND")
_EDUCATION_SHARES = (0.17, 0.40, 0.38, 0.05)
LABOUR_STATUSES = ("WERKEND", "WERKZOEKEND", "INACTIEF", "STUDENT", "ONBEKEND")


@dataclass(frozen=True)
class Learners:
    insz: np.ndarray
    birth_year: np.ndarray
    residence: np.ndarray
    education: np.ndarray
    labour: np.ndarray

    def __len__(self) -> int:
        return len(self.insz)


def _sequence_numbers(rng: np.random.Generator, women: np.ndarray) -> np.ndarray:
    # Odd sequence numbers are men, even ones women (001-997 / 002-998).
    return 2 * rng.integers(0, 499, len(women)) + np.where(women, 2, 1)


def build_learners(rng: np.random.Generator, count: int) -> Learners:
    bands = rng.choice(len(_AGE_BANDS), size=count, p=[share for *_, share in _AGE_BANDS])
    low = np.array([b[0] for b in _AGE_BANDS])[bands]
    high = np.array([b[1] for b in _AGE_BANDS])[bands]
    birth_year = _REFERENCE_YEAR - rng.integers(low, high + 1)
    first_day = (birth_year - 1970).astype("datetime64[Y]").astype("datetime64[D]")
    year_length = np.where((birth_year % 4 == 0) & ((birth_year % 100 != 0) | (birth_year % 400 == 0)), 366, 365)
    birth = first_day + (rng.random(count) * year_length).astype(np.int64).astype("timedelta64[D]")
    women = rng.random(count) < _SHARE_WOMEN
    bis_offset = np.where(rng.random(count) < _SHARE_BIS, rng.choice([20, 40], size=count), 0)
    sequence = _sequence_numbers(rng, women)
    insz = insz_numbers(birth, sequence, bis_offset)
    while True:
        _, first, counts = np.unique(insz, return_index=True, return_counts=True)
        taken = np.ones(count, dtype=bool)
        taken[first] = False
        if not taken.any():
            break
        clashes = np.flatnonzero(taken)
        sequence[clashes] = _sequence_numbers(rng, women[clashes])
        insz[clashes] = insz_numbers(birth[clashes], sequence[clashes], bis_offset[clashes])

    age = _REFERENCE_YEAR - birth_year
    education = np.array(EDUCATION_LEVELS)[rng.choice(4, size=count, p=_EDUCATION_SHARES)]
    labour_shares = np.where(
        (age < 25)[:, None],
        [0.45, 0.12, 0.04, 0.33, 0.06],
        np.where((age >= 60)[:, None], [0.55, 0.08, 0.30, 0.0, 0.07], [0.74, 0.12, 0.06, 0.02, 0.06]),
    )
    drawn = (rng.random(count)[:, None] > labour_shares.cumsum(axis=1)).sum(axis=1)
    labour = np.array(LABOUR_STATUSES)[np.minimum(drawn, len(LABOUR_STATUSES) - 1)]
    return Learners(insz, birth_year, residence_codes(rng, count), education, labour)
