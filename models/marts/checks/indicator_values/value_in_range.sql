-- Een aandeel ligt tussen 0 en 100: de teller is een deel van de noemer (de aanwervingsdruk niet: een
-- krimpend beroep heeft een negatieve aanwervingsbehoefte).
-- severity: ERROR
SELECT value BETWEEN 0 AND 100 AS ok, count(*) AS rows, value::VARCHAR AS example
FROM marts.indicator_values
WHERE unit = 'percent' AND indicator_id NOT IN ('gap_pressure', 'gap_pressure_high', 'gap_sector_pressure') AND value IS NOT NULL
GROUP BY value
