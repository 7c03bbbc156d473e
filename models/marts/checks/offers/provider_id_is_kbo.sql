-- Het KBO-nummer van de aanbieder heeft 10 cijfers en begint met 0 of 1, uit catalogus of credential.
-- severity: ERROR
SELECT regexp_full_match(provider_id, '[01]\d{9}') AS ok, provider_id AS example
FROM marts.offers
WHERE provider_id IS NOT NULL
