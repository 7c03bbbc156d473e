"""Belgian identifiers with their check digits: KBO enterprise numbers and INSZ/BIS numbers.

The rules are the ones of the landing-zone contract, so every number generated here validates there
unless a defect deliberately breaks it.
"""

import numpy as np
import pandas as pd

# Enterprise numbers in use start with 0 or 1; real ones cluster above 0200.000.000.
_KBO_BASE_LOW = 2_000_000
_KBO_BASE_HIGH = 20_000_000


def kbo_from_base(base: np.ndarray) -> np.ndarray:
    """10-digit KBO strings from their first eight digits."""
    check = 97 - base % 97
    return np.char.add(np.char.zfill(base.astype(str), 8), np.char.zfill(check.astype(str), 2))


def random_kbo_numbers(rng: np.random.Generator, count: int) -> np.ndarray:
    """Distinct valid KBO numbers as 10-digit strings."""
    numbers: list[str] = []
    seen: set[str] = set()
    while len(numbers) < count:
        for number in kbo_from_base(rng.integers(_KBO_BASE_LOW, _KBO_BASE_HIGH, count)).tolist():
            if number not in seen and len(numbers) < count:
                seen.add(number)
                numbers.append(number)
    return np.array(numbers)


def dotted_kbo(digits: pd.Series) -> pd.Series:
    return digits.str[0:4] + "." + digits.str[4:7] + "." + digits.str[7:10]


def insz_numbers(birth: np.ndarray, sequence: np.ndarray, month_offset: np.ndarray) -> np.ndarray:
    """INSZ (or BIS, when month_offset is 20 or 40) numbers as int64 from birth date and sequence number."""
    year = birth.astype("datetime64[Y]").astype(np.int64) + 1970
    month = birth.astype("datetime64[M]").astype(np.int64) % 12 + 1
    dom = (birth - birth.astype("datetime64[M]").astype("datetime64[D]")).astype(np.int64) + 1
    base = (year % 100) * 10_000_000 + (month + month_offset) * 100_000 + dom * 1_000 + sequence
    # People born from 2000 on get a 2 prefixed to the base before the modulo.
    check = np.where(year >= 2000, 97 - (2_000_000_000 + base) % 97, 97 - base % 97)
    return base * 100 + check


def insz_digits(numbers: np.ndarray) -> pd.Series:
    return pd.Series(numbers.astype(str)).str.zfill(11)


def dotted_insz(digits: pd.Series) -> pd.Series:
    return (
        digits.str[0:2] + "." + digits.str[2:4] + "." + digits.str[4:6] + "-" + digits.str[6:9] + "." + digits.str[9:11]
    )
