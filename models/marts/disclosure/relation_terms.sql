-- The disclosure audit: each term of each relation of marts.disclosure_relations, with the position of its
-- row in published_rows.sql (NULL: a row that is not emitted, which is 0 and drops out).
WITH numbered AS (
    SELECT row_number() OVER () - 1 AS row, *
    FROM ({% include "marts/disclosure/published_rows.sql" %})
)
SELECT dense_rank() OVER (ORDER BY r.relation_id) - 1 AS relation, r.sense = '=' AS is_equality,
       numbered.row, r.measure = 'denominator' AS is_denominator, r.coefficient
FROM marts.disclosure_relations r
LEFT JOIN numbered USING (indicator_id, year, dimension, dimension_value)
ORDER BY relation
