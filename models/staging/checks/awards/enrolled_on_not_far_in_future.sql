-- De inschrijvingsdatum ligt niet meer dan een jaar in de toekomst.
-- severity: WARN
SELECT enrolled_on <= current_date + INTERVAL 1 YEAR AS ok, enrolled_on::VARCHAR AS example
FROM staging.awards
WHERE enrolled_on IS NOT NULL
