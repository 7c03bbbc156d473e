-- One row per source of the landing-zone contract: files read and rejected and their rows (received =
-- loaded + quarantined + duplicate + in rejected files). A source without files is marked missing: its
-- indicators stay empty until it delivers.
SELECT
    s.code AS source,
    s.label_nl AS source_label,
    count(f.file) AS files,
    count(f.file) FILTER (WHERE f.status = 'rejected') AS files_rejected,
    coalesce(sum(f.rows_received), 0)::BIGINT AS rows_received,
    coalesce(sum(f.rows_loaded), 0)::BIGINT AS rows_loaded,
    coalesce(sum(f.rows_quarantined), 0)::BIGINT AS rows_quarantined,
    coalesce(sum(f.rows_duplicate), 0)::BIGINT AS rows_duplicate,
    coalesce(sum(f.rows_received) FILTER (WHERE f.status = 'rejected'), 0)::BIGINT AS rows_in_rejected_files,
    count(f.file) = 0 AS is_missing,
    coalesce(bool_and(f.reconciles), true) AS reconciles
FROM ref.codes s
LEFT JOIN dq.files f ON f.source = s.code
WHERE s.list = 'source'
GROUP BY s.code, s.label_nl, s.sort_order
ORDER BY s.sort_order
