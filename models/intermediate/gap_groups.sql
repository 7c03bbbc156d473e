-- The skills-gap analysis of the report year Y* for every scenario and sector of the latest projection
-- edition: one row per (scenario, sector, ISCO-08 sub-major group of the edition), before suppression.
-- Pressure is the cell's own hiring need over its own employment (last HISTORISCH year). Offers and awards
-- name occupations, not sectors, so a group's coverage is that of all sectors (TOTAAL) in the same scenario,
-- and the white-spot threshold on coverage is the 25th percentile over the groups of TOTAAL; the pressure
-- threshold is the median within the cell's own scenario and sector. For BASIS/TOTAAL this is the white spot
-- of section D exactly.
WITH report AS (
    SELECT DISTINCT report_year AS year FROM intermediate.report_years
),
edition AS (
    SELECT * FROM staging.projections WHERE is_latest_edition AND is_current
),
cells AS (
    SELECT s.scenario, s.sector, g.isco_submajor
    -- BASIS/TOTAAL always: section D gives every group of the edition its counts, zeros included.
    FROM (SELECT DISTINCT scenario, sector FROM edition UNION SELECT 'BASIS', 'TOTAAL') s,
         (SELECT DISTINCT isco_submajor FROM edition) g
),
hiring AS (
    SELECT scenario, sector, isco_submajor, avg(hiring_need) AS hiring_need
    FROM edition WHERE kind = 'PROJECTIE' GROUP BY ALL
),
employment AS (
    SELECT scenario, sector, isco_submajor, employment
    FROM edition
    WHERE kind = 'HISTORISCH'
    QUALIFY year = max(year) OVER (PARTITION BY scenario, sector, isco_submajor)
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
per_cell AS (
    SELECT
        c.scenario,
        c.sector,
        c.isco_submajor,
        h.hiring_need,
        e.employment,
        coalesce(b.occupations, 0) AS bottleneck_occupations,
        coalesce(o.offers, 0) AS offers,
        coalesce(a.awards, 0) AS awards,
        CASE WHEN e.employment > 0 THEN 100 * h.hiring_need / e.employment END AS pressure
    FROM cells c
    LEFT JOIN hiring h USING (scenario, sector, isco_submajor)
    LEFT JOIN employment e USING (scenario, sector, isco_submajor)
    LEFT JOIN bottlenecks b USING (isco_submajor)
    LEFT JOIN offer_counts o USING (isco_submajor)
    LEFT JOIN award_counts a USING (isco_submajor)
),
coverage AS (
    SELECT scenario, isco_submajor, CASE WHEN hiring_need > 0 THEN 1000 * awards / hiring_need END AS coverage
    FROM per_cell WHERE sector = 'TOTAAL'
),
coverage_thresholds AS (
    SELECT scenario, quantile_cont(coverage, 0.25) AS coverage_p25 FROM coverage GROUP BY scenario
),
pressure_thresholds AS (
    SELECT scenario, sector, median(pressure) AS median_pressure FROM per_cell GROUP BY scenario, sector
)
SELECT
    r.year,
    p.*,
    c.coverage,
    CASE WHEN p.pressure IS NOT NULL AND c.coverage IS NOT NULL THEN
        p.pressure >= t.median_pressure AND p.bottleneck_occupations >= 1 AND c.coverage <= k.coverage_p25
    END AS white_spot
FROM per_cell p
CROSS JOIN report r
JOIN pressure_thresholds t USING (scenario, sector)
LEFT JOIN coverage c USING (scenario, isco_submajor)
LEFT JOIN coverage_thresholds k USING (scenario)
