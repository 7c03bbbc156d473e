-- De totalen van inschrijvingen, uitreikingen, lerenden en aanbiedingen per jaar zijn gelijk aan een tweede,
-- eenvoudige telling op de huidige inschrijvingen en het gepubliceerde aanbod.
-- severity: ERROR
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
),
compared AS (
    SELECT indicator_id, year, coalesce(r.number, 0) AS recounted, coalesce(c.number, 0) AS computed
    FROM (SELECT * FROM recounted WHERE year IN (SELECT year FROM intermediate.report_years)) r
    FULL JOIN computed c USING (indicator_id, year)
)
SELECT recounted = computed AS ok,
       indicator_id || ' ' || year || ': ' || computed || ' berekend, ' || recounted || ' herteld' AS example
FROM compared
