-- Current micro-credential offers with the EU standard elements they carry (Council Recommendation
-- 2022, Annex I; Vlor advice 3.2 and 4.2.1). element_NN is true when the offer complies with element
-- NN; a value that was delivered but invalid does not comply. Elements 01 (learner) and 05 (date of
-- issuing) belong to the award and are guaranteed for every loaded award.
-- The incentive flags say what the Opleidingsdatabank record the offer links to gives in the report year: the
-- current record, ACTIEF and valid on 1 January of the report year, the record offer_share_incentive reads
-- (which counts VOV and training vouchers only; the training credit is a flag here too).
WITH report_year AS (
    SELECT max(report_year) AS year FROM intermediate.report_years
),
incentives AS (
    SELECT odb.odb_id, odb.vov, odb.training_vouchers, odb.training_credit
    FROM staging.odb odb, report_year y
    WHERE odb.is_current AND odb.status = 'ACTIEF' AND (odb.valid_to IS NULL OR odb.valid_to >= make_date(y.year, 1, 1))
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
    isced_broad,
    volume_value,
    volume_unit,
    level_framework,
    level,
    assessment_type,
    participation_form,
    quality_assurance,
    purpose,
    stackable,
    is_joint,
    odb_id,
    price_eur,
    language,
    credential_kind,
    recognition,
    valid_from,
    valid_to,
    learning_outcomes,
    esco_skills,
    target_isco,
    element_02, element_03, element_04, element_06, element_07, element_08, element_09, element_10, element_11,
    element_02::INTEGER + element_03::INTEGER + element_04::INTEGER + element_06::INTEGER + element_07::INTEGER
        + element_08::INTEGER + element_09::INTEGER + element_10::INTEGER + element_11::INTEGER AS elements_complied,
    element_02 AND element_03 AND element_04 AND element_06 AND element_07 AND element_08
        AND element_09 AND element_10 AND element_11 AS complies_all,
    coalesce(i.vov, false) AS incentive_vov,
    coalesce(i.training_vouchers, false) AS incentive_vouchers,
    coalesce(i.training_credit, false) AS incentive_credit
FROM intermediate.current_offers o
LEFT JOIN incentives i USING (odb_id)
ORDER BY provider_id, offer_id
