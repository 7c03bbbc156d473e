"""The expectation suites: what Great Expectations checks on each table before anything is published.

Each check pulls a small DataFrame from DuckDB (`sql`) and validates one GX expectation on it. Large
tables are checked on aggregated frames: one row per distinct value with its number of rows in a
`rows` column, which the runner uses to report unexpected counts in rows, not in distinct values.

ERROR checks guard what the pipeline promises (keys unique, codes valid, files reconcile, small cells
hidden, no INSZ published); they are blocking: a failure stops the publish step. WARN checks are
signals about the delivered data; the run publishes and reports them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import duckdb

from pipelines.disclosure.audit import AUDIT_TABLE, audit_published

ERROR = "ERROR"
WARN = "WARN"


@dataclass(frozen=True)
class CodeList:
    """A value set read from ref.codes at run time, so the suites and the staging models share one list."""

    name: str


@dataclass(frozen=True)
class Setting:
    """A value from settings.parameters (e.g. min_cell), read at run time."""

    name: str


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
class Suite:
    table: str  # schema.table of the checked asset
    checks: tuple[Check, ...]
    # Other tables the checks read; the check waits for them.
    reads: tuple[str, ...] = field(default=())
    # Prepares what the checks read, before they run: the history of earlier runs, or the disclosure audit.
    setup: Callable[[duckdb.DuckDBPyConnection], object] | None = None
    # Records this run for later comparisons, after the checks ($1 = run id).
    record_sql: str | None = None

    @property
    def asset_key(self) -> list[str]:
        return self.table.split(".")


def in_code_list(table: str, column: str, code_list: str, where: str = "true", severity: str = ERROR) -> Check:
    return Check(
        name=f"{column}_in_code_list",
        description=f"{column} komt uit de codelijst {code_list}.",
        severity=severity,
        sql=f"SELECT {column}, count(*) AS rows FROM {table} WHERE {where} GROUP BY ALL",
        expectation="ExpectColumnValuesToBeInSet",
        kwargs={"column": column, "value_set": CodeList(code_list)},
    )


def unique_key(table: str, columns: str, where: str = "true") -> Check:
    return Check(
        name="key_unique",
        description=f"De sleutel ({columns}) is uniek na de versieregel.",
        severity=ERROR,
        # Counted in DuckDB: how many rows have a key that `copies` rows share. Sending a hash per row to
        # GX instead cost 0.9 s at three million enrolments.
        sql=f"SELECT copies, sum(copies) AS rows FROM (SELECT count(*) AS copies FROM {table} WHERE {where} "
        f"GROUP BY {columns}) GROUP BY copies",
        expectation="ExpectColumnValuesToBeInSet",
        kwargs={"column": "copies", "value_set": [1]},
        examples_sql=f"SELECT concat_ws(' | ', {columns}) FROM {table} WHERE {where} "
        "GROUP BY ALL HAVING count(*) > 1 LIMIT 5",
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
    """A rule written in SQL as a boolean column `ok`: every row must have it true."""
    return Check(
        name=name,
        description=description,
        severity=severity,
        sql=sql,
        expectation="ExpectColumnValuesToBeInSet",
        kwargs={"column": "ok", "value_set": [True]},
        examples_sql=examples_sql,
    )


def not_later_than_next_year(table: str, column: str, where: str = "true") -> Check:
    return always_true(
        f"{column}_not_far_in_future",
        f"{column} ligt niet meer dan een jaar in de toekomst.",
        WARN,
        f"SELECT {column} <= current_date + INTERVAL 1 YEAR AS ok, count(*) AS rows "
        f"FROM {table} WHERE {where} AND {column} IS NOT NULL GROUP BY ALL",
        f"SELECT DISTINCT {column}::VARCHAR FROM {table} "
        f"WHERE {where} AND {column} > current_date + INTERVAL 1 YEAR LIMIT 5",
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

SUITES: tuple[Suite, ...] = (
    Suite(
        "staging.offers",
        (
            unique_key("staging.offers", "provider_id, offer_id", "is_current"),
            in_code_list("staging.offers", "provider_type", "provider_type"),
            in_code_list("staging.offers", "volume_unit", "volume_unit"),
            in_code_list("staging.offers", "level_framework", "level_framework"),
            in_code_list("staging.offers", "assessment_type", "assessment_type"),
            in_code_list("staging.offers", "participation_form", "participation_form"),
            in_code_list("staging.offers", "purpose", "purpose"),
            in_code_list("staging.offers", "language", "language"),
            between("staging.offers", "level", "Het niveau ligt tussen 1 en 8.", min_value=1, max_value=8),
            between("staging.offers", "volume_value", "De omvang is groter dan 0.", min_value=0, strict_min=True),
            between("staging.offers", "price_eur", "De prijs is niet negatief.", min_value=0),
            Check(
                "provider_id_is_kbo",
                "Het KBO-nummer van de aanbieder heeft 10 cijfers en begint met 0 of 1.",
                ERROR,
                "SELECT provider_id, count(*) AS rows FROM staging.offers GROUP BY ALL",
                "ExpectColumnValuesToMatchRegex",
                {"column": "provider_id", "regex": KBO},
            ),
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
        reads=("staging.odb", "ref.codes"),
    ),
    Suite(
        "staging.odb",
        (
            unique_key("staging.odb", "odb_id", "is_current"),
            in_code_list("staging.odb", "status", "odb_status"),
            Check(
                "criteria_in_code_list",
                "Elk criterium komt uit de codelijst odb_criterion.",
                ERROR,
                "SELECT criterion, count(*) AS rows "
                "FROM (SELECT unnest(criteria) AS criterion FROM staging.odb) GROUP BY ALL",
                "ExpectColumnValuesToBeInSet",
                {"column": "criterion", "value_set": CodeList("odb_criterion")},
            ),
            between("staging.odb", "ects", "Het aantal studiepunten is niet negatief.", min_value=0),
            between("staging.odb", "hours", "Het aantal uren is niet negatief.", min_value=0),
        ),
        reads=("ref.codes",),
    ),
    Suite(
        "staging.awards",
        (
            unique_key("staging.awards", "learner_id, provider_id, offer_id, enrolled_on", "is_current"),
            in_code_list("staging.awards", "status", "enrolment_status"),
            in_code_list("staging.awards", "education_level", "education_level"),
            in_code_list("staging.awards", "labour_status", "labour_status"),
            in_code_list("staging.awards", "sex", "sex"),
            Check(
                "province_known",
                "De provincie is een Vlaamse provincie, BUITEN_VLAANDEREN of ONBEKEND.",
                ERROR,
                "SELECT province, count(*) AS rows FROM staging.awards GROUP BY ALL",
                "ExpectColumnValuesToBeInSet",
                {
                    "column": "province",
                    "value_set": ["10000", "20001", "30000", "40000", "70000", "BUITEN_VLAANDEREN", "ONBEKEND"],
                },
            ),
            Check(
                "learner_is_pseudonym",
                "Elke lerende is een pseudoniem (HMAC-SHA256, 64 hexadecimale tekens).",
                ERROR,
                "SELECT length(learner_id) = 64 AND regexp_full_match(learner_id, '[0-9a-f]+') AS ok, count(*) AS rows "
                "FROM staging.awards GROUP BY ALL",
                "ExpectColumnValuesToBeInSet",
                {"column": "ok", "value_set": [True]},
            ),
            always_true(
                "awarded_after_enrolment",
                "Een uitreiking valt niet vóór de inschrijving.",
                ERROR,
                "SELECT awarded_on >= enrolled_on AS ok, count(*) AS rows FROM staging.awards "
                "WHERE status = 'BEHAALD' GROUP BY ALL",
            ),
            not_later_than_next_year("staging.awards", "enrolled_on"),
            not_later_than_next_year("staging.awards", "awarded_on"),
        ),
        reads=("ref.codes",),
    ),
    Suite(
        "intermediate.current_offers",
        (unique_key("intermediate.current_offers", "provider_id, offer_id"),),
    ),
    Suite(
        "intermediate.enrolments",
        (
            always_true(
                "offer_exists",
                "Elke inschrijving verwijst naar een huidige aanbieding van dezelfde aanbieder.",
                ERROR,
                "SELECT o.offer_id IS NOT NULL AS ok, count(*) AS rows FROM staging.awards a "
                "LEFT JOIN intermediate.current_offers o USING (provider_id, offer_id) WHERE a.is_current GROUP BY ALL",
                "SELECT DISTINCT a.provider_id || ' | ' || a.offer_id FROM staging.awards a "
                "LEFT JOIN intermediate.current_offers o USING (provider_id, offer_id) "
                "WHERE a.is_current AND o.offer_id IS NULL LIMIT 5",
            ),
            between(
                "intermediate.enrolments",
                "birth_year",
                "Het geboortejaar ligt tussen 1900 en het huidige jaar.",
                min_value=1900,
                max_value=2100,
            ),
        ),
        reads=("staging.awards", "intermediate.current_offers"),
    ),
    Suite(
        "staging.projections",
        (
            unique_key("staging.projections", "edition, isco_submajor, sector, scenario, year, kind", "is_current"),
            Check(
                "isco_submajor_valid",
                "Elke ISCO-code is een bestaande ISCO-08-subhoofdgroep.",
                ERROR,
                "SELECT p.isco_submajor, i.code IS NOT NULL AS known, count(*) AS rows FROM staging.projections p "
                "LEFT JOIN ref.isco08 i ON i.level = 'submajor' AND i.code = p.isco_submajor GROUP BY ALL",
                "ExpectColumnValuesToBeInSet",
                {"column": "known", "value_set": [True]},
            ),
            in_code_list("staging.projections", "sector", "nace_section"),
            in_code_list("staging.projections", "scenario", "projection_scenario"),
            in_code_list("staging.projections", "kind", "projection_kind"),
            always_true(
                "hiring_need_is_sum_of_parts",
                "De aanwervingsbehoefte is de som van uitbreidingsvraag en beide vervangingsvragen.",
                ERROR,
                "SELECT abs(hiring_need - (expansion_demand + replacement_25_54 + replacement_55plus)) < 0.001 AS ok, "
                "count(*) AS rows FROM staging.projections "
                "WHERE expansion_demand IS NOT NULL AND replacement_25_54 IS NOT NULL "
                "AND replacement_55plus IS NOT NULL GROUP BY ALL",
            ),
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
        reads=("ref.isco08", "ref.codes", "staging.field_issues"),
    ),
    Suite(
        "staging.bottlenecks",
        (
            unique_key("staging.bottlenecks", "file, isco_unit", "is_current"),
            always_true(
                "isco_unit_valid",
                "Elke ISCO-code heeft 4 cijfers binnen een bestaande subhoofdgroep.",
                ERROR,
                "SELECT regexp_full_match(b.isco_unit, '\\d{4}') AND i.code IS NOT NULL AS ok, count(*) AS rows "
                "FROM staging.bottlenecks b "
                "LEFT JOIN ref.isco08 i ON i.level = 'submajor' AND i.code = b.isco_unit[1:2] GROUP BY ALL",
            ),
            Check(
                "causes_in_code_list",
                "Elke oorzaak komt uit de codelijst bottleneck_cause.",
                ERROR,
                "SELECT cause, count(*) AS rows "
                "FROM (SELECT unnest(causes) AS cause FROM staging.bottlenecks) GROUP BY ALL",
                "ExpectColumnValuesToBeInSet",
                {"column": "cause", "value_set": CodeList("bottleneck_cause")},
            ),
        ),
        reads=("ref.isco08", "ref.codes"),
    ),
    Suite(
        "staging.population",
        (
            unique_key("staging.population", "year, province_nis, sex, age_band", "is_current"),
            in_code_list("staging.population", "sex", "population_sex"),
            in_code_list("staging.population", "age_band", "population_age_band"),
            between("staging.population", "population", "De bevolking is niet negatief.", min_value=0),
        ),
        reads=("ref.codes",),
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
                "every_file_reconciles",
                "Voor elk bestand geldt: ontvangen = ingeladen + quarantaine + dubbel.",
                ERROR,
                "SELECT reconciles AS ok, count(*) AS rows FROM dq.files GROUP BY ALL",
                "SELECT file FROM dq.files WHERE NOT reconciles LIMIT 5",
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
        reads=("ref.codes",),
    ),
    Suite(
        "marts.offers",
        (
            unique_key("marts.offers", "provider_id, offer_id"),
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
        setup=lambda con: con.execute(
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
                "suppressed_rows_hold_no_numbers",
                "Een verborgen rij heeft geen teller, noemer of waarde.",
                ERROR,
                "SELECT numerator IS NULL AND denominator IS NULL AND value IS NULL AS ok, count(*) AS rows "
                "FROM marts.indicator_values WHERE suppressed GROUP BY ALL",
            ),
            always_true(
                "no_small_cell_published",
                "Geen gepubliceerde cel van een indicator over lerenden is klein: geen aantal en geen teller of "
                "noemer min teller tussen 1 en MCMON_MIN_CELL - 1, geen noemer van een aandeel kleiner dan "
                "MCMON_MIN_CELL.",
                ERROR,
                """SELECT CASE v.unit
                        WHEN 'percent' THEN v.denominator >= p.min_cell
                             AND NOT v.numerator BETWEEN 1 AND p.min_cell - 1
                             AND NOT v.denominator - v.numerator BETWEEN 1 AND p.min_cell - 1
                        ELSE NOT v.numerator BETWEEN 1 AND p.min_cell - 1 END AS ok,
                       count(*) AS rows
                FROM marts.indicator_values v
                JOIN marts.indicator_catalogue c USING (indicator_id)
                CROSS JOIN settings.parameters p
                WHERE c.suppressed AND NOT v.suppressed AND v.unit IN ('count', 'percent', 'per_1000')
                GROUP BY ALL""",
                """SELECT concat_ws(' | ', v.indicator_id, v.year, v.dimension, v.dimension_value)
                FROM marts.indicator_values v JOIN marts.indicator_catalogue c USING (indicator_id)
                CROSS JOIN settings.parameters p
                WHERE c.suppressed AND NOT v.suppressed AND v.numerator BETWEEN 1 AND p.min_cell - 1 LIMIT 5""",
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
            Check(
                "counts_not_negative",
                "Aantallen zijn niet negatief (de gemiddelde aanwervingsbehoefte kan dat wel zijn).",
                ERROR,
                "SELECT value, count(*) AS rows FROM marts.indicator_values "
                "WHERE unit = 'count' AND indicator_id <> 'gap_hiring_need' AND value IS NOT NULL GROUP BY ALL",
                "ExpectColumnValuesToBeBetween",
                {"column": "value", "min_value": 0},
            ),
            Check(
                "flags_are_zero_or_one",
                "Een vlag is 0 of 1.",
                ERROR,
                "SELECT value, count(*) AS rows FROM marts.indicator_values WHERE unit = 'flag' GROUP BY ALL",
                "ExpectColumnValuesToBeInSet",
                {"column": "value", "value_set": [0, 1]},
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
        ),
        setup=audit_published,
    ),
)
