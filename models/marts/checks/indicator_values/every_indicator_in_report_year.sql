-- Elke indicator van de catalogus heeft waarden voor het rapportjaar.
-- severity: WARN
SELECT count(v.indicator_id) > 0 AS ok, c.indicator_id AS example
FROM marts.indicator_catalogue c
LEFT JOIN marts.indicator_values v
  ON v.indicator_id = c.indicator_id AND v.year = (SELECT max(report_year) FROM intermediate.report_years)
GROUP BY c.indicator_id
