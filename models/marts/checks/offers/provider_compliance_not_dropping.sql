-- Het aandeel aanbiedingen van een aanbieder dat aan alle standaardelementen voldoet, daalde niet met meer
-- dan 20 procentpunten tegenover de vorige run.
-- severity: WARN
-- setup: provider_compliance
-- The setup keeps dq.provider_compliance, each run's share per provider, and records this run after the check.
WITH current AS (
    SELECT provider_id, 100 * avg(complies_all::INTEGER) AS share FROM marts.offers GROUP BY provider_id
),
previous AS (
    SELECT provider_id, share FROM dq.provider_compliance
    WHERE run_id = (SELECT run_id FROM dq.provider_compliance ORDER BY recorded_at DESC LIMIT 1)
)
SELECT c.share - p.share >= -20 AS ok, (c.share - p.share)::VARCHAR AS example
FROM current c
JOIN previous p USING (provider_id)
