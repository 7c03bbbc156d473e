-- Every row of the Statbel population files (population/), typed, with its row rule. The count is the
-- table's only measure, so a missing, non-integer or negative count quarantines the row too.
WITH parsed AS (
    SELECT
        r.*,
        parse_integer(r.jaar) AS p_year,
        pr.code AS p_province,
        sx.code AS p_sex,
        ab.code AS p_age_band,
        parse_integer(r.aantal) AS p_population
    FROM raw.population r
    LEFT JOIN ref.regions pr ON pr.level = 'province' AND pr.parent_code = 'VLAANDEREN' AND pr.code = trim(r.provincie_nis)
    LEFT JOIN ref.codes sx ON sx.list = 'population_sex' AND lower(sx.code) = lower(trim(r.geslacht))
    LEFT JOIN ref.codes ab ON ab.list = 'population_age_band' AND lower(ab.code) = lower(trim(r.leeftijdsklasse))
),
checked AS (
    SELECT
        *,
        CASE
            WHEN is_malformed THEN 'malformed_row'
            WHEN blank(jaar) IS NULL OR blank(provincie_nis) IS NULL OR blank(geslacht) IS NULL
                 OR blank(leeftijdsklasse) IS NULL OR blank(aantal) IS NULL THEN 'missing_required'
            WHEN p_province IS NULL OR p_sex IS NULL OR p_age_band IS NULL THEN 'invalid_code'
            WHEN p_year IS NULL OR p_population IS NULL THEN 'invalid_number'
            WHEN p_population < 0 THEN 'out_of_range'
        END AS reason,
        CASE
            WHEN is_malformed THEN NULL
            WHEN blank(jaar) IS NULL THEN 'jaar'
            WHEN blank(provincie_nis) IS NULL THEN 'provincie_nis'
            WHEN blank(geslacht) IS NULL THEN 'geslacht'
            WHEN blank(leeftijdsklasse) IS NULL THEN 'leeftijdsklasse'
            WHEN blank(aantal) IS NULL THEN 'aantal'
            WHEN p_province IS NULL THEN 'provincie_nis'
            WHEN p_sex IS NULL THEN 'geslacht'
            WHEN p_age_band IS NULL THEN 'leeftijdsklasse'
            WHEN p_year IS NULL THEN 'jaar'
            WHEN p_population IS NULL THEN 'aantal'
            WHEN p_population < 0 THEN 'aantal'
        END AS reason_field
    FROM parsed
)
SELECT
    file,
    line,
    row_status(reason, is_duplicate) AS row_status,
    reason,
    reason_field,
    p_year AS year,
    p_province AS province_nis,
    p_sex AS sex,
    p_age_band AS age_band,
    p_population AS population,
    []::STRUCT(field VARCHAR, raw_value VARCHAR, reason VARCHAR)[] AS field_issues
FROM checked
