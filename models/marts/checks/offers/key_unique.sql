-- Elke aanbieding (aanbieder, mc_id) staat één keer in het aanbod, uit catalogus of credential.
-- severity: ERROR
SELECT count(*) = 1 AS ok, count(*) AS rows, concat_ws(' | ', provider_id, offer_id) AS example
FROM marts.offers
GROUP BY provider_id, offer_id
