-- Data-quality problems counted by source, kind (rejected file, quarantined row, field issue),
-- reason code and field. Counts only: the rows themselves stay in the internal database.
SELECT source, 'rejected_file' AS kind, reason, NULL AS field, count(*) AS count
FROM dq.files WHERE status = 'rejected' GROUP BY ALL
UNION ALL
SELECT source, 'quarantined_row', reason, field, count(*) FROM staging.quarantine GROUP BY ALL
UNION ALL
SELECT source, 'field_issue', reason, field, count(*) FROM staging.field_issues GROUP BY ALL
ORDER BY source NULLS LAST, kind, count DESC, reason, field
