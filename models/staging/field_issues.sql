-- Field issues of loaded rows, all sources: the value was invalid and became NULL (a list became
-- empty) while the row still loaded. One row per file, line and field, with the raw value as
-- delivered and a Dutch message. INSZ problems are never field issues: they quarantine the row.
WITH issues AS (
    SELECT 'offers' AS source, file, line, provider_id, unnest(field_issues) AS i
    FROM staging.offers_validated WHERE row_status = 'loaded'
    UNION ALL
    SELECT 'odb', file, line, provider_id, unnest(field_issues) FROM staging.odb_validated WHERE row_status = 'loaded'
    UNION ALL
    SELECT 'awards', file, line, provider_id, unnest(field_issues) FROM staging.awards_validated WHERE row_status = 'loaded'
    UNION ALL
    SELECT 'elm', file, line, provider_id, unnest(field_issues) FROM staging.elm_claims_validated WHERE row_status = 'loaded'
    UNION ALL
    SELECT 'projections', file, line, NULL, unnest(field_issues) FROM staging.projections_validated WHERE row_status = 'loaded'
    UNION ALL
    SELECT 'bottlenecks', file, line, NULL, unnest(field_issues) FROM staging.bottlenecks_validated WHERE row_status = 'loaded'
    UNION ALL
    SELECT 'population', file, line, NULL, unnest(field_issues) FROM staging.population_validated WHERE row_status = 'loaded'
)
SELECT
    issues.source,
    issues.file,
    issues.line,
    issues.i.field AS field,
    issues.i.raw_value AS raw_value,
    issues.i.reason AS reason,
    issues.file || ', regel ' || issues.line || ', veld ' || issues.i.field || ': ' || c.label_nl AS message,
    issues.provider_id
FROM issues
JOIN ref.codes c ON c.list = 'reason_code' AND c.code = issues.i.reason
