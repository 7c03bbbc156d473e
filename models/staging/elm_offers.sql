-- Micro-credentials known only from European Digital Credentials: a loaded claim whose
-- (provider_id, offer_id) has no loaded version in the catalogues (offers/) defines the offer.
-- Valid from the earliest award date of its claims; fields from the first claim (file, then claim
-- number). Purpose is not carried by credentials. Provider type: the most frequent type among the provider's current catalogue offers
-- (ties alphabetical), else OVERIG. Fields a credential does not carry stay NULL.
WITH claims AS (
    SELECT *, row_number() OVER (PARTITION BY provider_id, offer_id ORDER BY file, line) AS claim_order
    FROM staging.elm_claims_validated e
    WHERE row_status = 'loaded'
      AND NOT EXISTS (SELECT 1 FROM staging.offers o WHERE o.provider_id = e.provider_id AND o.offer_id = e.offer_id)
),
provider_types AS (
    SELECT provider_id, first(provider_type ORDER BY n DESC, provider_type) AS provider_type
    FROM (
        SELECT provider_id, provider_type, count(*) AS n
        FROM staging.offers WHERE is_current
        GROUP BY provider_id, provider_type
    )
    GROUP BY provider_id
)
SELECT
    c.file,
    c.line,
    c.offer_id,
    c.provider_id,
    c.provider_name,
    coalesce(p.provider_type, 'OVERIG') AS provider_type,
    c.title,
    c.issuer_region,
    c.partner_ids,
    c.learning_outcomes,
    c.esco_skills,
    c.isced_f,
    c.volume_value,
    c.volume_unit,
    c.level_framework,
    c.level,
    c.assessment_type,
    c.participation_form,
    c.quality_assurance,
    (SELECT min(awarded_on) FROM claims m WHERE m.provider_id = c.provider_id AND m.offer_id = c.offer_id) AS valid_from
FROM claims c
LEFT JOIN provider_types p USING (provider_id)
WHERE c.claim_order = 1
