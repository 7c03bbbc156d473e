-- The learning opportunities of an ELM catalogue as offers: the claims elm_claims read from their
-- specifications, mapped by the ELM macros of models/macros.sql as a credential's are (staging/
-- elm_claims_validated.sql), with the fields only an opportunity carries: the offer's own id, its period, its
-- kind of credential and recognition, the language of instruction, the level framework (VKS or NVT, from the
-- education level the feed writes beside the EQF level) and the incentive flags of its grants.
-- reads: elm_claims, elm_opportunity_fields
-- writes: elm_catalogue_offers

CREATE OR REPLACE TEMP TABLE elm_catalogue_offers AS
WITH concepts AS (
    SELECT map_from_entries(list({'key': concept, 'value': code}) FILTER (list = 'participation_form')) AS forms,
           map_from_entries(list({'key': concept, 'value': code}) FILTER (list = 'assessment_type')) AS assessments,
           map_from_entries(list({'key': concept, 'value': code}) FILTER (list = 'language')) AS languages
    FROM ref.elm_concepts
),
parsed AS (
    SELECT
        c.*,
        o.offer_id,
        o.start_date,
        o.end_date,
        o.language_id,
        o.education_level_id,
        list_transform(o.grant_ids, lambda g: regexp_extract(g, '^urn:mcmon:opleidingsincentive:(.+)$', 1)) AS grants,
        nullif(regexp_extract(o.kind_id, '^urn:mcmon:soort:(.+)$', 1), '') AS credential_kind,
        list_transform(o.entitlement_ids, lambda e: regexp_extract(e, '^urn:mcmon:erkenning:(.+)$', 1)) AS recognition,
        elm_credit_unit(c.credit_points, c.credit_framework_id, c.credit_framework) AS credit_unit,
        elm_eqf(c.eqf_level) AS p_eqf,
        m.forms, m.assessments, m.languages
    FROM elm_claims c
    JOIN elm_opportunity_fields o USING (file, line)
    CROSS JOIN concepts m
)
SELECT
    file,
    line,
    parse_kbo(provider_id) AS provider_id,
    offer_id,
    blank(title) AS title,
    blank(provider_name) AS provider_name,
    elm_volume(credit_unit, parse_number(credit_points), parse_workload_hours(volume_of_learning)).value AS volume_value,
    elm_volume(credit_unit, parse_number(credit_points), parse_workload_hours(volume_of_learning)).unit AS volume_unit,
    CASE WHEN ends_with(education_level_id, ':NVT') THEN 'NVT'
         WHEN regexp_matches(education_level_id, ':VKS-[1-8]$') THEN 'VKS'
         WHEN p_eqf <> '' THEN 'EQF' END AS level_framework,
    CASE WHEN p_eqf <> '' THEN p_eqf::INTEGER END AS level,
    nullif(elm_isced(thematic_area), '') AS isced_f,
    map_extract_value(languages, regexp_extract(language_id, '/language/([A-Z]{3})$', 1)) AS language,
    CASE WHEN has_assessment THEN elm_assessment_code(assessments, assessment_ids, assessment_labels) END AS assessment_type,
    elm_mode_code(forms, mode_id, mode_label) AS participation_form,
    parse_iso_date(start_date) AS valid_from,
    parse_iso_date(end_date) AS valid_to,
    list_contains(grants, 'VOV') AS vov,
    list_contains(grants, 'OPLEIDINGSCHEQUES') AS training_vouchers,
    list_contains(grants, 'OPLEIDINGSKREDIET') AS training_credit,
    credential_kind,
    recognition
FROM parsed
