"""The fixed calendar of the synthetic landing zone.

"Today" is a constant so that a seed reproduces the same files on any day.
"""

from datetime import date

import numpy as np

TODAY = date(2026, 11, 28)
OFFERS_FROM = date(2021, 1, 1)
# The last offer start leaves room for enrolments before the cut-off.
LAST_OFFER_START = date(2026, 9, 30)
ENROLMENTS_FROM = date(2022, 1, 1)
# Deliveries lag behind reality: the current year is only known up to mid-November.
ENROLMENTS_UNTIL = date(2026, 11, 15)


def day(value: date) -> np.datetime64:
    return np.datetime64(value, "D")


def random_days(rng: np.random.Generator, start: np.ndarray, end: np.ndarray) -> np.ndarray:
    """A uniformly drawn day in [start, end] for every pair (datetime64 arrays, end >= start)."""
    start, end = start.astype("datetime64[D]"), end.astype("datetime64[D]")
    span = (end - start).astype(np.int64) + 1
    return start + (rng.random(len(span)) * span).astype(np.int64).astype("timedelta64[D]")


def years_of(days: np.ndarray) -> np.ndarray:
    return days.astype("datetime64[D]").astype("datetime64[Y]").astype(np.int64) + 1970
