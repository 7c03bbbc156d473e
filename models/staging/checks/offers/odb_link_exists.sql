-- Een aanbieding die naar de Opleidingsdatabank verwijst, vindt daar haar erkenningsnummer.
-- severity: WARN
SELECT d.odb_id IS NOT NULL AS ok, o.odb_id AS example
FROM staging.offers o
LEFT JOIN staging.odb d ON d.is_current AND d.odb_id = o.odb_id
WHERE o.is_current AND o.odb_id IS NOT NULL
