-- Every row of the VDAB bottleneck-occupation lists (bottlenecks/), typed, with its row rule and field
-- issues. Quarantined: a missing or invalid ISCO unit group (4 digits of a known sub-major group), or
-- a missing or non-integer year. Unknown causes are a field issue (the list becomes empty).
WITH parsed AS (
    SELECT
        r.*,
        regexp_extract(r.file, 'knelpuntberoepen_(\d{4})\.csv$', 1)::INTEGER AS list_year,
        trim(r.isco_code) AS p_isco,
        parse_integer(r.jaar) AS p_year,
        parse_list(r.oorzaken) AS p_causes,
        (SELECT list(code) FROM ref.codes WHERE list = 'bottleneck_cause') AS cause_codes,
        (SELECT list(code) FROM ref.isco08 WHERE level = 'submajor') AS submajors
    FROM raw.bottlenecks r
),
checked AS (
    SELECT
        *,
        regexp_full_match(p_isco, '\d{4}') AND list_contains(submajors, p_isco[1:2]) AS isco_ok,
        len(list_filter(p_causes, lambda c: NOT list_contains(cause_codes, upper(c)))) = 0 AS causes_ok,
        CASE
            WHEN is_malformed THEN 'malformed_row'
            WHEN blank(jaar) IS NULL OR blank(isco_code) IS NULL THEN 'missing_required'
            WHEN NOT (regexp_full_match(p_isco, '\d{4}') AND list_contains(submajors, p_isco[1:2])) THEN 'invalid_code'
            WHEN p_year IS NULL THEN 'invalid_number'
        END AS reason,
        CASE
            WHEN is_malformed THEN NULL
            WHEN blank(jaar) IS NULL THEN 'jaar'
            WHEN blank(isco_code) IS NULL THEN 'isco_code'
            WHEN NOT (regexp_full_match(p_isco, '\d{4}') AND list_contains(submajors, p_isco[1:2])) THEN 'isco_code'
            WHEN p_year IS NULL THEN 'jaar'
        END AS reason_field
    FROM parsed
)
SELECT
    file,
    line,
    row_status(reason, is_duplicate) AS row_status,
    reason,
    reason_field,
    list_year,
    p_year AS year,
    blank(beroep) AS occupation,
    p_isco AS isco_unit,
    CASE WHEN causes_ok THEN list_transform(p_causes, lambda c: upper(c)) ELSE [] END AS causes,
    list_filter([
        CASE WHEN NOT causes_ok THEN issue('oorzaken', oorzaken, 'invalid_code') END
    ], lambda i: i IS NOT NULL) AS field_issues
FROM checked
