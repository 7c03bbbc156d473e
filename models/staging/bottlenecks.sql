-- Loaded bottleneck occupations. Within a list the key is the ISCO unit group: the later line wins
-- (is_current). The latest list, the file name that sorts last, feeds the indicators (is_latest_list).
SELECT
    * EXCLUDE (row_status, reason, reason_field, field_issues),
    row_number() OVER (PARTITION BY file, isco_unit ORDER BY line DESC) = 1 AS is_current,
    file = max(file) OVER () AS is_latest_list
FROM staging.bottlenecks_validated
WHERE row_status = 'loaded'
