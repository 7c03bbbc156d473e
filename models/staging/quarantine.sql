-- Quarantined rows of every source: file, line, the first row rule broken (reason code and field),
-- a Dutch message and the whole raw row as JSON. Learners appear only as their pseudonym
-- (learner_id), or as insz_status 'invalid' with the length of what was delivered.
-- Internal only: these are learner records.
WITH rows AS (
    SELECT 'offers' AS source, v.file, v.line, v.reason, v.reason_field, parse_kbo(r.aanbieder_id) AS provider_id, to_json(r) AS raw_record
    FROM staging.offers_validated v JOIN raw.offers r USING (file, line) WHERE v.row_status = 'quarantined'
    UNION ALL
    SELECT 'odb', v.file, v.line, v.reason, v.reason_field, parse_kbo(r.aanbieder_id), to_json(r)
    FROM staging.odb_validated v JOIN raw.odb r USING (file, line) WHERE v.row_status = 'quarantined'
    UNION ALL
    SELECT 'awards', v.file, v.line, v.reason, v.reason_field, parse_kbo(r.aanbieder_id), to_json(r)
    FROM staging.awards_validated v JOIN raw.awards r USING (file, line) WHERE v.row_status = 'quarantined'
    UNION ALL
    SELECT 'elm', v.file, v.line, v.reason, v.reason_field, parse_kbo(r.provider_id), to_json(r)
    FROM staging.elm_claims_validated v JOIN raw.elm_claims r USING (file, line) WHERE v.row_status = 'quarantined'
    UNION ALL
    SELECT 'projections', v.file, v.line, v.reason, v.reason_field, NULL, to_json(r)
    FROM staging.projections_validated v JOIN raw.projections r USING (file, line) WHERE v.row_status = 'quarantined'
    UNION ALL
    SELECT 'bottlenecks', v.file, v.line, v.reason, v.reason_field, NULL, to_json(r)
    FROM staging.bottlenecks_validated v JOIN raw.bottlenecks r USING (file, line) WHERE v.row_status = 'quarantined'
    UNION ALL
    SELECT 'population', v.file, v.line, v.reason, v.reason_field, NULL, to_json(r)
    FROM staging.population_validated v JOIN raw.population r USING (file, line) WHERE v.row_status = 'quarantined'
)
SELECT
    rows.source,
    rows.file,
    rows.line,
    rows.reason,
    rows.reason_field AS field,
    rows.file || ', regel ' || rows.line || coalesce(', veld ' || rows.reason_field, '') || ': ' || c.label_nl AS message,
    rows.provider_id,
    rows.raw_record
FROM rows
JOIN ref.codes c ON c.list = 'reason_code' AND c.code = rows.reason
