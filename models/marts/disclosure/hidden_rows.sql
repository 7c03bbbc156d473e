-- The disclosure audit: which rows of published_rows.sql table `table` hides (all its rows, or those that
-- match `where`): a published indicator table (suppressed) or marts.cell_suppression.
SELECT h.indicator_id IS NOT NULL AS hidden
FROM ({% include "marts/disclosure/published_rows.sql" %}) u
LEFT JOIN (SELECT indicator_id, year, dimension, dimension_value FROM {{ table }} {{ where }}) h
    USING (indicator_id, year, dimension, dimension_value)
ORDER BY u.indicator_id, u.year, u.dimension, u.dimension_value
