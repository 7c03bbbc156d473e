"""Deliberate defects, so that every rule of the landing-zone contract is exercised by the sample.

Row defects are planned once per source on the typed rows (which row gets which defect) and applied
per file on the text cells, in the file's own style. Each class is named after what the pipeline
should conclude (the contract's reason code, or the field issue it raises).
"""

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from .formatting import FileStyle, format_dates, format_kbo

MALFORMED = "malformed_row"
DUPLICATE = "duplicate"
NO_DEFECT = -1
INVALID_DATES = ("31/02/2024", "2024-13-01", "12-03-2024")


@dataclass(frozen=True)
class DefectContext:
    rng: np.random.Generator
    style: FileStyle
    # The typed values behind the cells, same positions: mutators derive realistic wrong values from them.
    typed: pd.DataFrame


Mutator = Callable[[pd.DataFrame, np.ndarray, DefectContext], None]


@dataclass(frozen=True)
class Defect:
    name: str
    # None for the structural defects that the writer realises (malformed and duplicated rows).
    mutate: Mutator | None = None


def _set(cells: pd.DataFrame, rows: np.ndarray, column: str, values: object) -> None:
    cells.iloc[rows, cells.columns.get_loc(column)] = values


def _cycle(values: Sequence[str], count: int) -> list[str]:
    return [values[i % len(values)] for i in range(count)]


def _blank_cycling(columns: Sequence[str]) -> Mutator:
    def mutate(cells: pd.DataFrame, rows: np.ndarray, ctx: DefectContext) -> None:
        for i, column in enumerate(columns):
            _set(cells, rows[i :: len(columns)], column, "")

    return mutate


def _replace_with(column: str, values: Sequence[str]) -> Mutator:
    def mutate(cells: pd.DataFrame, rows: np.ndarray, ctx: DefectContext) -> None:
        _set(cells, rows, column, _cycle(values, len(rows)))

    return mutate


def _replace_alternating(choices: Sequence[tuple[str, str]]) -> Mutator:
    """Row i gets choices[i % len] as (column, value)."""

    def mutate(cells: pd.DataFrame, rows: np.ndarray, ctx: DefectContext) -> None:
        for i, (column, value) in enumerate(choices):
            _set(cells, rows[i :: len(choices)], column, value)

    return mutate


def _append_to_list(choices: Sequence[tuple[str, str]]) -> Mutator:
    """One invalid element added to a validated list, so the whole list becomes a field issue."""

    def mutate(cells: pd.DataFrame, rows: np.ndarray, ctx: DefectContext) -> None:
        for i, (column, bad) in enumerate(choices):
            targets = rows[i :: len(choices)]
            current = cells.iloc[targets, cells.columns.get_loc(column)].fillna("").astype(str)
            _set(cells, targets, column, np.where(current == "", bad, current + "|" + bad))

    return mutate


def _wrong_kbo_check(cells: pd.DataFrame, rows: np.ndarray, ctx: DefectContext) -> None:
    digits = ctx.typed["kbo"].to_numpy()[rows].astype(str)
    check = pd.Series(digits).str[8:10].astype(int).to_numpy()
    wrong = np.char.add(
        pd.Series(digits).str[:8].to_numpy().astype(str), np.char.zfill(((check + 7) % 100).astype(str), 2)
    )
    text = np.array(format_kbo(wrong, ctx.style.kbo_layout, ctx.rng), dtype=object)
    text[1::3] = pd.Series(digits[1::3]).str[1:].to_numpy()  # a 9-digit number: the leading zero got lost
    _set(cells, rows, "aanbieder_id", text)


def _end_before_start(cells: pd.DataFrame, rows: np.ndarray, ctx: DefectContext) -> None:
    start = ctx.typed["startdatum"].to_numpy()[rows].astype("datetime64[D]")
    end = start - ctx.rng.integers(30, 400, len(rows)).astype("timedelta64[D]")
    _set(cells, rows, "einddatum", format_dates(end, ctx.style.date_style, ctx.rng).to_numpy())


def _award_before_enrolment(cells: pd.DataFrame, rows: np.ndarray, ctx: DefectContext) -> None:
    enrolled = ctx.typed["enrolled"].to_numpy()[rows].astype("datetime64[D]")
    awarded = enrolled - ctx.rng.integers(1, 60, len(rows)).astype("timedelta64[D]")
    _set(cells, rows, "uitreikingsdatum", format_dates(awarded, ctx.style.date_style, ctx.rng).to_numpy())


def _invalid_insz(cells: pd.DataFrame, rows: np.ndarray, ctx: DefectContext) -> None:
    numbers = ctx.typed["insz"].to_numpy()[rows]
    base, check = numbers // 100, numbers % 100
    other_century = 97 - (2_000_000_000 + base) % 97
    # A check that fits neither century, so the number cannot be valid by accident.
    wrong = np.where((check + 1) % 100 == other_century, (check + 2) % 100, (check + 1) % 100)
    digits = pd.Series((base * 100 + wrong).astype(str)).str.zfill(11)
    text = digits.to_numpy().astype(object)
    text[1::3] = digits.str[:10].to_numpy()[1::3]
    text[2::3] = (digits.str[:4] + "O" + digits.str[5:]).to_numpy()[2::3]
    _set(cells, rows, "insz", text)


def _invalid_level(cells: pd.DataFrame, rows: np.ndarray, ctx: DefectContext) -> None:
    """Half get a level outside 1-8, half a level although the framework says not applicable."""
    _set(cells, rows[0::2], "niveau", "9")
    _set(cells, rows[1::2], "niveau_kader", "NVT")
    _set(cells, rows[1::2], "niveau", "4")


def _unknown_offer(cells: pd.DataFrame, rows: np.ndarray, ctx: DefectContext) -> None:
    current = cells.iloc[rows, cells.columns.get_loc("mc_id")].astype(str)
    _set(cells, rows, "mc_id", (current + "-OUD").to_numpy())


OFFER_DEFECTS: tuple[Defect, ...] = (
    Defect("missing_required", _blank_cycling(("startdatum", "mc_id", "aanbieder_type", "aanbieder_id"))),
    Defect("invalid_code_provider_type", _replace_with("aanbieder_type", ("UNIV", "HOGESCHOOL", "Vormingscentrum"))),
    Defect("invalid_code_kbo", _wrong_kbo_check),
    Defect("invalid_date", _replace_with("startdatum", INVALID_DATES)),
    Defect(MALFORMED),
    Defect(DUPLICATE),
    Defect("field_invalid_number", _replace_alternating((("omvang_waarde", "vijf"), ("prijs_eur", "1.234,5")))),
    Defect("field_volume_not_positive", _replace_with("omvang_waarde", ("0", "-3"))),
    Defect("field_invalid_level", _invalid_level),
    Defect("field_invalid_region", _replace_with("land_regio", ("Vlaanderen", "Belgie", "B-VLG"))),
    Defect(
        "field_invalid_list_element",
        _append_to_list(
            (
                ("isco_doelberoepen", "99999"),
                ("esco_skills", "esco:vaardigheid/123"),
                ("isco_doelberoepen", "25X1"),
                ("partners", "0123.456.788"),
            )
        ),
    ),
    Defect("field_end_before_start", _end_before_start),
    Defect("field_invalid_modified_date", _replace_with("laatst_gewijzigd", ("2025-02-30", "gisteren", "15.03.2025"))),
)

ODB_DEFECTS: tuple[Defect, ...] = (
    Defect("missing_required", _blank_cycling(("erkenningsnummer", "aanbieder_id", "status"))),
    Defect("invalid_code_status", _replace_with("status", ("OPGESCHORT", "IN AANVRAAG"))),
    Defect(MALFORMED),
    Defect(DUPLICATE),
    Defect("field_invalid_number", _replace_alternating((("totaal_uren", "32u"), ("studiepunten", "drie")))),
    Defect(
        "field_unknown_criterion", _append_to_list((("criteria", "DIGITALE_VAARDIGHEDEN"), ("criteria", "KNELPUNT")))
    ),
    Defect("field_invalid_date", _replace_with("geldig_tot", ("31/06/2025", "2025-00-10"))),
    Defect("field_invalid_boolean", _replace_with("vov", ("misschien", "X"))),
)

AWARD_DEFECTS: tuple[Defect, ...] = (
    Defect("missing_required", _blank_cycling(("insz", "mc_id", "inschrijvingsdatum", "status", "aanbieder_id"))),
    Defect("invalid_insz", _invalid_insz),
    Defect("invalid_code_status", _replace_with("status", ("AFGEROND", "GESLAAGD", "BEZIG"))),
    Defect("invalid_date_enrolment", _replace_with("inschrijvingsdatum", INVALID_DATES)),
    Defect("invalid_date_award_missing", _replace_with("uitreikingsdatum", ("", "2024-02-30"))),
    Defect("out_of_range_award_before_enrolment", _award_before_enrolment),
    Defect("unknown_offer", _unknown_offer),
    Defect(MALFORMED),
    Defect(DUPLICATE),
    Defect("field_invalid_residence", _replace_with("woonplaats_nis", ("123", "1000", "B-9000"))),
    Defect("field_unknown_education_level", _replace_with("onderwijsniveau", ("UNIVERSITAIR", "hoger secundair"))),
    Defect("field_invalid_award_date_not_awarded", _replace_with("uitreikingsdatum", ("2025-02-30", "30/13/2024"))),
)


def plan_defects(
    rng: np.random.Generator,
    rows: int,
    rate: float,
    defects: Sequence[Defect],
    eligible: Mapping[str, np.ndarray],
) -> np.ndarray:
    """Which defect (index into `defects`, or NO_DEFECT) each row gets.

    The number of defective rows follows `rate`, spread evenly over the classes; with any positive
    rate every class gets at least one row (when an eligible row exists) so small samples stay complete.
    """
    plan = np.full(rows, NO_DEFECT, dtype=np.int16)
    if rate <= 0 or rows == 0:
        return plan
    total = max(len(defects), int(rng.binomial(rows, min(rate, 1.0))))
    per_class = np.full(len(defects), total // len(defects))
    per_class[: total % len(defects)] += 1
    for index, (defect, count) in enumerate(zip(defects, per_class, strict=True)):
        pool = np.flatnonzero((plan == NO_DEFECT) & eligible.get(defect.name, True))
        chosen = rng.choice(pool, size=min(int(count), len(pool)), replace=False)
        plan[chosen] = index
    return plan


def apply_defects(cells: pd.DataFrame, plan: np.ndarray, defects: Sequence[Defect], ctx: DefectContext) -> np.ndarray:
    """Mutate the cells of one file in place; returns the mask of rows to write malformed."""
    for index, defect in enumerate(defects):
        rows = np.flatnonzero(plan == index)
        if defect.mutate is not None and len(rows):
            defect.mutate(cells, rows, ctx)
    return plan == _index_of(defects, MALFORMED)


def _index_of(defects: Sequence[Defect], name: str) -> int:
    return next(i for i, d in enumerate(defects) if d.name == name)


@dataclass(frozen=True)
class Duplicated:
    cells: pd.DataFrame
    malformed: np.ndarray
    # Rows to repeat in the next file of the same source.
    carry: pd.DataFrame


def add_duplicates(
    cells: pd.DataFrame,
    malformed: np.ndarray,
    plan: np.ndarray,
    defects: Sequence[Defect],
    rng: np.random.Generator,
    carried_in: pd.DataFrame | None = None,
    may_carry_out: bool = False,
) -> Duplicated:
    """Repeat the rows planned as duplicates verbatim, later in this file or (sometimes) in the next one."""
    chosen = np.flatnonzero(plan == _index_of(defects, DUPLICATE))
    to_next = rng.random(len(chosen)) < 0.5 if may_carry_out else np.zeros(len(chosen), dtype=bool)
    here = chosen[~to_next]
    n = len(cells)
    order = np.insert(np.arange(n), rng.integers(here + 1, n + 1) if len(here) else here, here)
    incoming = carried_in if carried_in is not None else cells.iloc[:0]
    combined = pd.concat([cells, incoming], ignore_index=True)
    arrivals = np.arange(n, n + len(incoming))
    order = np.insert(order, np.sort(rng.integers(0, len(order) + 1, len(arrivals))), arrivals)
    flags = np.concatenate([malformed, np.zeros(len(incoming), dtype=bool)])
    return Duplicated(
        combined.iloc[order].reset_index(drop=True), flags[order], cells.iloc[chosen[to_next]].reset_index(drop=True)
    )


def blank_line_positions(rng: np.random.Generator, rows: int) -> tuple[int, ...]:
    """Two empty lines between rows and one at the end, as hand-edited exports have."""
    if rows < 2:
        return (rows - 1,) if rows else ()
    return (*sorted(int(p) for p in rng.choice(rows - 1, size=min(2, rows - 1), replace=False)), rows - 1)
