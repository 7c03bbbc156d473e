-- Every claim of the European Digital Credentials (awards/elm/), typed, with its row rule and field issues.
-- A claim is an award (status BEHAALD) and describes its micro-credential. Quarantined: a claim without
-- learner ID, awarding body registration, specification id or issue date (missing_required); a learner ID
-- that is not Belgian (not_flemish_id); an invalid INSZ; an invalid KBO number (invalid_code); an
-- unreadable issue date (invalid_date).
WITH parsed AS (
    SELECT
        r.*,
        parse_kbo(r.provider_id) AS p_provider_id,
        blank(r.offer_id) AS p_offer_id,
        parse_iso_date(r.awarded_at) AS p_awarded_on,
        parse_iso_date(r.issued_at) AS p_issued_on,
        parse_number(r.credit_points) AS p_credit_points,
        parse_duration_hours(r.volume_of_learning) AS p_hours,
        regexp_extract(r.eqf_level, '/eqf/([1-8])$', 1) AS p_eqf,
        CASE lower(trim(r.mode)) WHEN 'online' THEN 'ONLINE' WHEN 'blended' THEN 'HYBRIDE' WHEN 'on-site' THEN 'FYSIEK' END AS p_mode,
        list_filter(r.esco_skills, lambda e: NOT regexp_full_match(e,
            'http://data\.europa\.eu/esco/skill/[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}')) AS bad_esco
    FROM raw.elm_claims r
),
checked AS (
    SELECT
        *,
        CASE
            WHEN NOT has_national_id OR blank(provider_id) IS NULL OR p_offer_id IS NULL OR blank(awarded_at) IS NULL
                THEN 'missing_required'
            WHEN national_id_country IS DISTINCT FROM 'BEL' THEN 'not_flemish_id'
            WHEN insz_status <> 'valid' THEN 'invalid_insz'
            WHEN p_provider_id IS NULL THEN 'invalid_code'
            WHEN p_awarded_on IS NULL THEN 'invalid_date'
        END AS reason,
        CASE
            WHEN NOT has_national_id THEN 'credentialSubject.nationalID'
            WHEN blank(provider_id) IS NULL THEN 'awardedBy.awardingBody.registration'
            WHEN p_offer_id IS NULL THEN 'specifiedBy.id'
            WHEN blank(awarded_at) IS NULL THEN 'provenBy.dateIssued'
            WHEN national_id_country IS DISTINCT FROM 'BEL' THEN 'credentialSubject.nationalID.spatial'
            WHEN insz_status <> 'valid' THEN 'credentialSubject.nationalID'
            WHEN p_provider_id IS NULL THEN 'awardedBy.awardingBody.registration'
            WHEN p_awarded_on IS NULL THEN 'provenBy.dateIssued'
        END AS reason_field
    FROM parsed
)
SELECT
    file,
    line,
    row_status(reason, is_duplicate) AS row_status,
    reason,
    reason_field,
    learner_id,
    birth_year,
    sex,
    p_provider_id AS provider_id,
    blank(provider_name) AS provider_name,
    p_offer_id AS offer_id,
    blank(title) AS title,
    CASE WHEN credit_is_ects AND p_credit_points > 0 THEN p_credit_points
         WHEN NOT coalesce(credit_is_ects, false) AND p_hours > 0 THEN p_hours END AS volume_value,
    CASE WHEN credit_is_ects AND p_credit_points > 0 THEN 'ECTS'
         WHEN NOT coalesce(credit_is_ects, false) AND p_hours > 0 THEN 'UUR' END AS volume_unit,
    CASE WHEN p_eqf <> '' THEN 'EQF' END AS level_framework,
    CASE WHEN p_eqf <> '' THEN p_eqf::INTEGER END AS level,
    list_filter(learning_outcomes, lambda o: blank(o) IS NOT NULL) AS learning_outcomes,
    CASE WHEN len(bad_esco) = 0 THEN esco_skills ELSE [] END AS esco_skills,
    p_mode AS participation_form,
    coalesce(p_issued_on, p_awarded_on) AS issued_on,
    p_awarded_on AS awarded_on,
    blank(grade) AS grade,
    list_filter([
        CASE WHEN len(bad_esco) > 0 THEN issue('relatedESCOSkill', array_to_string(esco_skills, '|'), 'invalid_code') END,
        CASE WHEN credit_is_ects AND NOT coalesce(p_credit_points > 0, false)
             THEN issue('creditPoint.point', credit_points, 'invalid_number') END,
        CASE WHEN NOT coalesce(credit_is_ects, false) AND blank(volume_of_learning) IS NOT NULL AND NOT coalesce(p_hours > 0, false)
             THEN issue('volumeOfLearning', volume_of_learning, 'invalid_number') END,
        CASE WHEN blank(eqf_level) IS NOT NULL AND p_eqf = '' THEN issue('eqfLevel', eqf_level, 'invalid_code') END,
        CASE WHEN blank(mode) IS NOT NULL AND p_mode IS NULL THEN issue('mode', mode, 'invalid_code') END
    ], lambda i: i IS NOT NULL) AS field_issues
FROM checked
