-- Per year, the provider types under which each provider's awards of that year are counted (the type of
-- the award's offer, as the indicator awards by provider_type places it). The disclosure audit reads it: a
-- provider's awards are part of its type's awards, so an analyst can subtract published providers from a
-- published type (marts.disclosure_relations, provider_in_type).
SELECT DISTINCT awarded_year AS year, coalesce(provider_id, 'ONBEKEND') AS provider_id, provider_type
FROM intermediate.enrolments
WHERE status = 'BEHAALD' AND awarded_year IS NOT NULL
