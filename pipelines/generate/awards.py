"""Enrolments and awards (LED-like): learners stacking offers over the years, one file per provider-year."""

import numpy as np
import pandas as pd

from .delivery import SourceFile
from .formatting import FileStyle, format_dates, format_insz, format_kbo
from .learners import Learners
from .period import ENROLMENTS_FROM, ENROLMENTS_UNTIL, day, random_days, years_of
from .providers import PROVIDERS, delivery_style

_ENROLMENTS_PER_LEARNER = (1, 2, 3, 4, 5)
_ENROLMENT_SHARES = (0.15, 0.2, 0.3, 0.2, 0.15)
_SHARE_OTHER_PROVIDER = 0.28
# Who goes where: the low-educated mostly to basic and adult education, graduates to higher education.
_KIND_PREFERENCE = {
    "LAAG": {"HO": 0.25, "CBE": 3.0, "CVO": 1.5, "VDAB": 1.8, "PRIVAAT": 0.5},
    "MIDDEN": {"HO": 0.7, "SYNTRA": 1.3, "VDAB": 1.2, "CBE": 0.6},
    "HOOG": {"HO": 2.0, "CBE": 0.2, "PRIVAAT": 1.5, "VDAB": 0.6},
}
_OUTCOMES = ("BEHAALD", "GESTOPT", "NIET_GESLAAGD")
_OUTCOME_SHARES = (0.79, 0.13, 0.08)
_BLANK_LINE_FILES = ("vdab", "ucll")


def _home_providers(rng: np.random.Generator, education: np.ndarray) -> np.ndarray:
    base = np.array([p.weight for p in PROVIDERS])
    kinds = np.array([p.kind for p in PROVIDERS])
    home = np.empty(len(education), dtype=np.int64)
    for level in np.unique(education):
        preference = _KIND_PREFERENCE.get(str(level), {})
        weights = base * np.array([preference.get(k, 1.0) for k in kinds])
        members = np.flatnonzero(education == level)
        home[members] = rng.choice(len(PROVIDERS), size=len(members), p=weights / weights.sum())
    return home


def _enrolment_windows(offers: pd.DataFrame) -> tuple[np.ndarray, np.ndarray]:
    """First and last day on which each offer can take enrolments within the reference period."""
    start = np.maximum(offers["startdatum"].to_numpy().astype("datetime64[D]"), day(ENROLMENTS_FROM))
    end = offers["einddatum"].to_numpy().astype("datetime64[D]")
    end = np.where(np.isnat(end), day(ENROLMENTS_UNTIL), np.minimum(end, day(ENROLMENTS_UNTIL)))
    return start, np.maximum(end, start)


def _offers_of_providers(
    rng: np.random.Generator, provider: np.ndarray, offers: pd.DataFrame, open_days: np.ndarray
) -> np.ndarray:
    """An offer of the given provider for each enrolment (offers are grouped by provider).

    Weighted by popularity times the days the offer is open, so that an offer takes enrolments at a
    steady pace and yearly totals grow with the catalogue instead of piling up in recent offers.
    """
    popularity = offers["popularity"].to_numpy() * open_days
    cumulative = np.cumsum(popularity)
    owner = offers["provider"].to_numpy()
    first = np.searchsorted(owner, np.arange(len(PROVIDERS)), side="left")
    last = np.searchsorted(owner, np.arange(len(PROVIDERS)), side="right") - 1
    low, high = cumulative[first] - popularity[first], cumulative[last]
    draw = low[provider] + rng.random(len(provider)) * (high - low)[provider]
    return np.clip(np.searchsorted(cumulative, draw, side="right"), first[provider], last[provider])


def _grades(rng: np.random.Generator, kinds: np.ndarray, status: np.ndarray) -> np.ndarray:
    n = len(kinds)
    passed, failed = status == "BEHAALD", status == "NIET_GESLAAGD"
    score20 = np.where(
        passed,
        rng.choice(np.arange(10, 20), size=n, p=np.r_[8, 12, 15, 16, 15, 13, 10, 7, 3, 1] / 100),
        rng.integers(4, 10, n),
    )
    percent = np.where(passed, rng.integers(50, 96, n), rng.integers(20, 50, n))
    school = np.isin(kinds, ["CVO", "CBE", "SYNTRA", "DKO"])
    verdict = pd.Series(np.where(passed, "geslaagd", "niet geslaagd"), dtype=object)
    letters = pd.Series(
        np.where(
            passed, rng.choice(["A", "B", "C", "deelgenomen"], size=n), rng.choice(["D", "niet geslaagd"], size=n)
        ),
        dtype=object,
    )
    grade = np.where(
        kinds == "HO",
        pd.Series(score20).astype(str) + "/20",
        np.where(school, np.where(rng.random(n) < 0.6, verdict, pd.Series(percent).astype(str) + "%"), letters),
    ).astype(object)
    grade[~(passed | failed) | (rng.random(n) < 0.08)] = ""
    return grade


def build_enrolments(rng: np.random.Generator, learners: Learners, offers: pd.DataFrame) -> pd.DataFrame:
    """One typed row per enrolment: learner and offer as indices, dates as datetime64[D]."""
    per_learner = rng.choice(_ENROLMENTS_PER_LEARNER, size=len(learners), p=_ENROLMENT_SHARES)
    learner = np.repeat(np.arange(len(learners)), per_learner)
    position = np.arange(len(learner)) - np.repeat(np.cumsum(per_learner) - per_learner, per_learner)
    provider = _home_providers(rng, learners.education)[learner]
    elsewhere = (position > 0) & (rng.random(len(learner)) < _SHARE_OTHER_PROVIDER)
    weights = np.array([p.weight for p in PROVIDERS])
    provider[elsewhere] = rng.choice(len(PROVIDERS), size=int(elsewhere.sum()), p=weights / weights.sum())
    first_day, last_day = _enrolment_windows(offers)
    offer = _offers_of_providers(rng, provider, offers, (last_day - first_day).astype(np.int64) + 1)
    enrolled = random_days(rng, first_day[offer], last_day[offer])
    frame = pd.DataFrame({"learner": learner, "offer": offer, "enrolled": enrolled})
    frame = frame[~frame.duplicated()].reset_index(drop=True)
    n = len(frame)

    finished = frame["enrolled"].to_numpy().astype("datetime64[D]") + rng.integers(14, 210, n).astype("timedelta64[D]")
    status = np.array(_OUTCOMES, dtype=object)[rng.choice(3, size=n, p=_OUTCOME_SHARES)]
    ongoing = finished > day(ENROLMENTS_UNTIL)
    status[ongoing] = "INGESCHREVEN"
    # A failed learner sometimes gets the deliberation date filled in; the contract ignores it.
    dated = (status == "BEHAALD") | ((status == "NIET_GESLAAGD") & (rng.random(n) < 0.15))
    frame["awarded"] = np.where(dated, finished, np.datetime64("NaT"))
    frame["status"] = status
    frame["provider"] = offers["provider"].to_numpy()[frame["offer"].to_numpy()]
    kinds = np.array([p.kind for p in PROVIDERS])[frame["provider"].to_numpy()]
    frame["grade"] = _grades(rng, kinds, status)
    frame["education"] = np.where(rng.random(n) < 0.04, "", learners.education[frame["learner"].to_numpy()])
    frame["labour"] = np.where(rng.random(n) < 0.03, "", learners.labour[frame["learner"].to_numpy()])
    return frame


def award_files(
    enrolments: pd.DataFrame, learners: Learners, offers: pd.DataFrame, kbo: np.ndarray, with_defects: bool
) -> list[SourceFile]:
    year = years_of(enrolments["enrolled"].to_numpy())
    provider = enrolments["provider"].to_numpy()
    order = np.lexsort((enrolments["learner"].to_numpy(), enrolments["enrolled"].to_numpy(), year, provider))
    key = provider[order] * 10_000 + year[order]
    cuts = np.flatnonzero(np.diff(key)) + 1
    mc_ids = offers["mc_id"].to_numpy().astype(object)
    files = []
    for rows in np.split(order, cuts):
        if not len(rows):
            continue
        index, slug = int(provider[rows[0]]), PROVIDERS[int(provider[rows[0]])].slug
        subset = enrolments.iloc[rows]
        learner = subset["learner"].to_numpy()
        typed = pd.DataFrame(
            {
                "insz": learners.insz[learner],
                "kbo": kbo[index],
                "mc_id": mc_ids[subset["offer"].to_numpy()],
                "enrolled": subset["enrolled"].to_numpy(),
                "status": subset["status"].to_numpy(),
                "awarded": subset["awarded"].to_numpy(),
                "residence": learners.residence[learner],
                "education": subset["education"].to_numpy(),
                "labour": subset["labour"].to_numpy(),
                "grade": subset["grade"].to_numpy(),
            }
        )
        path = f"awards/{slug}_{year[rows[0]]}.csv"
        files.append(
            SourceFile(
                path,
                typed,
                delivery_style(index, PROVIDERS[index]),
                carry_group=slug,
                blank_lines=with_defects and slug in _BLANK_LINE_FILES and year[rows[0]] == 2024,
            )
        )
    if with_defects:
        files = _without_status_column(files)
    return files


def _without_status_column(files: list[SourceFile]) -> list[SourceFile]:
    """The smallest file is delivered without its status column: the whole file must be rejected."""
    smallest = min(range(len(files)), key=lambda i: (len(files[i].typed), files[i].path))
    broken = files[smallest]
    files[smallest] = SourceFile(broken.path, broken.typed, broken.style, drop_column="status")
    return files


def award_cells(typed: pd.DataFrame, style: FileStyle, rng: np.random.Generator, excel: bool) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "insz": format_insz(typed["insz"].to_numpy(), style.insz_layout, rng).to_numpy(),
            "aanbieder_id": format_kbo(typed["kbo"].to_numpy().astype(str), style.kbo_layout, rng).to_numpy(),
            "mc_id": typed["mc_id"].to_numpy(),
            "inschrijvingsdatum": format_dates(typed["enrolled"].to_numpy(), style.date_style, rng).to_numpy(),
            "status": typed["status"].to_numpy(),
            "uitreikingsdatum": format_dates(typed["awarded"].to_numpy(), style.date_style, rng).to_numpy(),
            "woonplaats_nis": typed["residence"].to_numpy(),
            "onderwijsniveau": typed["education"].to_numpy(),
            "arbeidsmarktstatus": typed["labour"].to_numpy(),
            "resultaat": typed["grade"].to_numpy(),
        },
        dtype=object,
    )


def award_eligibility(typed: pd.DataFrame) -> dict[str, np.ndarray]:
    awarded = (typed["status"] == "BEHAALD").to_numpy()
    return {
        "invalid_date_award_missing": awarded,
        "out_of_range_award_before_enrolment": awarded,
        "field_invalid_award_date_not_awarded": ~awarded,
    }
