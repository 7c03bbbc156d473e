-- Every row of the enrolment and award files (awards/*.csv), typed, with its row rule and field issues.
-- The learner is already pseudonymised (learner_id); birth year and sex come from the INSZ.
-- Quarantined, first rule wins: malformed; missing insz, aanbieder_id, mc_id, inschrijvingsdatum or
-- status (missing_required); invalid INSZ; unknown status (invalid_code); invalid enrolment date, or
-- BEHAALD without a valid award date (invalid_date); award before enrolment (out_of_range); no offer
-- with that provider and mc_id in the catalogues or the credentials (unknown_offer).
WITH known_offers AS (
    SELECT DISTINCT provider_id, offer_id FROM staging.offers
    UNION
    SELECT DISTINCT provider_id, offer_id FROM staging.elm_claims_validated WHERE row_status = 'loaded'
),
typed AS (
    SELECT
        r.*,
        parse_kbo(r.aanbieder_id) AS p_provider_id,
        blank(r.mc_id) AS p_offer_id,
        parse_date(r.inschrijvingsdatum) AS p_enrolled_on,
        st.code AS p_status,
        parse_date(r.uitreikingsdatum) AS p_awarded_on,
        CASE WHEN regexp_full_match(trim(r.woonplaats_nis), '\d{5}') THEN trim(r.woonplaats_nis) END AS p_nis,
        el.code AS p_education_level,
        ls.code AS p_labour_status
    FROM raw.awards r
    LEFT JOIN ref.codes st ON st.list = 'enrolment_status' AND lower(st.code) = lower(trim(r.status))
    LEFT JOIN ref.codes el ON el.list = 'education_level' AND lower(el.code) = lower(trim(r.onderwijsniveau))
    LEFT JOIN ref.codes ls ON ls.list = 'labour_status' AND lower(ls.code) = lower(trim(r.arbeidsmarktstatus))
),
-- The provider number is parsed once, above, and the offer looked up by it.
parsed AS (
    SELECT t.*, k.offer_id IS NOT NULL AS offer_known
    FROM typed t
    LEFT JOIN known_offers k ON k.provider_id = t.p_provider_id AND k.offer_id = t.p_offer_id
),
checked AS (
    SELECT
        *,
        CASE
            WHEN is_malformed THEN 'malformed_row'
            WHEN insz_status = 'missing' OR blank(aanbieder_id) IS NULL OR p_offer_id IS NULL
                 OR blank(inschrijvingsdatum) IS NULL OR blank(status) IS NULL THEN 'missing_required'
            WHEN insz_status = 'invalid' THEN 'invalid_insz'
            WHEN p_status IS NULL THEN 'invalid_code'
            WHEN p_enrolled_on IS NULL OR (p_status = 'BEHAALD' AND p_awarded_on IS NULL) THEN 'invalid_date'
            WHEN p_status = 'BEHAALD' AND p_awarded_on < p_enrolled_on THEN 'out_of_range'
            WHEN NOT offer_known THEN 'unknown_offer'
        END AS reason,
        CASE
            WHEN is_malformed THEN NULL
            WHEN insz_status = 'missing' THEN 'insz'
            WHEN blank(aanbieder_id) IS NULL THEN 'aanbieder_id'
            WHEN p_offer_id IS NULL THEN 'mc_id'
            WHEN blank(inschrijvingsdatum) IS NULL THEN 'inschrijvingsdatum'
            WHEN blank(status) IS NULL THEN 'status'
            WHEN insz_status = 'invalid' THEN 'insz'
            WHEN p_status IS NULL THEN 'status'
            WHEN p_enrolled_on IS NULL THEN 'inschrijvingsdatum'
            WHEN p_status = 'BEHAALD' AND p_awarded_on IS NULL THEN 'uitreikingsdatum'
            WHEN p_status = 'BEHAALD' AND p_awarded_on < p_enrolled_on THEN 'uitreikingsdatum'
            WHEN NOT offer_known AND p_provider_id IS NULL THEN 'aanbieder_id'
            WHEN NOT offer_known THEN 'mc_id'
        END AS reason_field
    FROM parsed
)
SELECT
    c.file,
    c.line,
    row_status(c.reason, c.is_duplicate) AS row_status,
    c.reason,
    c.reason_field,
    c.learner_id,
    c.birth_year,
    c.sex,
    c.p_provider_id AS provider_id,
    c.p_offer_id AS offer_id,
    c.p_enrolled_on AS enrolled_on,
    c.p_status AS status,
    -- On a row that is not BEHAALD an award date is ignored.
    CASE WHEN c.p_status = 'BEHAALD' THEN c.p_awarded_on END AS awarded_on,
    c.p_nis AS residence_nis,
    CASE WHEN c.p_nis IS NULL THEN 'ONBEKEND' ELSE coalesce(p2.province_code, p1.province_code, 'ONBEKEND') END AS province,
    ar.code AS arrondissement,
    c.p_education_level AS education_level,
    c.p_labour_status AS labour_status,
    blank(c.resultaat) AS grade,
    list_filter([
        CASE WHEN blank(c.woonplaats_nis) IS NOT NULL AND c.p_nis IS NULL THEN issue('woonplaats_nis', c.woonplaats_nis, 'invalid_code') END,
        CASE WHEN blank(c.onderwijsniveau) IS NOT NULL AND c.p_education_level IS NULL
             THEN issue('onderwijsniveau', c.onderwijsniveau, 'invalid_code') END,
        CASE WHEN blank(c.arbeidsmarktstatus) IS NOT NULL AND c.p_labour_status IS NULL
             THEN issue('arbeidsmarktstatus', c.arbeidsmarktstatus, 'invalid_code') END,
        CASE WHEN c.p_status <> 'BEHAALD' AND blank(c.uitreikingsdatum) IS NOT NULL AND c.p_awarded_on IS NULL
             THEN issue('uitreikingsdatum', c.uitreikingsdatum, 'invalid_date') END
    ], lambda i: i IS NOT NULL) AS field_issues
FROM checked c
LEFT JOIN ref.nis_prefixes p2 ON p2.prefix = c.p_nis[1:2]
LEFT JOIN ref.nis_prefixes p1 ON p1.prefix = c.p_nis[1:1]
LEFT JOIN ref.regions ar ON ar.level = 'arrondissement' AND ar.code = c.p_nis[1:2]
