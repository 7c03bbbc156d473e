"""What the pages read from the published warehouse: aggregates only, small enough for pandas."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

import duckdb
import pandas as pd

from pipelines.formatting import belgian, belgian_date

VALUES_SQL = """
SELECT v.indicator_id, v.year, v.dimension, v.dimension_value, v.numerator, v.denominator, v.value, v.unit,
       v.suppressed, c.name_nl, c.definition_nl, c.indicator_group,
       coalesce(l.label_nl, v.dimension_value) AS label, coalesce(l.sort_order, 999) AS sort_order,
       coalesce(d.label_nl, v.dimension) AS dimension_label
FROM marts.indicator_values v
JOIN marts.indicator_catalogue c USING (indicator_id)
LEFT JOIN ref.dimension_labels l USING (dimension, dimension_value)
LEFT JOIN ref.codes d ON d.list = 'dimension' AND d.code = v.dimension
"""


@dataclass
class SiteData:
    values: pd.DataFrame
    catalogue: pd.DataFrame
    period: dict
    min_cell: int
    dimension_labels: dict[str, str]  # breakdown (provider_type) -> its Dutch name (Type aanbieder)
    reasons: dict[str, str]  # reason code -> its short Dutch name
    severities: dict[str, str]  # check severity (ERROR, WARN) -> its Dutch name
    sources: pd.DataFrame
    files: pd.DataFrame
    issues: pd.DataFrame
    elm_outcomes: pd.DataFrame
    expectations: pd.DataFrame
    tables: pd.DataFrame
    columns: pd.DataFrame
    offers: pd.DataFrame  # every current offer, as the offer browser shows it (dashboards/offers.sql)
    codes: pd.DataFrame  # ref.codes: list, code, label_nl, sort_order
    countries: pd.DataFrame  # ref.countries: code (ISO 3166-1 alpha-2), label_nl
    standard_elements: pd.DataFrame
    # The provider scorecards (aanbieders.html): marts.provider_scorecard, marts.provider_compliance and
    # dq.provider_issue_counts.
    scorecard: pd.DataFrame
    compliance: pd.DataFrame
    provider_issues: pd.DataFrame

    @property
    def years(self) -> list[int]:
        return sorted(int(y) for y in self.values["year"].unique())

    @property
    def report_year(self) -> int | None:
        """None while nothing has been delivered that gives the indicators a year."""
        year = self.period["report_year"]
        return None if pd.isna(year) else int(year)

    @cached_property
    def _groups(self) -> dict[tuple, pd.DataFrame]:
        # The pages select hundreds of times: sort and split once, instead of scanning every row per call.
        ordered = self.values.sort_values(["sort_order", "dimension_value"])
        return dict(tuple(ordered.groupby(["indicator_id", "year", "dimension"], sort=False)))

    def select(self, indicator: str, year: int | None = None, dimension: str | None = None) -> pd.DataFrame:
        """Rows of one indicator, for one year and breakdown or across them, in display order."""
        parts = [
            rows
            for (i, y, d), rows in self._groups.items()
            if i == indicator and year in (None, y) and dimension in (None, d)
        ]
        return pd.concat(parts) if parts else self.values.iloc[0:0]

    def total(self, indicator: str, year: int) -> pd.Series | None:
        rows = self.select(indicator, year, "total")
        return None if rows.empty else rows.iloc[0]

    def breakdown(self, dimension: str) -> str:
        """The breakdown's name inside a sentence: "per type aanbieder", "per studiegebied (ISCED-F)"."""
        label = self.dimension_labels[dimension]
        return label[:1].lower() + label[1:]

    def name(self, indicator: str) -> str:
        return self.catalogue.loc[indicator, "name_nl"]

    def definition(self, indicator: str) -> str:
        return self.catalogue.loc[indicator, "definition_nl"]

    @cached_property
    def _code_labels(self) -> dict[tuple[str, str], str]:
        return {(r.list, r.code): r.label_nl for r in self.codes.itertuples()}

    def label(self, code_list: str, code: str, default: str = "") -> str:
        """The Dutch label of a code of ref.codes."""
        return self._code_labels.get((code_list, code), default)


def load(warehouse: Path, min_cell: int) -> SiteData:
    with duckdb.connect(str(warehouse), read_only=True) as con:
        period = con.execute("SELECT * FROM marts.report_period").fetchdf().iloc[0].to_dict()
        period["data_through_text"] = belgian_date(period["data_through"])
        return SiteData(
            values=con.execute(VALUES_SQL).fetchdf(),
            catalogue=con.execute("SELECT * FROM marts.indicator_catalogue").fetchdf().set_index("indicator_id"),
            period=period,
            min_cell=min_cell,
            dimension_labels=dict(con.execute(CODES_SQL, ["dimension"]).fetchall()),
            reasons={code: short_reason(label) for code, label in con.execute(CODES_SQL, ["reason_code"]).fetchall()},
            severities=dict(con.execute(CODES_SQL, ["check_severity"]).fetchall()),
            sources=con.execute("SELECT * FROM dq.sources").fetchdf(),
            files=con.execute("SELECT * FROM dq.files").fetchdf(),
            issues=con.execute("SELECT * FROM dq.issue_counts").fetchdf(),
            elm_outcomes=con.execute("SELECT * FROM dq.elm_outcomes").fetchdf(),
            expectations=con.execute(
                "SELECT * FROM dq.expectations WHERE run_id = "
                "(SELECT run_id FROM dq.expectations ORDER BY checked_at DESC LIMIT 1)"
            ).fetchdf(),
            tables=con.execute(
                "SELECT schema_name, table_name, comment FROM duckdb_tables() ORDER BY schema_name, table_name"
            ).fetchdf(),
            columns=con.execute(
                "SELECT schema_name, table_name, column_name, data_type, comment FROM duckdb_columns() "
                "WHERE NOT internal ORDER BY schema_name, table_name, column_index"
            ).fetchdf(),
            offers=con.execute(OFFERS_SQL.read_text(encoding="utf-8")).fetchdf(),
            codes=con.execute(
                "SELECT list, code, label_nl, sort_order FROM ref.codes ORDER BY list, sort_order"
            ).fetchdf(),
            countries=con.execute("SELECT code, label_nl FROM ref.countries").fetchdf(),
            standard_elements=con.execute("SELECT * FROM ref.standard_elements ORDER BY element_no").fetchdf(),
            scorecard=con.execute("SELECT * FROM marts.provider_scorecard ORDER BY provider_id, year").fetchdf(),
            compliance=con.execute(
                "SELECT * FROM marts.provider_compliance ORDER BY provider_id, year, element_no"
            ).fetchdf(),
            provider_issues=con.execute("SELECT * FROM dq.provider_issue_counts").fetchdf(),
        )


OFFERS_SQL = Path(__file__).parent / "offers.sql"
CODES_SQL = "SELECT code, label_nl FROM ref.codes WHERE list = $1 ORDER BY sort_order"


def short_reason(label: str) -> str:
    """A reason's Dutch label is "what: what to do about it"; a chart axis or table cell takes the first part."""
    return label.split(":")[0]


def shown(value: float | None, unit: str, suppressed: bool) -> str:
    """A value as a reader sees it in a tile or table."""
    from pipelines.formatting import indicator_value

    return indicator_value(None if pd.isna(value) else value, unit, bool(suppressed))


def count(value) -> str:
    return belgian(None if pd.isna(value) else value)
