-- Elke bron van het aanleverformaat heeft minstens één bestand aangeleverd.
-- severity: WARN
SELECT count(f.file) > 0 AS ok, c.code AS example
FROM ref.codes c
LEFT JOIN dq.files f ON f.source = c.code
WHERE c.list = 'source'
GROUP BY c.code
