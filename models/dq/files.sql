-- One row per landing file: its source, how it was read (encoding, delimiter; for a credential its shape:
-- bare, envelope, upload_wrapper, jwt or sd_jwt), whether it was loaded or
-- rejected (reason, message) and its rows: received = loaded + quarantined + duplicate. Each count
-- comes from a different table (raw rows, loaded rows, quarantine, duplicates), so `reconciles` is a
-- real check that no row was lost. Superseded versions count as loaded. Files outside every source
-- folder are listed as rejected.
WITH manifest AS (
    SELECT * FROM raw.offers_files
    UNION ALL SELECT * FROM raw.odb_files
    UNION ALL SELECT * FROM raw.awards_files
    UNION ALL SELECT * FROM raw.elm_files
    UNION ALL SELECT * FROM raw.projections_files
    UNION ALL SELECT * FROM raw.bottlenecks_files
    UNION ALL SELECT * FROM raw.population_files
    UNION ALL BY NAME
    SELECT NULL AS source, file, kind, size_bytes, 'rejected' AS status, 'file_unreadable' AS reason,
           'Het bestand staat buiten de mappen van de bronnen en wordt niet ingeladen.' AS message, 0 AS rejected_rows
    FROM raw.landing_inventory WHERE source IS NULL
),
received AS (
    SELECT file, count(*) AS n FROM raw.offers GROUP BY file
    UNION ALL SELECT file, count(*) FROM raw.odb GROUP BY file
    UNION ALL SELECT file, count(*) FROM raw.awards GROUP BY file
    UNION ALL SELECT file, count(*) FROM raw.elm_claims GROUP BY file
    UNION ALL SELECT file, count(*) FROM raw.projections GROUP BY file
    UNION ALL SELECT file, count(*) FROM raw.bottlenecks GROUP BY file
    UNION ALL SELECT file, count(*) FROM raw.population GROUP BY file
),
loaded AS (
    SELECT file, count(*) AS n FROM staging.offers GROUP BY file
    UNION ALL SELECT file, count(*) FROM staging.odb GROUP BY file
    UNION ALL SELECT file, count(*) FROM staging.awards GROUP BY file
    UNION ALL SELECT file, count(*) FROM staging.projections GROUP BY file
    UNION ALL SELECT file, count(*) FROM staging.bottlenecks GROUP BY file
    UNION ALL SELECT file, count(*) FROM staging.population GROUP BY file
),
quarantined AS (
    SELECT file, count(*) AS n FROM staging.quarantine GROUP BY file
),
duplicates AS (
    SELECT file, count(*) AS n FROM staging.offers_validated WHERE row_status = 'duplicate' GROUP BY file
    UNION ALL SELECT file, count(*) FROM staging.odb_validated WHERE row_status = 'duplicate' GROUP BY file
    UNION ALL SELECT file, count(*) FROM staging.awards_validated WHERE row_status = 'duplicate' GROUP BY file
    UNION ALL SELECT file, count(*) FROM staging.elm_claims_validated WHERE row_status = 'duplicate' GROUP BY file
    UNION ALL SELECT file, count(*) FROM staging.projections_validated WHERE row_status = 'duplicate' GROUP BY file
    UNION ALL SELECT file, count(*) FROM staging.bottlenecks_validated WHERE row_status = 'duplicate' GROUP BY file
    UNION ALL SELECT file, count(*) FROM staging.population_validated WHERE row_status = 'duplicate' GROUP BY file
),
counted AS (
    SELECT
        m.source,
        m.file,
        m.kind,
        m.size_bytes,
        m.encoding,
        m.delimiter,
        m.shape,
        CASE WHEN m.status = 'read' THEN 'loaded' ELSE 'rejected' END AS status,
        m.reason,
        m.message,
        CASE WHEN m.status = 'read' THEN coalesce(r.n, 0) ELSE m.rejected_rows END AS rows_received,
        coalesce(l.n, 0) AS rows_loaded,
        coalesce(q.n, 0) AS rows_quarantined,
        coalesce(d.n, 0) AS rows_duplicate,
        nullif(array_to_string(m.extra_columns, ', '), '') AS extra_columns,
        CASE WHEN m.encoding = 'windows-1252' THEN 'Geen geldige UTF-8: gelezen als Windows-1252.' END AS warning
    FROM manifest m
    LEFT JOIN received r USING (file)
    LEFT JOIN loaded l USING (file)
    LEFT JOIN quarantined q USING (file)
    LEFT JOIN duplicates d USING (file)
)
SELECT
    * EXCLUDE (extra_columns, warning),
    CASE WHEN status = 'rejected' THEN rows_loaded + rows_quarantined + rows_duplicate = 0
         ELSE rows_received = rows_loaded + rows_quarantined + rows_duplicate END AS reconciles,
    extra_columns,
    warning
FROM counted
ORDER BY source NULLS LAST, file
