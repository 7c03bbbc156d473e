-- The disclosure audit (pipelines/disclosure/audit.py): the rows of the suppressed indicators, unsuppressed,
-- in a fixed order; a row's position in this order is its number in the linear programmes.
SELECT u.indicator_id, u.year, u.dimension, u.dimension_value, u.unit, u.numerator, u.denominator
FROM marts.indicator_values_unsuppressed u
LEFT JOIN ref.indicators c USING (indicator_id)
WHERE coalesce(c.suppressed = 'true', true)
ORDER BY u.indicator_id, u.year, u.dimension, u.dimension_value
