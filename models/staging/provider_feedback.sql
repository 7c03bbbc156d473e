-- What each provider (or source organisation) must correct: its quarantined rows and field issues, with
-- the reason in plain Dutch, the learner shown only as YY.MM.DD-***.** and the delivered row without the
-- learner's pseudonym. A row without a valid KBO number goes to the provider of most rows in its file;
-- projections, bottlenecks and population go to their source. Internal: written to data/feedback/.
WITH problems AS (
    SELECT source, file, line, 'quarantaine' AS kind, field, NULL AS raw_value, reason, provider_id, raw_record
    FROM staging.quarantine
    UNION ALL
    SELECT source, file, line, 'veldprobleem', field, raw_value, reason, provider_id, NULL
    FROM staging.field_issues
),
file_providers AS (
    SELECT file, mode(provider_id) AS provider_id
    FROM (
        SELECT file, provider_id FROM staging.offers_validated
        UNION ALL SELECT file, provider_id FROM staging.odb_validated
        UNION ALL SELECT file, provider_id FROM staging.awards_validated
        UNION ALL SELECT file, provider_id FROM staging.elm_claims_validated
    )
    WHERE provider_id IS NOT NULL
    GROUP BY file
),
masked AS (
    SELECT file, line, insz_masked FROM raw.awards
    UNION ALL
    SELECT file, line, insz_masked FROM raw.elm_claims
)
SELECT
    coalesce(p.provider_id, f.provider_id, p.source) AS recipient,
    p.source,
    p.file,
    p.line,
    p.kind,
    p.field,
    p.raw_value,
    p.reason,
    c.label_nl AS explanation,
    m.insz_masked,
    -- The delivered row as the provider wrote it: its own fields, without bookkeeping, pseudonym or empty values.
    CASE WHEN p.raw_record IS NOT NULL THEN to_json(map_from_entries(list_filter(
        map_entries(json_transform(p.raw_record, '"MAP(VARCHAR, JSON)"')),
        lambda e: e.key NOT IN ('file', 'line', 'is_malformed', 'is_duplicate', 'learner_id', 'insz_status',
                                'insz_length', 'insz_masked', 'birth_year', 'sex', 'has_national_id')
                  AND e.value IS NOT NULL AND e.value::VARCHAR NOT IN ('null', '{}')
    )))::VARCHAR END AS delivered_row
FROM problems p
LEFT JOIN file_providers f USING (file)
LEFT JOIN masked m USING (file, line)
JOIN ref.codes c ON c.list = 'reason_code' AND c.code = p.reason
ORDER BY recipient, p.file, p.line, p.field
