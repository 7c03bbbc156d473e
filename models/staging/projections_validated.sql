-- Every row of the Steunpunt Werk projection workbooks (projections/), typed, with its row rule and
-- field issues. The edition is the YYYY-MM in the file name. isco_code may arrive as the number 1 for
-- sub-major group 01. Quarantined: a missing or unknown ISCO sub-major group, sector, scenario or type,
-- or a year that is not a whole number. A hiring need that differs from the sum of its three parts
-- by more than 1 is a field issue; the sum is used.
WITH parsed AS (
    SELECT
        r.*,
        regexp_extract(r.file, 'beroepenprojecties_(\d{4}-\d{2})\.xlsx$', 1) AS edition,
        CASE WHEN regexp_full_match(trim(r.isco_code), '\d{1,2}') THEN lpad(trim(r.isco_code), 2, '0') END AS p_isco,
        sec.code AS p_sector,
        sc.code AS p_scenario,
        ki.code AS p_kind,
        parse_integer(r.jaar) AS p_year,
        parse_number(r.werkgelegenheid) AS p_employment,
        parse_number(r.uitbreidingsvraag) AS p_expansion,
        parse_number(r.vervangingsvraag_25_54) AS p_replacement_25_54,
        parse_number(r.vervangingsvraag_55plus) AS p_replacement_55plus,
        parse_number(r.aanwervingsbehoefte) AS p_hiring_need
    FROM raw.projections r
    LEFT JOIN ref.codes sec ON sec.list = 'nace_section' AND lower(sec.code) = lower(trim(r.sector))
    LEFT JOIN ref.codes sc ON sc.list = 'projection_scenario' AND lower(sc.code) = lower(trim(r.scenario))
    LEFT JOIN ref.codes ki ON ki.list = 'projection_kind' AND lower(ki.code) = lower(trim(r.type))
),
checked AS (
    SELECT
        p.*,
        i.code IS NOT NULL AS isco_ok,
        p.p_expansion + p.p_replacement_25_54 + p.p_replacement_55plus AS parts_sum
    FROM parsed p
    LEFT JOIN ref.isco08 i ON i.level = 'submajor' AND i.code = p.p_isco
),
ruled AS (
    SELECT
        *,
        CASE
            WHEN is_malformed THEN 'malformed_row'
            WHEN blank(isco_code) IS NULL OR blank(sector) IS NULL OR blank(scenario) IS NULL
                 OR blank(jaar) IS NULL OR blank(type) IS NULL THEN 'missing_required'
            WHEN NOT isco_ok OR p_sector IS NULL OR p_scenario IS NULL OR p_kind IS NULL THEN 'invalid_code'
            WHEN p_year IS NULL THEN 'invalid_number'
        END AS reason,
        CASE
            WHEN is_malformed THEN NULL
            WHEN blank(isco_code) IS NULL THEN 'isco_code'
            WHEN blank(sector) IS NULL THEN 'sector'
            WHEN blank(scenario) IS NULL THEN 'scenario'
            WHEN blank(jaar) IS NULL THEN 'jaar'
            WHEN blank(type) IS NULL THEN 'type'
            WHEN NOT isco_ok THEN 'isco_code'
            WHEN p_sector IS NULL THEN 'sector'
            WHEN p_scenario IS NULL THEN 'scenario'
            WHEN p_kind IS NULL THEN 'type'
            WHEN p_year IS NULL THEN 'jaar'
        END AS reason_field
    FROM checked
)
SELECT
    file,
    line,
    row_status(reason, is_duplicate) AS row_status,
    reason,
    reason_field,
    edition,
    p_isco AS isco_submajor,
    blank(beroepsgroep) AS occupation_group,
    p_sector AS sector,
    p_scenario AS scenario,
    p_year AS year,
    p_kind AS kind,
    -- Employment counts people: a negative count is a field issue, never a number the indicators use.
    CASE WHEN p_employment >= 0 THEN p_employment END AS employment,
    p_expansion AS expansion_demand,
    p_replacement_25_54 AS replacement_25_54,
    p_replacement_55plus AS replacement_55plus,
    coalesce(parts_sum, p_hiring_need) AS hiring_need,
    p_hiring_need AS hiring_need_reported,
    list_filter([
        CASE WHEN blank(werkgelegenheid) IS NOT NULL AND p_employment IS NULL THEN issue('werkgelegenheid', werkgelegenheid, 'invalid_number')
             WHEN p_employment < 0 THEN issue('werkgelegenheid', werkgelegenheid, 'out_of_range') END,
        CASE WHEN blank(uitbreidingsvraag) IS NOT NULL AND p_expansion IS NULL THEN issue('uitbreidingsvraag', uitbreidingsvraag, 'invalid_number') END,
        CASE WHEN blank(vervangingsvraag_25_54) IS NOT NULL AND p_replacement_25_54 IS NULL
             THEN issue('vervangingsvraag_25_54', vervangingsvraag_25_54, 'invalid_number') END,
        CASE WHEN blank(vervangingsvraag_55plus) IS NOT NULL AND p_replacement_55plus IS NULL
             THEN issue('vervangingsvraag_55plus', vervangingsvraag_55plus, 'invalid_number') END,
        CASE WHEN blank(aanwervingsbehoefte) IS NOT NULL AND p_hiring_need IS NULL
             THEN issue('aanwervingsbehoefte', aanwervingsbehoefte, 'invalid_number')
             WHEN abs(p_hiring_need - parts_sum) > 1 THEN issue('aanwervingsbehoefte', aanwervingsbehoefte, 'out_of_range') END
    ], lambda i: i IS NOT NULL) AS field_issues
FROM ruled
