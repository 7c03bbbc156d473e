-- Elke opsplitsingswaarde van een gepubliceerde indicator heeft een Nederlands label (ref.dimension_labels).
-- severity: ERROR
SELECT l.label_nl IS NOT NULL AS ok, v.dimension || ' = ' || v.dimension_value AS example
FROM marts.indicator_values v
LEFT JOIN ref.dimension_labels l USING (dimension, dimension_value)
