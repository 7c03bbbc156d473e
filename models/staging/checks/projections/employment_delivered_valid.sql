-- Elke aangeleverde werkgelegenheid is een aantal van nul of meer (anders een veldprobleem en leeg gelaten).
-- severity: WARN
-- A delivered value never blocks publication: a negative employment is a field issue, reported here.
SELECT false AS ok, file || ', regel ' || line || ': ' || raw_value AS example
FROM staging.field_issues
WHERE source = 'projections' AND field = 'werkgelegenheid'
