"""The disclosure audit (indicators.md, "Disclosure audit"): how far can an analyst narrow down a hidden cell?

Every published number of a suppressed indicator is a constant; every hidden one is unknown: at least 1 for
a count and for the denominator of a percent (a row is emitted only from 1 on; a count of an indicator that
publishes zeros, at least 0), at least 0 otherwise. The
relations of `marts.disclosure_relations` tie the numbers together. For each quantity that makes a hidden
cell small (a count, a per-1000 numerator, or a percent's numerator, denominator - numerator or
denominator, as the primary rule reads them) a linear programme finds the smallest and the largest value
consistent with everything published. A largest value below MCMON_MIN_CELL means that an analyst can tell
the cell is small: it is derivable.

`protect` hides further cells until no small cell is derivable: the suppression rules of the contract
(complementary, linked) cover the common cases, not every combination of relations.

The programmes are solved by HiGHS through SciPy, each on the group of hidden numbers that relations link
to the audited one: most hidden cells are linked only to the few cells of their breakdown.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import duckdb
import numpy as np
import pandas as pd

from pipelines.sql_templates import render

# Rates per 1000 divide by a population (Statbel) or by a hiring need (published as gap_hiring_need):
# numbers anyone can look up, so the audit treats them as known where the rate is hidden.
PUBLIC_DENOMINATOR_UNIT = "per_1000"
KEY = ["indicator_id", "year", "dimension", "dimension_value"]
RESULT_COLUMNS = [*KEY, "quantity", "lower_bound", "upper_bound", "derivable", "hidden_numbers", "relations"]

AUDIT_TABLE = "dq.disclosure_audit"


def audit_published(con: duckdb.DuckDBPyConnection) -> None:
    """Audit marts.indicator_values as it will be published into dq.disclosure_audit (internal: the bounds
    of a small cell say that it is small), for the check no_hidden_cell_derivable."""
    (min_cell,) = con.execute("SELECT min_cell FROM settings.parameters").fetchall()[0]
    publication = Publication.load(con)
    result = publication.audit(publication.hidden_in(con, "marts.indicator_values", "WHERE suppressed"), min_cell)
    con.execute("CREATE SCHEMA IF NOT EXISTS dq")
    con.register("_audit", result)
    con.execute(f"CREATE OR REPLACE TABLE {AUDIT_TABLE} AS SELECT * FROM _audit")
    con.unregister("_audit")


# How many candidate cells protection tries, one linear programme each, before it settles for the one that widened
# the bound most. Trying every candidate took 47 510 programmes (6 minutes) on a zone of 1000 learners, whose
# cross-tables and provider cells make long candidate lists; the smallest few are nearly always the ones chosen.
TRIALS = 4


@dataclass
class Publication:
    """The suppressed indicators' numbers and the relations between them, ready for linear programmes.

    Number 2r is row r's numerator, 2r + 1 its denominator (NaN for a count)."""

    rows: pd.DataFrame
    values: np.ndarray
    lower: np.ndarray  # the least a hidden number can be
    public: np.ndarray  # known even where its row is hidden
    relation: np.ndarray  # per term: its relation, number and coefficient
    number: np.ndarray
    coefficient: np.ndarray
    is_equality: np.ndarray  # per relation

    @classmethod
    def load(cls, con: duckdb.DuckDBPyConnection) -> Publication:
        rows = con.execute(render("marts/disclosure/published_rows.sql")).df()
        terms = con.execute(render("marts/disclosure/relation_terms.sql")).df()
        values = np.column_stack([rows["numerator"], rows["denominator"]]).astype(float).ravel()
        # A count row is emitted from 1 on, except for an indicator that publishes zeros (gap_awards: every
        # group, zeros included): what an analyst sees in the published rows, where zeros are never hidden.
        emits_zero = rows["indicator_id"].isin(
            rows.loc[(rows["unit"] == "count") & (rows["numerator"] == 0), "indicator_id"]
        )
        is_count = (rows["unit"] == "count").to_numpy() & ~emits_zero.to_numpy()
        lower = np.column_stack([np.where(is_count, 1.0, 0.0), np.ones(len(rows))]).ravel()
        public = np.column_stack([np.zeros(len(rows), bool), (rows["unit"] == PUBLIC_DENOMINATOR_UNIT).to_numpy()])
        present = terms["row"].notna()
        relations = int(terms["relation"].max()) + 1 if len(terms) else 0
        is_equality = np.zeros(relations, bool)
        is_equality[terms["relation"].to_numpy(int)] = terms["is_equality"].to_numpy(bool)
        terms = terms[present]
        return cls(
            rows=rows[KEY + ["unit"]],
            values=values,
            lower=lower,
            public=public.ravel(),
            relation=terms["relation"].to_numpy(int),
            number=(2 * terms["row"].to_numpy(int) + terms["is_denominator"].to_numpy(int)),
            coefficient=terms["coefficient"].to_numpy(float),
            is_equality=is_equality,
        )

    def hidden_in(self, con: duckdb.DuckDBPyConnection, table: str, where: str = "") -> np.ndarray:
        """Which rows `table` hides (all its rows, or those matching `where`)."""
        sql = render("marts/disclosure/hidden_rows.sql", table=table, where=where)
        return np.array(con.execute(sql).df()["hidden"], dtype=bool)

    def small_quantities(self, min_cell: int) -> pd.DataFrame:
        """Per row, each quantity that the primary rule finds small, as coefficients on its numerator and
        denominator: what the audit must keep from being narrowed below min_cell. Read again from the values,
        not taken from marts.suppression_rules: the audit does not trust the rules it checks."""
        numerator, denominator = self.values[0::2], self.values[1::2]
        is_percent = (self.rows["unit"] == "percent").to_numpy()

        def small(x):
            return (x >= 1) & (x <= min_cell - 1)

        found = []
        for quantity, applies, on_numerator, on_denominator in (
            ("aantal", ~is_percent & small(numerator), 1, 0),
            ("teller", is_percent & small(numerator), 1, 0),
            ("noemer - teller", is_percent & small(denominator - numerator), -1, 1),
            ("noemer", is_percent & (denominator < min_cell), 0, 1),
        ):
            (rows,) = np.nonzero(applies)
            found.append(
                pd.DataFrame(
                    {"row": rows, "quantity": quantity, "on_numerator": on_numerator, "on_denominator": on_denominator}
                )
            )
        return pd.concat(found).sort_values(["row", "quantity"], kind="stable").reset_index(drop=True)

    def audit(self, hidden: np.ndarray, min_cell: int) -> pd.DataFrame:
        """The smallest and largest value of every small quantity of a hidden row (RESULT_COLUMNS)."""
        problem = _Problem(self, hidden)
        quantities = self.small_quantities(min_cell)
        quantities = quantities[hidden[quantities["row"].to_numpy()]]
        results = [
            {**self.rows.iloc[q.row][KEY].to_dict(), "quantity": q.quantity, **problem.bounds(q, min_cell)}
            for q in quantities.itertuples(index=False)
        ]
        return pd.DataFrame(results, columns=RESULT_COLUMNS)

    def protect(self, hidden: np.ndarray, min_cell: int) -> list[int]:
        """Hide further rows until no small quantity is derivable; the rows hidden, in order.

        For a derivable quantity, the published rows that share a relation with its group (but no published zero)
        are tried nearest first (same breakdown and year, then same indicator and year; smallest count, else
        denominator, first), at most TRIALS of them: the first that makes it safe is hidden. When none does alone,
        the one that widens it most is hidden (when none widens it, the nearest) and the search goes on. Hiding
        more only widens the bounds, so a quantity found safe stays safe and each is looked at once, in key order."""
        hidden = hidden.copy()
        added: list[int] = []
        size = np.where(np.isnan(self.values[1::2]), self.values[0::2], self.values[1::2])
        rank = np.empty(len(size), int)
        rank[np.lexsort((np.arange(len(size)), size))] = np.arange(len(size))  # smallest first, then key order
        family = self.rows.groupby(["indicator_id", "year"], sort=False).ngroup().to_numpy()
        breakdown = self.rows.groupby(["year", "dimension"], sort=False).ngroup().to_numpy()
        quantities = self.small_quantities(min_cell)
        problem = _Problem(self, hidden)
        for quantity in quantities[hidden[quantities["row"].to_numpy()]].itertuples(index=False):
            while (current := problem.largest(quantity)) < min_cell:
                best, widest = None, current
                # Not a published zero (gap_awards publishes them): hiding a known 0 would widen hardly anything.
                # Nearest first: the same breakdown and year, then the same indicator and year; smallest first.
                candidates = sorted(
                    (r for r in problem.neighbours(quantity.row) if size[r] != 0),
                    key=lambda r: (
                        breakdown[r] != breakdown[quantity.row],
                        breakdown[r] != breakdown[quantity.row] and family[r] != family[quantity.row],
                        rank[r],
                    ),
                )
                for row in candidates[:TRIALS]:
                    trial = hidden.copy()
                    trial[row] = True
                    high = _Problem(self, trial).largest(quantity)
                    if high >= min_cell:
                        best = row
                        break
                    if high > widest:
                        best, widest = row, high
                if best is None and candidates:
                    # None widens it alone (several numbers say the same, e.g. a total and its only breakdown
                    # value): the nearest.
                    best = candidates[0]
                if best is None:
                    raise RuntimeError(
                        "geen cel meer om ter bescherming te verbergen voor "
                        + " | ".join(self.rows.iloc[quantity.row][KEY].astype(str))
                    )
                hidden[best] = True
                added.append(best)
                problem = _Problem(self, hidden)
        return added


class _Problem:
    """The linear constraints on the hidden numbers for one suppression pattern."""

    def __init__(self, publication: Publication, hidden_rows: np.ndarray) -> None:
        # SciPy takes half a second to import: not at every `mcmon` command or code-location load.
        from scipy.sparse import coo_array, csr_array
        from scipy.sparse.csgraph import connected_components

        p = publication
        self.p = p
        is_variable = np.repeat(hidden_rows, 2) & ~p.public & ~np.isnan(p.values)
        self.variable_of = np.full(len(p.values), -1)
        self.variable_of[is_variable] = np.arange(is_variable.sum())
        self.variables = int(is_variable.sum())
        free = is_variable[p.number]
        relations = len(p.is_equality)
        # sum(coefficient x hidden) (sense) -sum(coefficient x published)
        self.rhs = -np.bincount(
            p.relation[~free], weights=p.coefficient[~free] * p.values[p.number[~free]], minlength=relations
        )
        self.matrix = csr_array(
            coo_array(
                (p.coefficient[free], (p.relation[free], self.variable_of[p.number[free]])),
                shape=(relations, self.variables),
            )
        )
        incidence = (self.matrix != 0).astype(np.int8)
        _, self.group = connected_components(incidence.T @ incidence, directed=False)
        self.lower = p.lower[is_variable]

    def neighbours(self, row: int) -> set[int]:
        """Published rows that share a relation with the hidden numbers linked to `row`."""
        members = np.flatnonzero(self.group == self.group[self.variable_of[2 * row]])
        relations = np.unique(self.matrix[:, members].tocoo().coords[0])
        terms = np.isin(self.p.relation, relations)
        rows = self.p.number[terms] // 2
        return {int(r) for r in rows if self.variable_of[2 * r] < 0}

    def largest(self, quantity) -> float:
        """The largest value the quantity can take."""
        from scipy.optimize import linprog

        c, problem, _, _ = self._programme(quantity)
        result = linprog(-c, **problem)
        return self._value(result, -1)

    def bounds(self, quantity, min_cell: int) -> dict:
        from scipy.optimize import linprog

        c, problem, members, relations = self._programme(quantity)
        high = self._value(linprog(-c, **problem), -1)
        return {
            "lower_bound": self._value(linprog(c, **problem), 1),
            "upper_bound": high,
            "derivable": high < min_cell,
            "hidden_numbers": members,
            "relations": relations,
        }

    def _programme(self, quantity) -> tuple[np.ndarray, dict, int, int]:
        """The objective and constraints of a quantity, on the group of hidden numbers linked to it."""
        objective = np.zeros(self.variables)
        numerator = self.variable_of[2 * quantity.row]
        objective[numerator] += quantity.on_numerator
        if quantity.on_denominator:
            objective[self.variable_of[2 * quantity.row + 1]] += quantity.on_denominator
        members = np.flatnonzero(self.group == self.group[numerator])
        sub = self.matrix[:, members]
        used = np.flatnonzero(np.diff(sub.indptr) > 0)
        sub, rhs, equality = sub[used], self.rhs[used], self.p.is_equality[used]
        problem = {
            "A_ub": sub[~equality] if (~equality).any() else None,
            "b_ub": rhs[~equality] if (~equality).any() else None,
            "A_eq": sub[equality] if equality.any() else None,
            "b_eq": rhs[equality] if equality.any() else None,
            "bounds": [(low, None) for low in self.lower[members]],
            "method": "highs",
        }
        return objective[members], problem, len(members), len(used)

    @staticmethod
    def _value(result, sign: int) -> float:
        """The optimum of a minimisation of sign x quantity, as a value of the quantity."""
        if result.status == 3:  # unbounded: nothing published limits it
            return -sign * math.inf
        if result.status != 0:
            # The true values satisfy every relation (check disclosure_relations_hold), so the programme is
            # feasible unless a relation or a published number is wrong.
            raise ValueError(f"onthullingsaudit: het lineair programma gaf geen oplossing ({result.message})")
        return float(sign * result.fun)
