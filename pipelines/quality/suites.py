"""The expectation suites: what Great Expectations checks on each table before anything is published.

Each check pulls a small DataFrame from DuckDB (`sql`) and validates one GX expectation on it. Large
tables are checked on aggregated frames: one row per distinct value with its number of rows in a
`rows` column, which the runner uses to report unexpected counts in rows, not in distinct values.

ERROR checks guard what the pipeline promises, each from another source than the model it guards
(README, "Data quality"): the rows of every landing file counted again from the file, the indicator
totals counted again from the loaded rows, published codes against their lists, the small cells
against the unsuppressed values, no INSZ published. A check that restates its model's own SQL cannot
fail and is not here. ERROR checks are blocking: a failure stops the publish step. WARN checks are
signals about the delivered data; the run publishes and reports them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import duckdb

from pipelines.disclosure.audit import AUDIT_TABLE, audit_published
from pipelines.publication import published_tables
from pipelines.quality.landing_records import count_landing_records

ERROR = "ERROR"
WARN = "WARN"


@dataclass(frozen=True)
class Check:
    name: str
    description: str  # Dutch: it is what dq.expectations shows analysts
    severity: str
    sql: str
    expectation: str  # a great_expectations.expectations class name
    kwargs: dict[str, Any]
    # Run only when the check fails: a few keys that show where (never an INSZ: there is none to show).
    examples_sql: str | None = None


@dataclass(frozen=True)
class Folders:
    """Where a suite's setup finds the files the run read and may write its own."""

    landing: Path
    scratch: Path


@dataclass(frozen=True)
class Suite:
    table: str  # schema.table of the checked asset
    checks: tuple[Check, ...]
    # Other tables the checks read; the check waits for them.
    reads: tuple[str, ...] = field(default=())
    # Prepares what the checks read, before they run: the history of earlier runs, the disclosure audit or
    # the records counted in the landing files.
    setup: Callable[[duckdb.DuckDBPyConnection, Folders], object] | None = None
    # Records this run for later comparisons, after the checks ($1 = run id).
    record_sql: str | None = None

    @property
    def asset_key(self) -> list[str]:
        return self.table.split(".")


def unique_key(table: str, columns: str, description: str) -> Check:
    return Check(
        name="key_unique",
        description=description,
        severity=ERROR,
        # Counted in DuckDB: how many rows have a key that `copies` rows share. Sending a hash per row to
        # GX instead cost 0.9 s at three million enrolments.
        sql=f"SELECT copies, sum(copies) AS rows FROM (SELECT count(*) AS copies FROM {table} "
        f"GROUP BY {columns}) GROUP BY copies",
        expectation="ExpectColumnValuesToBeInSet",
        kwargs={"column": "copies", "value_set": [1]},
        examples_sql=f"SELECT concat_ws(' | ', {columns}) FROM {table} GROUP BY ALL HAVING count(*) > 1 LIMIT 5",
    )


def between(
    table: str, column: str, description: str, where: str = "true", severity: str = ERROR, **bounds: Any
) -> Check:
    return Check(
        name=f"{column}_in_range",
        description=description,
        severity=severity,
        sql=f"SELECT {column}, count(*) AS rows FROM {table} WHERE {where} AND {column} IS NOT NULL GROUP BY ALL",
        expectation="ExpectColumnValuesToBeBetween",
        kwargs={"column": column, **bounds},
    )


def always_true(name: str, description: str, severity: str, sql: str, examples_sql: str | None = None) -> Check:
    """A rule written in SQL as a boolean column `ok`: every row must have it true (NULL fails)."""
    return Check(
        name=name,
        description=description,
        severity=severity,
        # GX passes NULL values of a column: a rule that cannot be decided fails.
        sql=f"SELECT * REPLACE (coalesce(ok, false) AS ok) FROM ({sql})",
        expectation="ExpectColumnValuesToBeInSet",
        kwargs={"column": "ok", "value_set": [True]},
        examples_sql=examples_sql,
    )


def not_later_than_next_year(table: str, column: str) -> Check:
    return always_true(
        f"{column}_not_far_in_future",
        f"{column} ligt niet meer dan een jaar in de toekomst.",
        WARN,
        f"SELECT {column} <= current_date + INTERVAL 1 YEAR AS ok, count(*) AS rows "
        f"FROM {table} WHERE {column} IS NOT NULL GROUP BY ALL",
        f"SELECT DISTINCT {column}::VARCHAR FROM {table} WHERE {column} > current_date + INTERVAL 1 YEAR LIMIT 5",
    )


def codes_known(table: str, code_lists: dict[str, str]) -> Check:
    """Every code a published table holds is in its list in ref.codes, which gives it its Dutch label."""
    values = " UNION ALL ".join(
        f"SELECT '{column}' AS column_name, '{code_list}' AS list, {column}::VARCHAR AS code FROM {table}"
        for column, code_list in code_lists.items()
    )
    unknown = "v.code IS NOT NULL AND r.code IS NULL"
    joined = f"FROM ({values}) v LEFT JOIN ref.codes r ON r.list = v.list AND r.code = v.code"
    return always_true(
        "codes_in_code_lists",
        f"Elke code in {', '.join(code_lists)} staat in haar codelijst (ref.codes), met een Nederlandse omschrijving.",
        ERROR,
        f"SELECT NOT ({unknown}) AS ok, count(*) AS rows {joined} GROUP BY ALL",
        f"SELECT DISTINCT v.column_name || ' = ' || v.code {joined} WHERE {unknown} ORDER BY ALL LIMIT 5",
    )


KBO = r"^[01]\d{9}$"
# Per loaded file with rows: its rows received and quarantined for a defect (not_an_achievement is informational).
DEFECTS_QUARANTINED = """
    SELECT f.file, f.rows_received, count(q.file) AS quarantined
    FROM dq.files f LEFT JOIN staging.quarantine q ON q.file = f.file AND q.reason <> 'not_an_achievement'
    WHERE f.status = 'loaded' AND f.rows_received > 0
    GROUP BY f.file, f.rows_received"""

# Each relation of the disclosure audit evaluated on the unsuppressed values (a row not emitted is 0).
RELATIONS_CHECKED = """
    WITH numbers AS (
        SELECT indicator_id, year, dimension, dimension_value, 'numerator' AS measure, numerator AS number
        FROM marts.indicator_values_unsuppressed
        UNION ALL
        SELECT indicator_id, year, dimension, dimension_value, 'denominator', denominator
        FROM marts.indicator_values_unsuppressed
    )
    SELECT r.relation_id,
           CASE any_value(r.sense) WHEN '=' THEN abs(sum(r.coefficient * coalesce(n.number, 0))) < 1e-6
                                   ELSE sum(r.coefficient * coalesce(n.number, 0)) < 1e-6 END AS ok
    FROM marts.disclosure_relations r
    LEFT JOIN numbers n USING (indicator_id, year, dimension, dimension_value, measure)
    GROUP BY r.relation_id"""

# Per file: its records counted from the landing file itself (landing_records) against its rows loaded,
# quarantined and counted duplicate, each counted from its own table. A rejected file let nothing in.
FILES_RECONCILED = """
    SELECT f.file, l.records,
           f.rows_loaded + f.rows_quarantined + f.rows_duplicate AS accounted,
           CASE WHEN f.status = 'loaded' THEN l.records = accounted ELSE accounted = 0 END AS ok
    FROM dq.files f LEFT JOIN landing_records l USING (file)"""

# The totals of the four counts everything else breaks down, counted again by a second, plain query on the
# current enrolment rows and the published offers.
TOTALS_RECOMPUTED = """
    WITH recounted AS (
        SELECT 'enrolments' AS indicator_id, enrolled_year AS year, count(*) AS number
        FROM intermediate.enrolments GROUP BY ALL
        UNION ALL
        SELECT 'awards', awarded_year, count(*) FROM intermediate.enrolments WHERE status = 'BEHAALD' GROUP BY ALL
        UNION ALL
        SELECT 'learners', awarded_year, count(DISTINCT learner_id)
        FROM intermediate.enrolments WHERE status = 'BEHAALD' GROUP BY ALL
        UNION ALL
        SELECT 'offer_count', y.year, count(o.offer_id)
        FROM intermediate.report_years y
        LEFT JOIN marts.offers o ON o.valid_from <= make_date(y.year, 12, 31)
             AND (o.valid_to IS NULL OR o.valid_to >= make_date(y.year, 1, 1))
        GROUP BY ALL
    ),
    computed AS (
        SELECT indicator_id, year, numerator AS number FROM marts.indicator_values_unsuppressed
        WHERE dimension = 'total' AND indicator_id IN ('enrolments', 'awards', 'learners', 'offer_count')
    )
    SELECT indicator_id, year, coalesce(r.number, 0) AS recounted, coalesce(c.number, 0) AS computed,
           recounted = computed AS ok
    FROM (SELECT * FROM recounted WHERE year IN (SELECT year FROM intermediate.report_years)) r
    FULL JOIN computed c USING (indicator_id, year)"""

# Each published cell of an indicator over learners, judged by the suppression rule of the contract on
# its unsuppressed numbers (not on what the published row shows).
PUBLISHED_CELLS = """
    SELECT v.indicator_id, v.year, v.dimension, v.dimension_value,
           CASE u.unit
               WHEN 'percent' THEN u.denominator >= p.min_cell
                    AND NOT coalesce(u.numerator, 0) BETWEEN 1 AND p.min_cell - 1
                    AND NOT u.denominator - coalesce(u.numerator, 0) BETWEEN 1 AND p.min_cell - 1
               ELSE NOT coalesce(u.numerator, 0) BETWEEN 1 AND p.min_cell - 1 END AS ok
    FROM marts.indicator_values v
    JOIN marts.indicator_values_unsuppressed u USING (indicator_id, year, dimension, dimension_value)
    JOIN marts.indicator_catalogue c USING (indicator_id)
    CROSS JOIN settings.parameters p
    WHERE c.suppressed AND NOT v.suppressed AND u.unit IN ('count', 'percent', 'per_1000')"""

DIMENSIONS_LABELLED = """
    SELECT v.dimension || ' = ' || v.dimension_value AS value, l.label_nl IS NOT NULL AS ok
    FROM marts.indicator_values v LEFT JOIN ref.dimension_labels l USING (dimension, dimension_value)"""


def _code_suites() -> tuple[Suite, ...]:
    """One check per published table with code columns (`codes:` in models/published.yml)."""
    return tuple(
        Suite(t.name, (codes_known(t.name, t.code_lists),), reads=("ref.codes",))
        for t in published_tables()
        if t.code_lists
    )


SUITES: tuple[Suite, ...] = (
    Suite(
        "staging.offers",
        (
            not_later_than_next_year("staging.offers", "valid_from"),
            always_true(
                "odb_link_exists",
                "Een aanbieding die naar de Opleidingsdatabank verwijst, vindt daar haar erkenningsnummer.",
                WARN,
                "SELECT d.odb_id IS NOT NULL AS ok, count(*) AS rows FROM staging.offers o "
                "LEFT JOIN staging.odb d ON d.is_current AND d.odb_id = o.odb_id "
                "WHERE o.is_current AND o.odb_id IS NOT NULL GROUP BY ALL",
                "SELECT DISTINCT o.odb_id FROM staging.offers o LEFT JOIN staging.odb d ON d.is_current "
                "AND d.odb_id = o.odb_id WHERE o.is_current AND o.odb_id IS NOT NULL AND d.odb_id IS NULL LIMIT 5",
            ),
        ),
        reads=("staging.odb",),
    ),
    Suite(
        "staging.awards",
        (
            always_true(
                "learner_is_pseudonym",
                "Elke lerende is een pseudoniem (HMAC-SHA256, 64 hexadecimale tekens), ook in de rijen uit "
                "Europese digitale credentials; nooit leeg.",
                ERROR,
                "SELECT length(learner_id) = 64 AND regexp_full_match(learner_id, '[0-9a-f]+') AS ok, "
                "count(*) AS rows FROM staging.awards GROUP BY ALL",
                "SELECT DISTINCT concat_ws(', regel ', file, line) FROM staging.awards WHERE learner_id IS NULL "
                "OR NOT regexp_full_match(learner_id, '[0-9a-f]{64}') ORDER BY ALL LIMIT 5",
            ),
            not_later_than_next_year("staging.awards", "enrolled_on"),
            not_later_than_next_year("staging.awards", "awarded_on"),
        ),
    ),
    Suite(
        "staging.projections",
        (
            # A delivered value never blocks publication: a negative employment is a field issue, reported here.
            always_true(
                "employment_delivered_valid",
                "Elke aangeleverde werkgelegenheid is een aantal van nul of meer (anders een veldprobleem en "
                "leeg gelaten).",
                WARN,
                "SELECT count(*) = 0 AS ok, 1 AS rows FROM staging.field_issues "
                "WHERE source = 'projections' AND field = 'werkgelegenheid'",
                "SELECT file || ', regel ' || line || ': ' || raw_value FROM staging.field_issues "
                "WHERE source = 'projections' AND field = 'werkgelegenheid' ORDER BY file, line LIMIT 5",
            ),
        ),
        reads=("staging.field_issues",),
    ),
    Suite(
        "intermediate.population_25_64",
        (
            between(
                "intermediate.population_25_64",
                "population",
                "De bevolking van 25 tot 64 jaar is positief (bij 0 blijft de deelname per 1000 van dat gebied leeg).",
                severity=WARN,
                min_value=1,
            ),
            always_true(
                "population_complete",
                "Voor elk gebruikt bevolkingsjaar is er een positief aantal voor elke provincie, elk geslacht en "
                "elke leeftijdsklasse.",
                WARN,
                """WITH used AS (SELECT DISTINCT population_year FROM intermediate.population_25_64),
                cells AS (
                    SELECT u.population_year, r.code AS province_nis, s.code AS sex, b.code AS age_band
                    FROM used u, ref.regions r, ref.codes s, ref.codes b
                    WHERE r.level = 'province' AND r.parent_code = 'VLAANDEREN'
                      AND s.list = 'population_sex' AND b.list = 'population_age_band'
                )
                SELECT coalesce(p.population > 0, false) AS ok, count(*) AS rows
                FROM cells c LEFT JOIN staging.population p
                  ON p.is_current AND p.year = c.population_year AND p.province_nis = c.province_nis
                 AND p.sex = c.sex AND p.age_band = c.age_band
                GROUP BY ALL""",
                """WITH used AS (SELECT DISTINCT population_year FROM intermediate.population_25_64)
                SELECT concat_ws(' | ', u.population_year, r.code, s.code, b.code)
                FROM used u, ref.regions r, ref.codes s, ref.codes b
                WHERE r.level = 'province' AND r.parent_code = 'VLAANDEREN'
                  AND s.list = 'population_sex' AND b.list = 'population_age_band'
                  AND NOT EXISTS (SELECT 1 FROM staging.population p WHERE p.is_current AND p.year = u.population_year
                      AND p.province_nis = r.code AND p.sex = s.code AND p.age_band = b.code AND p.population > 0)
                LIMIT 5""",
            ),
        ),
        reads=("staging.population", "ref.regions", "ref.codes"),
    ),
    Suite(
        "dq.files",
        (
            always_true(
                "rows_match_landing_files",
                "Elk bestand is volledig verwerkt: zijn rijen, opnieuw geteld in het bestand zelf, zijn ingeladen, "
                "in quarantaine of dubbel (elk geteld in een eigen tabel); uit een geweigerd bestand kwam niets "
                "binnen.",
                ERROR,
                f"SELECT ok, count(*) AS rows FROM ({FILES_RECONCILED}) GROUP BY ALL",
                f"SELECT file || ': ' || coalesce(records::VARCHAR, 'niet leesbaar') || ' rijen in het bestand, ' "
                f"|| accounted || ' verwerkt' FROM ({FILES_RECONCILED}) WHERE NOT coalesce(ok, false) "
                "ORDER BY file LIMIT 5",
            ),
            Check(
                "quarantine_share_at_most_10_percent",
                "Geen bestand heeft meer dan 10 % van zijn rijen in quarantaine.",
                WARN,
                # A credential's claim that is not an award is quarantined for information only: no defect.
                f"SELECT file, quarantined / rows_received AS quarantined_share FROM ({DEFECTS_QUARANTINED})",
                "ExpectColumnValuesToBeBetween",
                {"column": "quarantined_share", "max_value": 0.10},
                "SELECT file || ' (' || round(100 * quarantined / rows_received, 1) || ' %)' "
                f"FROM ({DEFECTS_QUARANTINED}) WHERE quarantined > 0.10 * rows_received LIMIT 5",
            ),
            always_true(
                "every_source_delivered",
                "Elke bron van het aanleverformaat heeft minstens één bestand aangeleverd.",
                WARN,
                "SELECT c.code AS source, count(f.file) > 0 AS ok "
                "FROM ref.codes c LEFT JOIN dq.files f ON f.source = c.code WHERE c.list = 'source' GROUP BY c.code",
                "SELECT c.code FROM ref.codes c LEFT JOIN dq.files f ON f.source = c.code WHERE c.list = 'source' "
                "GROUP BY c.code HAVING count(f.file) = 0",
            ),
        ),
        reads=("ref.codes", "staging.quarantine"),
        setup=lambda con, folders: count_landing_records(con, folders.landing, folders.scratch),
    ),
    Suite(
        "marts.offers",
        (
            unique_key(
                "marts.offers",
                "provider_id, offer_id",
                "Elke aanbieding (aanbieder, mc_id) staat één keer in het aanbod, uit catalogus of credential.",
            ),
            Check(
                "provider_id_is_kbo",
                "Het KBO-nummer van de aanbieder heeft 10 cijfers en begint met 0 of 1, uit catalogus of credential.",
                ERROR,
                "SELECT provider_id, count(*) AS rows FROM marts.offers GROUP BY ALL",
                "ExpectColumnValuesToMatchRegex",
                {"column": "provider_id", "regex": KBO},
            ),
            Check(
                "provider_compliance_not_dropping",
                "Het aandeel aanbiedingen van een aanbieder dat aan alle standaardelementen voldoet, daalde niet met "
                "meer dan 20 procentpunten tegenover de vorige run.",
                WARN,
                """WITH current AS (
                    SELECT provider_id, 100 * avg(complies_all::INTEGER) AS share FROM marts.offers GROUP BY provider_id
                ),
                previous AS (
                    SELECT provider_id, share FROM dq.provider_compliance
                    WHERE run_id = (SELECT run_id FROM dq.provider_compliance ORDER BY recorded_at DESC LIMIT 1)
                )
                SELECT c.provider_id, c.share - p.share AS change_points
                FROM current c JOIN previous p USING (provider_id)""",
                "ExpectColumnValuesToBeBetween",
                {"column": "change_points", "min_value": -20},
            ),
        ),
        setup=lambda con, _: con.execute(
            "CREATE TABLE IF NOT EXISTS dq.provider_compliance "
            "(run_id VARCHAR, recorded_at TIMESTAMP, provider_id VARCHAR, offers BIGINT, share DOUBLE)"
        ),
        record_sql="INSERT INTO dq.provider_compliance SELECT $1, now(), provider_id, count(*), "
        "100 * avg(complies_all::INTEGER) FROM marts.offers GROUP BY provider_id",
    ),
    Suite(
        "marts.indicator_values",
        (
            always_true(
                "totals_recounted",
                "De totalen van inschrijvingen, uitreikingen, lerenden en aanbiedingen per jaar zijn gelijk aan een "
                "tweede, eenvoudige telling op de huidige inschrijvingen en het gepubliceerde aanbod.",
                ERROR,
                f"SELECT ok, count(*) AS rows FROM ({TOTALS_RECOMPUTED}) GROUP BY ALL",
                f"SELECT indicator_id || ' ' || year || ': ' || computed || ' berekend, ' || recounted || ' herteld' "
                f"FROM ({TOTALS_RECOMPUTED}) WHERE NOT coalesce(ok, false) ORDER BY ALL LIMIT 5",
            ),
            always_true(
                "no_small_cell_published",
                "Geen gepubliceerde cel van een indicator over lerenden is klein, beoordeeld op haar onverborgen "
                "cijfers: geen aantal en geen teller of noemer min teller tussen 1 en MCMON_MIN_CELL - 1, geen "
                "noemer van een aandeel kleiner dan MCMON_MIN_CELL.",
                ERROR,
                f"SELECT ok, count(*) AS rows FROM ({PUBLISHED_CELLS}) GROUP BY ALL",
                f"SELECT concat_ws(' | ', indicator_id, year, dimension, dimension_value) FROM ({PUBLISHED_CELLS}) "
                "WHERE NOT coalesce(ok, false) ORDER BY ALL LIMIT 5",
            ),
            always_true(
                "no_hidden_cell_derivable",
                "Geen kleine verborgen cel valt af te leiden uit alle gepubliceerde cijfers samen en de verbanden "
                "ertussen (sommen, aandelen, grenzen; lineair programma): de grootst mogelijke waarde van elk klein "
                "aantal is minstens MCMON_MIN_CELL.",
                ERROR,
                f"SELECT NOT derivable AS ok, count(*) AS rows FROM {AUDIT_TABLE} GROUP BY ALL",
                "SELECT concat_ws(' | ', indicator_id, year, dimension, dimension_value, "
                f"quantity || ' hoogstens ' || upper_bound) FROM {AUDIT_TABLE} WHERE derivable "
                "ORDER BY ALL LIMIT 5",
            ),
            always_true(
                "disclosure_relations_hold",
                "Elk verband tussen gepubliceerde cijfers waarmee de onthullingsaudit rekent "
                "(marts.disclosure_relations) klopt op de niet-verborgen waarden.",
                ERROR,
                f"SELECT ok, count(*) AS rows FROM ({RELATIONS_CHECKED}) GROUP BY ALL",
                f"SELECT relation_id FROM ({RELATIONS_CHECKED}) WHERE NOT ok ORDER BY ALL LIMIT 5",
            ),
            between(
                "marts.indicator_values",
                "value",
                "Een aandeel ligt tussen 0 en 100 (de aanwervingsdruk niet: een krimpend beroep heeft een negatieve "
                "aanwervingsbehoefte).",
                "unit = 'percent' AND indicator_id <> 'gap_pressure'",
                min_value=0,
                max_value=100,
            ),
            always_true(
                "dimension_values_labelled",
                "Elke opsplitsingswaarde van een gepubliceerde indicator heeft een Nederlands label "
                "(ref.dimension_labels).",
                ERROR,
                f"SELECT ok, count(*) AS rows FROM ({DIMENSIONS_LABELLED}) GROUP BY ALL",
                f"SELECT DISTINCT value FROM ({DIMENSIONS_LABELLED}) WHERE NOT ok ORDER BY ALL LIMIT 5",
            ),
            always_true(
                "every_indicator_in_report_year",
                "Elke indicator van de catalogus heeft waarden voor het rapportjaar.",
                WARN,
                "SELECT c.indicator_id, count(v.indicator_id) > 0 AS ok FROM marts.indicator_catalogue c "
                "LEFT JOIN marts.indicator_values v ON v.indicator_id = c.indicator_id "
                "AND v.year = (SELECT max(report_year) FROM intermediate.report_years) GROUP BY c.indicator_id",
                "SELECT c.indicator_id FROM marts.indicator_catalogue c LEFT JOIN marts.indicator_values v "
                "ON v.indicator_id = c.indicator_id "
                "AND v.year = (SELECT max(report_year) FROM intermediate.report_years) "
                "GROUP BY c.indicator_id HAVING count(v.indicator_id) = 0 LIMIT 5",
            ),
        ),
        reads=(
            "marts.indicator_catalogue",
            "settings.parameters",
            "intermediate.report_years",
            "marts.indicator_values_unsuppressed",
            "marts.disclosure_relations",
            "ref.indicators",
            "ref.dimension_labels",
            "intermediate.enrolments",
            "marts.offers",
        ),
        setup=lambda con, _: audit_published(con),
    ),
    *_code_suites(),
)
