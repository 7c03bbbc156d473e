-- Current offers: the current version of every catalogue offer (offer_source 'catalogus') and every
-- micro-credential known only from European Digital Credentials (offer_source 'elm'; fields a
-- credential does not carry are NULL), with the values the indicators break down by and the EU
-- standard elements each offer complies with (indicators.md, sections A and B). A value that was
-- delivered but invalid does not comply. A credential defines a micro-credential: an ELM offer's kind is
-- MICROCREDENTIAL (indicators.md, E), its recognition unknown.
WITH offers AS (
    SELECT
        'catalogus' AS offer_source, file, line, offer_id, provider_id, provider_name, provider_type, title,
        issuer_region, learning_outcomes, esco_skills, target_isco, isced_f, volume_value, volume_unit,
        level_framework, level, assessment_type, participation_form, quality_assurance, purpose, stackable,
        partner_ids, odb_id, price_eur, language, valid_from, valid_to, modified_at, fields_with_issues,
        credential_kind, recognition
    FROM staging.offers
    WHERE is_current
    UNION ALL BY NAME
    SELECT
        'elm' AS offer_source, file, line, offer_id, provider_id, provider_name, provider_type, title,
        issuer_region, partner_ids, learning_outcomes, esco_skills, isced_f, volume_value, volume_unit,
        level_framework, level, assessment_type, participation_form, quality_assurance, valid_from,
        []::VARCHAR[] AS fields_with_issues, 'MICROCREDENTIAL' AS credential_kind, NULL::VARCHAR[] AS recognition
    FROM staging.elm_offers
)
SELECT
    *,
    coalesce(isced_f[1:2], 'ONBEKEND') AS isced_broad,
    CASE WHEN level_framework = 'NVT' THEN 'NVT'
         WHEN level_framework IN ('VKS', 'EQF') AND level BETWEEN 1 AND 8 THEN level::VARCHAR
         ELSE 'ONBEKEND' END AS level_group,
    coalesce(len(partner_ids), 0) >= 1 AS is_joint,
    title IS NOT NULL AS element_02,
    issuer_region IS NOT NULL AS element_03,
    provider_id IS NOT NULL AND provider_name IS NOT NULL AS element_04,
    coalesce(len(learning_outcomes), 0) >= 1 AS element_06,
    coalesce(volume_value > 0 AND volume_unit IS NOT NULL, false) AS element_07,
    coalesce(
        (level_framework IN ('VKS', 'EQF') AND level BETWEEN 1 AND 8)
        OR (level_framework = 'NVT' AND level IS NULL AND NOT list_contains(fields_with_issues, 'niveau')),
        false
    ) AS element_08,
    coalesce(assessment_type IS NOT NULL AND assessment_type <> 'GEEN', false) AS element_09,
    participation_form IS NOT NULL AS element_10,
    quality_assurance IS NOT NULL AS element_11
FROM offers
