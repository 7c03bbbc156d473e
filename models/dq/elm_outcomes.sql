-- European Digital Credentials by the shape they arrived in (dq.files.shape): per outcome and reason the
-- files and their claims. A claim is loaded, quarantined (with its reason; not_an_achievement only
-- informs) or a duplicate; a rejected file holds no claims. Counts only, for the data-quality page.
WITH files AS (
    SELECT file, shape, status, reason FROM dq.files WHERE source = 'elm'
),
outcomes AS (
    SELECT f.shape, v.row_status AS outcome, v.reason, count(DISTINCT v.file) AS files, count(*) AS claims
    FROM staging.elm_claims_validated v JOIN files f USING (file)
    GROUP BY ALL
    UNION ALL
    SELECT shape, 'rejected', reason, count(*), 0 FROM files WHERE status = 'rejected' GROUP BY ALL
)
SELECT o.shape, coalesce(c.label_nl, 'onbekende vorm') AS shape_label, o.outcome, o.reason, o.files, o.claims
FROM outcomes o
LEFT JOIN ref.codes c ON c.list = 'elm_shape' AND c.code = o.shape
ORDER BY c.sort_order NULLS LAST, o.outcome, o.reason NULLS FIRST
