-- The years the indicators are computed for: from the first year with a current offer's start, or a
-- current enrolment or award date, up to the report year Y*: the latest year in which an enrolment or
-- award date falls, unless MCMON_REPORT_YEAR fixes it (settings.parameters). Without any enrolment,
-- the latest year in which a current offer starts, so the offer indicators are not lost.
WITH enrolment_dates AS (
    SELECT enrolled_on AS day FROM staging.awards WHERE is_current
    UNION ALL
    SELECT awarded_on FROM staging.awards WHERE is_current
),
bounds AS (
    SELECT
        least(
            (SELECT year(min(valid_from)) FROM intermediate.current_offers),
            (SELECT year(min(day)) FROM enrolment_dates)
        ) AS first_year,
        coalesce(
            (SELECT report_year FROM settings.parameters),
            (SELECT year(max(day)) FROM enrolment_dates),
            (SELECT year(max(valid_from)) FROM intermediate.current_offers)
        ) AS report_year
)
SELECT unnest(range(first_year, report_year + 1)) AS year, report_year
FROM bounds
WHERE first_year IS NOT NULL AND report_year IS NOT NULL
