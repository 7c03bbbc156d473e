-- De uitreikingsdatum ligt niet meer dan een jaar in de toekomst.
-- severity: WARN
SELECT awarded_on <= current_date + INTERVAL 1 YEAR AS ok, awarded_on::VARCHAR AS example
FROM staging.awards
WHERE awarded_on IS NOT NULL
