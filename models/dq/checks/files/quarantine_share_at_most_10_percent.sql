-- Geen bestand heeft meer dan 10 % van zijn rijen in quarantaine.
-- severity: WARN
-- A credential's claim that is not an award is quarantined for information only: no defect.
WITH quarantined AS (
    SELECT f.file, f.rows_received, count(q.file) AS quarantined
    FROM dq.files f
    LEFT JOIN staging.quarantine q ON q.file = f.file AND q.reason <> 'not_an_achievement'
    WHERE f.status = 'loaded' AND f.rows_received > 0
    GROUP BY f.file, f.rows_received
)
SELECT quarantined <= 0.10 * rows_received AS ok,
       file || ' (' || round(100 * quarantined / rows_received, 1) || ' %)' AS example
FROM quarantined
