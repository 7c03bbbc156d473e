-- Every row of the offer catalogues (offers/), typed, with the row rule it breaks and its field issues.
-- row_status: loaded, quarantined (reason, reason_field) or duplicate. A row is quarantined when it is
-- malformed, lacks mc_id, aanbieder_id, aanbieder_type or startdatum, has an unknown provider type
-- or an invalid KBO number, or an invalid start date. Any other defect is a field issue: the value
-- becomes NULL (a list becomes empty) and the offer still counts, as non-compliant where it matters.
-- The v2 columns soort and erkenning are optional: a file without them loads, kind and recognition unknown.
-- An empty or invalid erkenning is NULL (unknown), not an empty list: offer_share_recognised counts only
-- offers whose recognition is known.
WITH submajor AS (
    SELECT list(code) AS codes FROM ref.isco08 WHERE level = 'submajor'
),
recognitions AS (
    SELECT list(code) AS codes FROM ref.codes WHERE list = 'recognition'
),
parsed AS (
    SELECT
        r.*,
        blank(r.mc_id) AS p_offer_id,
        parse_kbo(r.aanbieder_id) AS p_provider_id,
        pt.code AS p_provider_type,
        upper(trim(r.land_regio)) AS p_region,
        parse_list(r.esco_skills) AS p_esco,
        parse_list(r.isco_doelberoepen) AS p_isco,
        list_transform(parse_list(r.partners), lambda k: parse_kbo(k)) AS p_partners,
        trim(r.isced_f) AS p_isced,
        parse_number(r.omvang_waarde) AS p_volume,
        vu.code AS p_volume_unit,
        lf.code AS p_level_framework,
        parse_integer(r.niveau) AS p_level,
        ast.code AS p_assessment_type,
        pf.code AS p_participation_form,
        pu.code AS p_purpose,
        ck.code AS p_credential_kind,
        list_transform(parse_list(r.erkenning), lambda e: upper(e)) AS p_recognition,
        rc.codes AS recognition_codes,
        parse_boolean(r.stapelbaar) AS p_stackable,
        parse_number(r.prijs_eur) AS p_price,
        la.code AS p_language,
        parse_date(r.startdatum) AS p_valid_from,
        parse_date(r.einddatum) AS p_valid_to,
        parse_date(r.laatst_gewijzigd) AS p_modified_at,
        s.codes AS submajors
    FROM raw.offers r
    CROSS JOIN submajor s
    CROSS JOIN recognitions rc
    LEFT JOIN ref.codes pt ON pt.list = 'provider_type' AND lower(pt.code) = lower(trim(r.aanbieder_type))
    LEFT JOIN ref.codes vu ON vu.list = 'volume_unit' AND lower(vu.code) = lower(trim(r.omvang_eenheid))
    LEFT JOIN ref.codes lf ON lf.list = 'level_framework' AND lower(lf.code) = lower(trim(r.niveau_kader))
    -- ANDER is read from credentials only (ELM v2): the catalogue's list does not hold it.
    LEFT JOIN ref.codes ast ON ast.list = 'assessment_type' AND lower(ast.code) = lower(trim(r.beoordelingstype))
                           AND ast.code <> 'ANDER'
    LEFT JOIN ref.codes pf ON pf.list = 'participation_form' AND lower(pf.code) = lower(trim(r.deelnamevorm))
    LEFT JOIN ref.codes pu ON pu.list = 'purpose' AND lower(pu.code) = lower(trim(r.doel))
    LEFT JOIN ref.codes la ON la.list = 'language' AND lower(la.code) = lower(trim(r.taal))
    LEFT JOIN ref.codes ck ON ck.list = 'credential_kind' AND lower(ck.code) = lower(trim(r.soort))
),
checked AS (
    SELECT
        *,
        CASE
            WHEN is_malformed THEN 'malformed_row'
            WHEN p_offer_id IS NULL OR blank(aanbieder_id) IS NULL OR blank(aanbieder_type) IS NULL
                 OR blank(startdatum) IS NULL THEN 'missing_required'
            WHEN p_provider_id IS NULL OR p_provider_type IS NULL THEN 'invalid_code'
            WHEN p_valid_from IS NULL THEN 'invalid_date'
        END AS reason,
        CASE
            WHEN is_malformed THEN NULL
            WHEN p_offer_id IS NULL THEN 'mc_id'
            WHEN blank(aanbieder_id) IS NULL THEN 'aanbieder_id'
            WHEN blank(aanbieder_type) IS NULL THEN 'aanbieder_type'
            WHEN blank(startdatum) IS NULL THEN 'startdatum'
            WHEN p_provider_id IS NULL THEN 'aanbieder_id'
            WHEN p_provider_type IS NULL THEN 'aanbieder_type'
            WHEN p_valid_from IS NULL THEN 'startdatum'
        END AS reason_field,
        regexp_full_match(p_region, '[A-Z]{2}(-[A-Z0-9]{1,3})?') AS region_ok,
        len(list_filter(p_esco, lambda e: NOT is_esco_skill(e))) = 0 AS esco_ok,
        len(list_filter(p_isco, lambda e: NOT (regexp_full_match(e, '\d{4}') AND list_contains(submajors, e[1:2])))) = 0 AS isco_ok,
        len(list_filter(p_partners, lambda k: k IS NULL)) = 0 AS partners_ok,
        len(list_filter(p_recognition, lambda e: NOT list_contains(recognition_codes, e))) = 0 AS recognition_ok,
        regexp_full_match(p_isced, '\d{2,4}') AND p_isced[1:2] BETWEEN '00' AND '10' AS isced_ok
    FROM parsed
)
SELECT
    file,
    line,
    row_status(reason, is_duplicate) AS row_status,
    reason,
    reason_field,
    p_offer_id AS offer_id,
    p_provider_id AS provider_id,
    blank(aanbieder_naam) AS provider_name,
    p_provider_type AS provider_type,
    blank(titel) AS title,
    CASE WHEN region_ok THEN p_region END AS issuer_region,
    parse_list(leeruitkomsten) AS learning_outcomes,
    CASE WHEN esco_ok THEN p_esco ELSE [] END AS esco_skills,
    CASE WHEN isco_ok THEN p_isco ELSE [] END AS target_isco,
    CASE WHEN isced_ok THEN p_isced END AS isced_f,
    CASE WHEN p_volume > 0 THEN p_volume END AS volume_value,
    p_volume_unit AS volume_unit,
    p_level_framework AS level_framework,
    CASE WHEN p_level BETWEEN 1 AND 8 AND p_level_framework IS DISTINCT FROM 'NVT' THEN p_level END AS level,
    p_assessment_type AS assessment_type,
    p_participation_form AS participation_form,
    blank(kwaliteitszorg) AS quality_assurance,
    p_purpose AS purpose,
    p_stackable AS stackable,
    CASE WHEN partners_ok THEN p_partners ELSE [] END AS partner_ids,
    blank(odb_erkenningsnummer) AS odb_id,
    CASE WHEN p_price >= 0 THEN p_price END AS price_eur,
    p_language AS language,
    p_valid_from AS valid_from,
    CASE WHEN p_valid_to >= p_valid_from THEN p_valid_to END AS valid_to,
    p_modified_at AS modified_at,
    p_credential_kind AS credential_kind,
    CASE WHEN recognition_ok AND len(p_recognition) > 0
         THEN list_filter(p_recognition, lambda e, i: list_position(p_recognition, e) = i) END AS recognition,
    list_filter([
        CASE WHEN blank(land_regio) IS NOT NULL AND NOT region_ok THEN issue('land_regio', land_regio, 'invalid_code') END,
        CASE WHEN NOT esco_ok THEN issue('esco_skills', esco_skills, 'invalid_code') END,
        CASE WHEN NOT isco_ok THEN issue('isco_doelberoepen', isco_doelberoepen, 'invalid_code') END,
        CASE WHEN blank(isced_f) IS NOT NULL AND NOT isced_ok THEN issue('isced_f', isced_f, 'invalid_code') END,
        CASE WHEN blank(omvang_waarde) IS NOT NULL AND p_volume IS NULL THEN issue('omvang_waarde', omvang_waarde, 'invalid_number')
             WHEN p_volume <= 0 THEN issue('omvang_waarde', omvang_waarde, 'out_of_range') END,
        CASE WHEN blank(omvang_eenheid) IS NOT NULL AND p_volume_unit IS NULL THEN issue('omvang_eenheid', omvang_eenheid, 'invalid_code') END,
        CASE WHEN blank(niveau_kader) IS NOT NULL AND p_level_framework IS NULL THEN issue('niveau_kader', niveau_kader, 'invalid_code') END,
        CASE WHEN blank(niveau) IS NOT NULL AND p_level IS NULL THEN issue('niveau', niveau, 'invalid_number')
             WHEN NOT p_level BETWEEN 1 AND 8 THEN issue('niveau', niveau, 'out_of_range')
             WHEN p_level IS NOT NULL AND p_level_framework = 'NVT' THEN issue('niveau', niveau, 'out_of_range') END,
        CASE WHEN blank(beoordelingstype) IS NOT NULL AND p_assessment_type IS NULL THEN issue('beoordelingstype', beoordelingstype, 'invalid_code') END,
        CASE WHEN blank(deelnamevorm) IS NOT NULL AND p_participation_form IS NULL THEN issue('deelnamevorm', deelnamevorm, 'invalid_code') END,
        CASE WHEN blank(doel) IS NOT NULL AND p_purpose IS NULL THEN issue('doel', doel, 'invalid_code') END,
        CASE WHEN blank(stapelbaar) IS NOT NULL AND p_stackable IS NULL THEN issue('stapelbaar', stapelbaar, 'invalid_code') END,
        CASE WHEN NOT partners_ok THEN issue('partners', partners, 'invalid_code') END,
        CASE WHEN blank(prijs_eur) IS NOT NULL AND p_price IS NULL THEN issue('prijs_eur', prijs_eur, 'invalid_number')
             WHEN p_price < 0 THEN issue('prijs_eur', prijs_eur, 'out_of_range') END,
        CASE WHEN blank(taal) IS NOT NULL AND p_language IS NULL THEN issue('taal', taal, 'invalid_code') END,
        CASE WHEN blank(einddatum) IS NOT NULL AND p_valid_to IS NULL THEN issue('einddatum', einddatum, 'invalid_date')
             WHEN p_valid_to < p_valid_from THEN issue('einddatum', einddatum, 'out_of_range') END,
        CASE WHEN blank(laatst_gewijzigd) IS NOT NULL AND p_modified_at IS NULL THEN issue('laatst_gewijzigd', laatst_gewijzigd, 'invalid_date') END,
        CASE WHEN blank(soort) IS NOT NULL AND p_credential_kind IS NULL THEN issue('soort', soort, 'invalid_code') END,
        CASE WHEN NOT recognition_ok THEN issue('erkenning', erkenning, 'invalid_code') END
    ], lambda i: i IS NOT NULL) AS field_issues
FROM checked
