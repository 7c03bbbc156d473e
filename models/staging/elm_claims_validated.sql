-- Every top-level claim of the European Digital Credentials (awards/elm/ v2), typed, with its row rule and
-- field issues. A LearningAchievement claim is an award (status BEHAALD) and describes its micro-credential.
-- Quarantined, in this order: a claim of another type (not_an_achievement, informational); no learner ID,
-- awarding body registration, specification or award date (missing_required); a learner ID that is not
-- Belgian (not_flemish_id); an invalid INSZ; an invalid KBO number (invalid_code); an unreadable award date
-- (invalid_date). A value present but unreadable is a field issue naming its path in the credential.
-- Offer key: the specification id when it is an http(s) URI; otherwise issuers reuse local ids, so the key
-- is `ELM-` + 16 hex of SHA-256 over lower(trim(title)) | credit points | credit unit | EQF level.
WITH concepts AS (
    -- ELM concepts (an EU vocabulary id's last segment, or a lower-case label) to the offers' code lists.
    SELECT map_from_entries(list({'key': concept, 'value': code}) FILTER (list = 'participation_form')) AS forms,
           map_from_entries(list({'key': concept, 'value': code}) FILTER (list = 'assessment_type')) AS assessments
    FROM ref.elm_concepts
),
parsed AS (
    SELECT
        r.*,
        parse_kbo(r.provider_id) AS p_provider_id,
        list_transform(r.partner_ids, lambda k: parse_kbo(k)) AS p_partners,
        parse_iso_date(r.award_date.value) AS p_awarded_on,
        c.code AS p_region,
        elm_credit_unit(r.credit_points, r.credit_framework_id, r.credit_framework) AS credit_unit,
        parse_number(r.credit_points) AS p_credit_points,
        parse_workload_hours(r.volume_of_learning) AS p_hours,
        elm_eqf(r.eqf_level) AS p_eqf,
        elm_mode_code(m.forms, r.mode_id, r.mode_label) AS p_mode,
        elm_assessment_code(m.assessments, r.assessment_ids, r.assessment_labels) AS p_assessment,
        elm_isced(r.thematic_area) AS p_isced,
        list_filter(r.esco_skills, lambda e: NOT is_esco_skill(e)) AS bad_esco
    FROM raw.elm_claims r
    CROSS JOIN concepts m
    LEFT JOIN ref.countries c ON c.alpha_3 = regexp_extract(r.issuer_country, '/country/([A-Z]{3})$', 1)
),
checked AS (
    SELECT
        *,
        CASE
            WHEN NOT is_achievement THEN 'not_an_achievement'
            WHEN NOT has_national_id OR blank(provider_id) IS NULL OR NOT has_specification OR award_date IS NULL
                THEN 'missing_required'
            WHEN national_id_country IS DISTINCT FROM 'BEL' THEN 'not_flemish_id'
            WHEN insz_status <> 'valid' THEN 'invalid_insz'
            WHEN p_provider_id IS NULL THEN 'invalid_code'
            WHEN p_awarded_on IS NULL THEN 'invalid_date'
        END AS reason,
        CASE
            WHEN NOT is_achievement THEN 'type'
            WHEN NOT has_national_id THEN coalesce(national_id_path, 'credentialSubject.nationalID')
            WHEN blank(provider_id) IS NULL THEN provider_id_path
            WHEN NOT has_specification THEN 'specifiedBy'
            WHEN award_date IS NULL THEN 'awardedBy.awardingDate'
            WHEN national_id_country IS DISTINCT FROM 'BEL' THEN national_id_path
            WHEN insz_status <> 'valid' THEN national_id_path
            WHEN p_provider_id IS NULL THEN provider_id_path
            WHEN p_awarded_on IS NULL THEN award_date.path
        END AS reason_field,
        elm_volume(credit_unit, p_credit_points, p_hours).value AS volume_value,
        elm_volume(credit_unit, p_credit_points, p_hours).unit AS volume_unit,
        len(list_filter(p_partners, lambda k: k IS NULL)) = 0 AS partners_ok
    FROM parsed
)
SELECT
    file,
    line,
    row_status(reason, is_duplicate) AS row_status,
    reason,
    reason_field,
    claim_type,
    learner_id,
    birth_year,
    sex,
    p_provider_id AS provider_id,
    blank(provider_name) AS provider_name,
    CASE WHEN regexp_matches(trim(specification_id), '^https?://') THEN trim(specification_id)
         ELSE 'ELM-' || sha256(concat_ws('|', lower(trim(coalesce(title, ''))), coalesce(trim(credit_points), ''),
                                         coalesce(credit_unit, ''), p_eqf))[1:16] END AS offer_id,
    specification_id,
    blank(title) AS title,
    p_region AS issuer_region,
    CASE WHEN partners_ok THEN p_partners ELSE [] END AS partner_ids,
    volume_value,
    volume_unit,
    CASE WHEN p_eqf <> '' THEN 'EQF' END AS level_framework,
    CASE WHEN p_eqf <> '' THEN p_eqf::INTEGER END AS level,
    -- Outcomes and skills of parts often repeat the whole's: each once, in the order of the credential.
    list_filter(learning_outcomes, lambda o, i: blank(o) IS NOT NULL AND list_position(learning_outcomes, o) = i)
        AS learning_outcomes,
    CASE WHEN len(bad_esco) = 0 THEN list_filter(esco_skills, lambda e, i: list_position(esco_skills, e) = i) ELSE [] END
        AS esco_skills,
    p_mode AS participation_form,
    CASE WHEN has_assessment THEN p_assessment END AS assessment_type,
    blank(quality_assurance) AS quality_assurance,
    nullif(p_isced, '') AS isced_f,
    p_awarded_on AS awarded_on,
    blank(grade) AS grade,
    list_transform(unreadable, lambda u: issue(u.field, u.raw_value, 'invalid_code')) || list_filter([
        CASE WHEN blank(issuer_country) IS NOT NULL AND p_region IS NULL THEN issue(country_path, issuer_country, 'invalid_code') END,
        CASE WHEN NOT partners_ok THEN issue('awardedBy.awardingBody[1:]', array_to_string(partner_ids, '|'), 'invalid_code') END,
        CASE WHEN len(bad_esco) > 0 THEN issue('relatedESCOSkill', array_to_string(esco_skills, '|'), 'invalid_code') END,
        CASE WHEN credit_unit IS NOT NULL AND p_credit_points IS NULL
             THEN issue(credit_points_path, credit_points, CASE WHEN blank(credit_points) IS NULL THEN 'missing_required' ELSE 'invalid_number' END)
             WHEN credit_unit IS NOT NULL AND p_credit_points <= 0 THEN issue(credit_points_path, credit_points, 'out_of_range') END,
        CASE WHEN credit_unit IS NULL AND blank(volume_of_learning) IS NOT NULL AND p_hours IS NULL
             THEN issue(specification_path || '.volumeOfLearning', volume_of_learning,
                        CASE WHEN is_iso_duration(volume_of_learning) THEN 'out_of_range' ELSE 'invalid_number' END)
             WHEN credit_unit IS NULL AND p_hours <= 0 THEN issue(specification_path || '.volumeOfLearning', volume_of_learning, 'out_of_range') END,
        CASE WHEN blank(eqf_level) IS NOT NULL AND p_eqf = '' THEN issue(specification_path || '.eqfLevel.id', eqf_level, 'invalid_code') END,
        CASE WHEN coalesce(blank(mode_id), blank(mode_label)) IS NOT NULL AND p_mode IS NULL
             THEN issue(mode_path, coalesce(mode_label, mode_id), 'invalid_code') END,
        CASE WHEN blank(thematic_area) IS NOT NULL AND p_isced = '' THEN issue(thematic_area_path, thematic_area, 'invalid_code') END
    ], lambda i: i IS NOT NULL) AS field_issues
FROM checked
