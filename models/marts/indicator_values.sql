-- Every indicator of the catalogue (indicators.md) for every year, breakdown and value: the one long table
-- every dashboard and report reads, published in the warehouse. The rows marts.cell_suppression hides
-- (small cells, their complements and the shares linked to them) keep their key, have suppressed = true and
-- NULL numerator, denominator and value.
SELECT
    v.indicator_id,
    v.year,
    v.dimension,
    v.dimension_value,
    CASE WHEN s.reason IS NULL THEN v.numerator END AS numerator,
    CASE WHEN s.reason IS NULL THEN v.denominator END AS denominator,
    CASE WHEN s.reason IS NULL THEN v.value END AS value,
    v.unit,
    s.reason IS NOT NULL AS suppressed
FROM marts.indicator_values_unsuppressed v
LEFT JOIN marts.cell_suppression s USING (indicator_id, year, dimension, dimension_value)
ORDER BY v.indicator_id, v.year, v.dimension, v.dimension_value
