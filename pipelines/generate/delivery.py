"""Turning typed rows into landing files: formatting, defects, duplicates, blank lines and writing.

The same steps hold for every tabular source, so they live here once; the source modules only say
which files exist, what rows they hold and how a row is written as cells.
"""

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd
from tqdm import tqdm

from .defects import MALFORMED, Defect, DefectContext, add_duplicates, apply_defects, blank_line_positions, plan_defects
from .formatting import FileStyle
from .writers import write_csv, write_xlsx

CellFormatter = Callable[[pd.DataFrame, FileStyle, np.random.Generator, bool], pd.DataFrame]
Eligibility = Callable[[pd.DataFrame], Mapping[str, np.ndarray]]


@dataclass(frozen=True)
class SourceFile:
    path: str
    typed: pd.DataFrame
    style: FileStyle
    excel: bool = False
    blank_lines: bool = False
    # A required column left out on purpose (the file must be rejected as missing_column).
    drop_column: str | None = None
    # Optional columns an older export does not have yet (the v1 layout without the v2 columns).
    omit_columns: tuple[str, ...] = ()
    # Duplicates may travel to the next file with the same group (a re-sent record).
    carry_group: str | None = None
    # Columns a provider adds on its own initiative (not in the contract), one value per typed row.
    extra_columns: Mapping[str, np.ndarray] | None = None


def deliver(
    root: Path,
    files: Sequence[SourceFile],
    to_cells: CellFormatter,
    defects: Sequence[Defect],
    eligibility: Eligibility,
    defect_rate: float,
    rng: np.random.Generator,
    description: str,
    progress: bool,
) -> dict[str, int]:
    """Write every file of one source in path order; returns {path: data rows written}."""
    files = sorted(files, key=lambda f: f.path)
    sizes = [len(f.typed) for f in files]
    masks = [_file_eligibility(file, eligibility, defects) for file in files]
    merged = {name: np.concatenate([m[name] for m in masks]) for name in (masks[0] if masks else {})}
    plan = plan_defects(rng, sum(sizes), defect_rate, defects, merged)
    bounds = np.r_[0, np.cumsum(sizes)]

    written: dict[str, int] = {}
    carry: pd.DataFrame | None = None
    for index, file in enumerate(tqdm(files, desc=description, unit="file", disable=not progress)):
        file_plan = plan[bounds[index] : bounds[index + 1]]
        cells = to_cells(file.typed.reset_index(drop=True), file.style, rng, file.excel)
        if file.extra_columns:
            for column, values in file.extra_columns.items():
                cells[column] = values
        context = DefectContext(rng, file.style, file.typed.reset_index(drop=True))
        malformed = apply_defects(cells, file_plan, defects, context)
        next_file = files[index + 1] if index + 1 < len(files) else None
        may_carry = next_file is not None and file.carry_group is not None and next_file.carry_group == file.carry_group
        duplicated = add_duplicates(cells, malformed, file_plan, defects, rng, carry, may_carry)
        carry = duplicated.carry if may_carry else None
        cells = duplicated.cells
        if file.drop_column:
            cells = cells.drop(columns=[file.drop_column])
        if file.omit_columns:
            cells = cells.drop(columns=list(file.omit_columns))
        blanks = blank_line_positions(rng, len(cells)) if file.blank_lines else ()
        target = root / file.path
        if file.excel:
            write_xlsx(target, "Aanbod", _sheet_rows(cells, blanks))
        else:
            write_csv(target, cells, file.style, duplicated.malformed, blanks)
        written[file.path] = len(cells)
    return written


def _file_eligibility(file: SourceFile, eligibility: Eligibility, defects: Sequence[Defect]) -> dict[str, np.ndarray]:
    given = eligibility(file.typed)
    # A file that is rejected as a whole would hide its row defects; a worksheet has no delimiters to get wrong.
    usable = np.full(len(file.typed), file.drop_column is None)
    masks = {d.name: usable & np.asarray(given.get(d.name, True), dtype=bool) for d in defects}
    masks[MALFORMED] &= not file.excel
    return masks


def _sheet_rows(cells: pd.DataFrame, blanks: Sequence[int]) -> list[list[object]]:
    rows: list[list[object]] = [list(cells.columns)]
    blank_set = set(blanks)
    for position, values in enumerate(cells.itertuples(index=False, name=None)):
        rows.append([None if v is None or (isinstance(v, float) and np.isnan(v)) else v for v in values])
        if position in blank_set:
            rows.append([])
    return rows
