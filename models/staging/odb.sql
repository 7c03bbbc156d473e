-- Loaded Opleidingsdatabank records. Key odb_id: the file that sorts last wins, then the later line.
SELECT
    * EXCLUDE (row_status, reason, reason_field, field_issues),
    row_number() OVER (PARTITION BY odb_id ORDER BY file DESC, line DESC) = 1 AS is_current
FROM staging.odb_validated
WHERE row_status = 'loaded'
