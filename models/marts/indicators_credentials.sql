-- Indicators of section E about awards and credentials (kinds of credential and recognition; Vlor advice
-- 4.2.3, 5.3) per year and breakdown, before small-cell suppression (internal only; marts.indicator_values
-- publishes them suppressed). The offer indicators of section E are in marts.indicators_offer.
--   award_share_digital  awards in Y whose winning row arrived as a European Digital Credential, of all
--                        awards in Y (the awards indicator's cells), total and by provider type
--   foreign_credentials  credential claims with an award date in Y quarantined because the learner's ID is
--                        not Belgian (not_flemish_id), by the issuer's country: claims, not persons
WITH years AS (
    SELECT year FROM intermediate.report_years
),
award_counts AS (
    SELECT
        awarded_year AS year,
        CASE WHEN GROUPING(provider_type) = 0 THEN 'provider_type' ELSE 'total' END AS dimension,
        coalesce(provider_type, 'total') AS dimension_value,
        count(*) AS awards,
        count(*) FILTER (award_source = 'elm') AS digital
    FROM intermediate.enrolments
    WHERE status = 'BEHAALD' AND awarded_year IN (SELECT year FROM years)
    GROUP BY GROUPING SETS ((awarded_year), (awarded_year, provider_type))
),
foreign_claims AS (
    SELECT
        year(awarded_on) AS year,
        CASE WHEN GROUPING(issuer_country) = 0 THEN 'issuer_country' ELSE 'total' END AS dimension,
        coalesce(issuer_country, 'total') AS dimension_value,
        count(*) AS claims
    FROM (
        SELECT awarded_on, coalesce(issuer_region, 'ONBEKEND') AS issuer_country
        FROM staging.elm_claims_validated
        WHERE row_status = 'quarantined' AND reason = 'not_flemish_id'
    )
    WHERE year(awarded_on) IN (SELECT year FROM years)
    GROUP BY GROUPING SETS ((year(awarded_on)), (year(awarded_on), issuer_country))
),
measures AS (
    SELECT year, dimension, dimension_value,
           {'indicator_id': 'award_share_digital', 'unit': 'percent', 'numerator': digital, 'denominator': awards} AS m
    FROM award_counts
    UNION ALL
    SELECT year, dimension, dimension_value,
           {'indicator_id': 'foreign_credentials', 'unit': 'count', 'numerator': claims, 'denominator': NULL}
    FROM foreign_claims
)
SELECT
    m.indicator_id,
    year,
    dimension,
    dimension_value,
    m.numerator::DOUBLE AS numerator,
    m.denominator::DOUBLE AS denominator,
    m.unit
FROM measures
WHERE is_emitted(m.unit, m.numerator, m.denominator)
