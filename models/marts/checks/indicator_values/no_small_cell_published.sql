-- Geen gepubliceerde cel van een indicator over lerenden is klein, beoordeeld op haar onverborgen cijfers:
-- geen aantal en geen teller of noemer min teller tussen 1 en MCMON_MIN_CELL - 1, geen noemer van een
-- aandeel kleiner dan MCMON_MIN_CELL.
-- severity: ERROR
-- The contract's rule on each published cell's unsuppressed numbers, not on what the published row shows.
SELECT CASE u.unit
           WHEN 'percent' THEN u.denominator >= p.min_cell
                AND NOT coalesce(u.numerator, 0) BETWEEN 1 AND p.min_cell - 1
                AND NOT u.denominator - coalesce(u.numerator, 0) BETWEEN 1 AND p.min_cell - 1
           ELSE NOT coalesce(u.numerator, 0) BETWEEN 1 AND p.min_cell - 1 END AS ok,
       concat_ws(' | ', v.indicator_id, v.year, v.dimension, v.dimension_value) AS example
FROM marts.indicator_values v
JOIN marts.indicator_values_unsuppressed u USING (indicator_id, year, dimension, dimension_value)
JOIN marts.indicator_catalogue c USING (indicator_id)
CROSS JOIN settings.parameters p
WHERE c.suppressed AND NOT v.suppressed AND u.unit IN ('count', 'percent', 'per_1000')
