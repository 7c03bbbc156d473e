-- Elk verband tussen gepubliceerde cijfers waarmee de onthullingsaudit rekent (marts.disclosure_relations)
-- klopt op de niet-verborgen waarden.
-- severity: ERROR
-- Each relation evaluated on the unsuppressed values (a row not emitted is 0).
WITH numbers AS (
    SELECT indicator_id, year, dimension, dimension_value, 'numerator' AS measure, numerator AS number
    FROM marts.indicator_values_unsuppressed
    UNION ALL
    SELECT indicator_id, year, dimension, dimension_value, 'denominator', denominator
    FROM marts.indicator_values_unsuppressed
)
SELECT CASE any_value(r.sense) WHEN '=' THEN abs(sum(r.coefficient * coalesce(n.number, 0))) < 1e-6
                               ELSE sum(r.coefficient * coalesce(n.number, 0)) < 1e-6 END AS ok,
       r.relation_id AS example
FROM marts.disclosure_relations r
LEFT JOIN numbers n USING (indicator_id, year, dimension, dimension_value, measure)
GROUP BY r.relation_id
