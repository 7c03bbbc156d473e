-- Current offers: the current version of every catalogue offer (offer_source 'catalogus') and every
-- micro-credential known only from European Digital Credentials (offer_source 'elm'). Fields an ELM
-- credential does not carry are NULL.
SELECT
    'catalogus' AS offer_source, file, line, offer_id, provider_id, provider_name, provider_type, title,
    issuer_region, learning_outcomes, esco_skills, target_isco, isced_f, volume_value, volume_unit,
    level_framework, level, assessment_type, participation_form, quality_assurance, purpose, stackable,
    partner_ids, odb_id, price_eur, language, valid_from, valid_to, modified_at, fields_with_issues
FROM staging.offers
WHERE is_current
UNION ALL BY NAME
SELECT
    'elm' AS offer_source, file, line, offer_id, provider_id, provider_name, provider_type, title,
    learning_outcomes, esco_skills, volume_value, volume_unit, level_framework, level, participation_form,
    valid_from, []::VARCHAR[] AS fields_with_issues
FROM staging.elm_offers
