-- Every indicator value before small-cell suppression: the indicator groups together, with their
-- values. Internal only (data stewards); the published marts.indicator_values hides the small cells.
WITH measured AS (
    SELECT * FROM marts.indicators_offer
    UNION ALL SELECT * FROM marts.indicators_transparency
    UNION ALL SELECT * FROM marts.indicators_participation
    UNION ALL SELECT * FROM marts.indicators_skills_gap
    UNION ALL SELECT * FROM marts.indicators_credentials
)
SELECT
    indicator_id,
    year::INTEGER AS year,
    dimension,
    dimension_value,
    numerator,
    denominator,
    indicator_value(unit, numerator, denominator) AS value,
    unit
FROM measured
