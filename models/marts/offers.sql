-- Current micro-credential offers with the EU standard elements they carry (Council Recommendation
-- 2022, Annex I; Vlor advice 3.2 and 4.2.1). element_NN is true when the offer complies with element
-- NN; a value that was delivered but invalid does not comply. Elements 01 (learner) and 05 (date of
-- issuing) belong to the award and are guaranteed for every loaded award.
WITH elements AS (
    SELECT
        *,
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
    FROM intermediate.current_offers
)
SELECT
    offer_source,
    provider_id,
    provider_name,
    provider_type,
    offer_id,
    title,
    issuer_region,
    isced_f,
    isced_f[1:2] AS isced_broad,
    volume_value,
    volume_unit,
    level_framework,
    level,
    assessment_type,
    participation_form,
    quality_assurance,
    purpose,
    stackable,
    coalesce(len(partner_ids), 0) >= 1 AS is_joint,
    odb_id,
    price_eur,
    language,
    valid_from,
    valid_to,
    learning_outcomes,
    esco_skills,
    target_isco,
    element_02, element_03, element_04, element_06, element_07, element_08, element_09, element_10, element_11,
    element_02::INTEGER + element_03::INTEGER + element_04::INTEGER + element_06::INTEGER + element_07::INTEGER
        + element_08::INTEGER + element_09::INTEGER + element_10::INTEGER + element_11::INTEGER AS elements_complied,
    element_02 AND element_03 AND element_04 AND element_06 AND element_07 AND element_08
        AND element_09 AND element_10 AND element_11 AS complies_all
FROM elements
ORDER BY provider_id, offer_id
