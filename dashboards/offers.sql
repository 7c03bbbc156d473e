-- Every current offer as the offer browser (aanbod-zoeken.html) shows it: all of marts.offers, so a column
-- added there reaches the page's data, and the level grouped as the offer indicators group it (NVT, 1-8 or
-- ONBEKEND), in the order of the result list: by title, then provider.
SELECT
    *,
    CASE WHEN level_framework = 'NVT' THEN 'NVT'
         WHEN level_framework IN ('VKS', 'EQF') AND level BETWEEN 1 AND 8 THEN level::VARCHAR
         ELSE 'ONBEKEND' END AS level_group
FROM marts.offers
ORDER BY title IS NULL, lower(strip_accents(coalesce(title, ''))), provider_name, provider_id, offer_id
