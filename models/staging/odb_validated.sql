-- Every row of the Opleidingsdatabank exports (odb/), typed, with its row rule and field issues.
-- Quarantined: malformed, missing erkenningsnummer, aanbieder_id or status, unknown status.
WITH parsed AS (
    SELECT
        r.*,
        blank(r.erkenningsnummer) AS p_odb_id,
        parse_kbo(r.aanbieder_id) AS p_provider_id,
        st.code AS p_status,
        parse_number(r.studiepunten) AS p_ects,
        parse_number(r.totaal_uren) AS p_hours,
        parse_list(r.criteria) AS p_criteria,
        (SELECT list(code) FROM ref.codes WHERE list = 'odb_criterion') AS criteria_codes,
        parse_date(r.geldig_tot) AS p_valid_to
    FROM raw.odb r
    LEFT JOIN ref.codes st ON st.list = 'odb_status' AND lower(st.code) = lower(trim(r.status))
),
checked AS (
    SELECT
        *,
        CASE
            WHEN is_malformed THEN 'malformed_row'
            WHEN p_odb_id IS NULL OR blank(aanbieder_id) IS NULL OR blank(status) IS NULL THEN 'missing_required'
            WHEN p_status IS NULL THEN 'invalid_code'
        END AS reason,
        CASE
            WHEN is_malformed THEN NULL
            WHEN p_odb_id IS NULL THEN 'erkenningsnummer'
            WHEN blank(aanbieder_id) IS NULL THEN 'aanbieder_id'
            WHEN blank(status) IS NULL THEN 'status'
            WHEN p_status IS NULL THEN 'status'
        END AS reason_field,
        len(list_filter(p_criteria, lambda c: NOT list_contains(criteria_codes, upper(c)))) = 0 AS criteria_ok
    FROM parsed
)
SELECT
    file,
    line,
    row_status(reason, is_duplicate) AS row_status,
    reason,
    reason_field,
    p_odb_id AS odb_id,
    blank(opleidingsnaam) AS name,
    p_provider_id AS provider_id,
    CASE WHEN p_ects >= 0 THEN p_ects END AS ects,
    CASE WHEN p_hours >= 0 THEN p_hours END AS hours,
    parse_boolean(vov) AS vov,
    parse_boolean(opleidingscheques) AS training_vouchers,
    parse_boolean(opleidingskrediet) AS training_credit,
    CASE WHEN criteria_ok THEN list_transform(p_criteria, lambda c: upper(c)) ELSE [] END AS criteria,
    p_status AS status,
    p_valid_to AS valid_to,
    list_filter([
        CASE WHEN blank(aanbieder_id) IS NOT NULL AND p_provider_id IS NULL THEN issue('aanbieder_id', aanbieder_id, 'invalid_code') END,
        CASE WHEN blank(studiepunten) IS NOT NULL AND p_ects IS NULL THEN issue('studiepunten', studiepunten, 'invalid_number')
             WHEN p_ects < 0 THEN issue('studiepunten', studiepunten, 'out_of_range') END,
        CASE WHEN blank(totaal_uren) IS NOT NULL AND p_hours IS NULL THEN issue('totaal_uren', totaal_uren, 'invalid_number')
             WHEN p_hours < 0 THEN issue('totaal_uren', totaal_uren, 'out_of_range') END,
        CASE WHEN blank(vov) IS NOT NULL AND parse_boolean(vov) IS NULL THEN issue('vov', vov, 'invalid_code') END,
        CASE WHEN blank(opleidingscheques) IS NOT NULL AND parse_boolean(opleidingscheques) IS NULL
             THEN issue('opleidingscheques', opleidingscheques, 'invalid_code') END,
        CASE WHEN blank(opleidingskrediet) IS NOT NULL AND parse_boolean(opleidingskrediet) IS NULL
             THEN issue('opleidingskrediet', opleidingskrediet, 'invalid_code') END,
        CASE WHEN NOT criteria_ok THEN issue('criteria', criteria, 'invalid_code') END,
        CASE WHEN blank(geldig_tot) IS NOT NULL AND p_valid_to IS NULL THEN issue('geldig_tot', geldig_tot, 'invalid_date') END
    ], lambda i: i IS NOT NULL) AS field_issues
FROM checked
