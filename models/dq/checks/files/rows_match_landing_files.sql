-- Elk bestand is volledig verwerkt: zijn rijen, opnieuw geteld in het bestand zelf, zijn ingeladen, in
-- quarantaine of dubbel (elk geteld in een eigen tabel); uit een geweigerd bestand kwam niets binnen.
-- severity: ERROR
-- setup: landing_records
-- landing_records counts each loaded file again with readers the ingestion does not use
-- (pipelines/quality/landing_records.py).
WITH files AS (
    SELECT f.file, f.status, l.records, f.rows_loaded + f.rows_quarantined + f.rows_duplicate AS accounted
    FROM dq.files f
    LEFT JOIN landing_records l USING (file)
)
SELECT CASE WHEN status = 'loaded' THEN records = accounted ELSE accounted = 0 END AS ok,
       file || ': ' || coalesce(records::VARCHAR, 'niet leesbaar') || ' rijen in het bestand, ' || accounted
           || ' verwerkt' AS example
FROM files
