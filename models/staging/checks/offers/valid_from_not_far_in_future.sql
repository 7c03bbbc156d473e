-- De startdatum van een aanbieding ligt niet meer dan een jaar in de toekomst.
-- severity: WARN
SELECT valid_from <= current_date + INTERVAL 1 YEAR AS ok, valid_from::VARCHAR AS example
FROM staging.offers
WHERE valid_from IS NOT NULL
