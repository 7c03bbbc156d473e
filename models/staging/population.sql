-- Loaded population counts. Key (year, province_nis, sex, age_band): the file that sorts last, then
-- the later line, wins (is_current).
SELECT
    * EXCLUDE (row_status, reason, reason_field, field_issues),
    row_number() OVER (PARTITION BY year, province_nis, sex, age_band ORDER BY file DESC, line DESC) = 1 AS is_current
FROM staging.population_validated
WHERE row_status = 'loaded'
