-- Provider scorecards: per provider its quarantined rows and field issues by source, reason code and field
-- (the rows of its feedback file, staging.provider_feedback, counted), beside the same count over all
-- providers of its type. Counts only, as dq.files already gives them per file. A rejected file is not counted
-- here: its content was not read, so it names no provider (dq.files lists it).
WITH counted AS (
    SELECT f.recipient AS provider_id, p.provider_type, f.source,
           CASE f.kind WHEN 'quarantaine' THEN 'quarantined_row' ELSE 'field_issue' END AS kind,
           f.reason, f.field, count(*) AS count
    FROM staging.provider_feedback f
    JOIN intermediate.providers p ON p.provider_id = f.recipient
    GROUP BY ALL
)
SELECT provider_id, provider_type, source, kind, reason, field, count,
       sum(count) OVER (PARTITION BY provider_type, source, kind, reason, field)::BIGINT AS type_count
FROM counted
ORDER BY provider_id, source, kind, count DESC, reason, field
