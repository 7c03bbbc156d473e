-- Skills-gap indicators (section D; Vlor advice 4.2.2, 5.2) for the report year Y*, one row per
-- indicator and ISCO-08 sub-major group of the latest projection edition (scenario BASIS, sector
-- TOTAAL), zeros included, before small-cell suppression of gap_awards and gap_coverage. White spots
-- are decided on the unsuppressed numbers: pressure at or above the median, at least one bottleneck
-- occupation, and coverage at or below the 25th percentile (quantile_cont) over all groups.
WITH report AS (
    SELECT DISTINCT report_year AS year FROM intermediate.report_years
),
edition AS (
    SELECT * FROM staging.projections WHERE is_latest_edition AND is_current
),
basis AS (
    SELECT * FROM edition WHERE scenario = 'BASIS' AND sector = 'TOTAAL'
),
hiring AS (
    SELECT isco_submajor, avg(hiring_need) AS hiring_need
    FROM basis WHERE kind = 'PROJECTIE' GROUP BY isco_submajor
),
employment AS (
    SELECT isco_submajor, employment
    FROM basis
    WHERE kind = 'HISTORISCH'
    QUALIFY year = max(year) OVER (PARTITION BY isco_submajor)
),
bottlenecks AS (
    SELECT isco_unit[1:2] AS isco_submajor, count(DISTINCT isco_unit) AS occupations
    FROM staging.bottlenecks WHERE is_latest_list GROUP BY ALL
),
gap_offers AS (
    SELECT g.isco_submajor, o.provider_id, o.offer_id
    FROM intermediate.offer_years o
    JOIN report r ON r.year = o.year
    JOIN intermediate.offer_isco_groups g USING (provider_id, offer_id)
),
offer_counts AS (
    SELECT isco_submajor, count(*) AS offers FROM gap_offers GROUP BY isco_submajor
),
award_counts AS (
    SELECT g.isco_submajor, count(*) AS awards
    FROM intermediate.enrolments e
    JOIN report r ON r.year = e.awarded_year
    JOIN gap_offers g USING (provider_id, offer_id)
    WHERE e.status = 'BEHAALD'
    GROUP BY g.isco_submajor
),
per_group AS (
    SELECT
        g.isco_submajor,
        h.hiring_need,
        e.employment,
        coalesce(b.occupations, 0) AS bottleneck_occupations,
        coalesce(o.offers, 0) AS offers,
        coalesce(a.awards, 0) AS awards,
        CASE WHEN e.employment > 0 THEN 100 * h.hiring_need / e.employment END AS pressure,
        CASE WHEN h.hiring_need > 0 THEN 1000 * coalesce(a.awards, 0) / h.hiring_need END AS coverage
    FROM (SELECT DISTINCT isco_submajor FROM edition) g
    LEFT JOIN hiring h USING (isco_submajor)
    LEFT JOIN employment e USING (isco_submajor)
    LEFT JOIN bottlenecks b USING (isco_submajor)
    LEFT JOIN offer_counts o USING (isco_submajor)
    LEFT JOIN award_counts a USING (isco_submajor)
),
thresholds AS (
    SELECT median(pressure) AS median_pressure, quantile_cont(coverage, 0.25) AS coverage_p25 FROM per_group
),
measures AS (
    SELECT isco_submajor, unnest([
        CASE WHEN hiring_need IS NOT NULL THEN
            {'indicator_id': 'gap_hiring_need', 'unit': 'count', 'numerator': hiring_need, 'denominator': NULL} END,
        CASE WHEN pressure IS NOT NULL THEN
            {'indicator_id': 'gap_pressure', 'unit': 'percent', 'numerator': hiring_need, 'denominator': employment} END,
        {'indicator_id': 'gap_bottleneck_occupations', 'unit': 'count', 'numerator': bottleneck_occupations, 'denominator': NULL},
        {'indicator_id': 'gap_offers', 'unit': 'count', 'numerator': offers, 'denominator': NULL},
        {'indicator_id': 'gap_awards', 'unit': 'count', 'numerator': awards, 'denominator': NULL},
        CASE WHEN coverage IS NOT NULL THEN
            {'indicator_id': 'gap_coverage', 'unit': 'per_1000', 'numerator': awards, 'denominator': hiring_need} END,
        CASE WHEN pressure IS NOT NULL AND coverage IS NOT NULL THEN
            {'indicator_id': 'gap_white_spot', 'unit': 'flag',
             'numerator': (pressure >= median_pressure AND bottleneck_occupations >= 1 AND coverage <= coverage_p25)::INTEGER,
             'denominator': NULL} END
    ]) AS m
    FROM per_group, thresholds
)
SELECT
    m.indicator_id,
    r.year,
    'isco_submajor' AS dimension,
    isco_submajor AS dimension_value,
    m.numerator::DOUBLE AS numerator,
    m.denominator::DOUBLE AS denominator,
    m.unit
FROM measures, report r
WHERE m IS NOT NULL
