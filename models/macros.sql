-- Parsing rules of the landing-zone contract ("General file rules" and "Precise readings"),
-- shared by every staging model. Loaded into each pipeline connection before a model runs.
-- Each parse_* returns NULL for a missing or invalid value; a model tells the two apart with blank().

-- Empty, or only spaces: missing.
CREATE OR REPLACE TEMP MACRO blank(x) AS nullif(trim(x), '');

-- A number of 309 digits or more reads as infinity, a date in year 0 as 1 BC: neither is a value.
CREATE OR REPLACE TEMP MACRO finite(v) AS CASE WHEN isfinite(v) THEN v END;
CREATE OR REPLACE TEMP MACRO from_year_one(d) AS CASE WHEN year(d) >= 1 THEN d END;

-- `1.5` and `1,5`; no thousands separators, no exponent.
CREATE OR REPLACE TEMP MACRO parse_number(x) AS
    CASE WHEN regexp_full_match(trim(x), '[+-]?\d+([.,]\d+)?') THEN finite(replace(trim(x), ',', '.')::DOUBLE) END;

CREATE OR REPLACE TEMP MACRO parse_integer(x) AS
    CASE WHEN regexp_full_match(trim(x), '[+-]?\d{1,9}') THEN trim(x)::INTEGER END;

-- `YYYY-MM-DD` or Belgian `DD/MM/YYYY` (day and month may drop their leading zero).
CREATE OR REPLACE TEMP MACRO parse_date(x) AS from_year_one(
    CASE WHEN regexp_full_match(trim(x), '\d{4}-\d{2}-\d{2}') THEN try_strptime(trim(x), '%Y-%m-%d')::DATE
         WHEN regexp_full_match(trim(x), '\d{1,2}/\d{1,2}/\d{4}') THEN try_strptime(trim(x), '%d/%m/%Y')::DATE END);

-- An ISO timestamp's date part (ELM: `2025-11-05T16:24:37Z`).
CREATE OR REPLACE TEMP MACRO parse_iso_date(x) AS
    CASE WHEN regexp_matches(trim(x), '^\d{4}-\d{2}-\d{2}') THEN try_strptime(left(trim(x), 10), '%Y-%m-%d')::DATE END;

CREATE OR REPLACE TEMP MACRO parse_boolean(x) AS
    CASE WHEN lower(trim(x)) IN ('j', 'ja', 'y', 'true', '1') THEN true
         WHEN lower(trim(x)) IN ('n', 'nee', 'false', '0') THEN false END;

-- `|`-separated; elements trimmed, empty ones dropped.
CREATE OR REPLACE TEMP MACRO parse_list(x) AS
    list_filter(list_transform(string_split(coalesce(x, ''), '|'), lambda e: trim(e)), lambda e: e <> '');

-- KBO enterprise number normalised to 10 digits, NULL when the check digits are wrong.
-- A 9-digit number is not zero-padded.
CREATE OR REPLACE TEMP MACRO kbo_digits(x) AS regexp_replace(trim(x), '[. ]', '', 'g');
CREATE OR REPLACE TEMP MACRO parse_kbo(x) AS
    CASE WHEN regexp_full_match(kbo_digits(x), '[01]\d{9}')
              AND 97 - (kbo_digits(x)[1:8]::BIGINT % 97) = kbo_digits(x)[9:10]::INTEGER
         THEN kbo_digits(x) END;

-- A KBO number as it is written for people: 0123.456.789.
CREATE OR REPLACE TEMP MACRO kbo_display(x) AS x[1:4] || '.' || x[5:7] || '.' || x[8:10];

-- An ESCO skill URI (offers' esco_skills, a credential's relatedESCOSkill).
CREATE OR REPLACE TEMP MACRO is_esco_skill(uri) AS coalesce(regexp_full_match(uri,
    'http://data\.europa\.eu/esco/skill/[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}'), false);

-- ISO-8601 duration. A workload has only a time part (`PT45H`, `PT12H30M`): hours. Days, weeks, months or
-- years (`P60D`) are a length of time, not a workload (ELM v2).
CREATE OR REPLACE TEMP MACRO is_iso_duration(x) AS
    regexp_full_match(trim(x), 'P(\d+(\.\d+)?Y)?(\d+(\.\d+)?M)?(\d+(\.\d+)?W)?(\d+(\.\d+)?D)?(T(\d+(\.\d+)?H)?(\d+(\.\d+)?M)?(\d+(\.\d+)?S)?)?')
    AND trim(x) NOT IN ('P', 'PT') AND NOT ends_with(trim(x), 'T');
CREATE OR REPLACE TEMP MACRO parse_workload_hours(x) AS finite(
    CASE WHEN is_iso_duration(x) AND starts_with(trim(x), 'PT')
         THEN coalesce(nullif(regexp_extract(trim(x), '(\d+(?:\.\d+)?)H', 1), '')::DOUBLE, 0)
            + coalesce(nullif(regexp_extract(trim(x), '(\d+(?:\.\d+)?)M', 1), '')::DOUBLE / 60, 0)
            + coalesce(nullif(regexp_extract(trim(x), '(\d+(?:\.\d+)?)S', 1), '')::DOUBLE / 3600, 0) END);

-- Where a landing row ends: a row that breaks a row rule is quarantined (even when it repeats an
-- earlier row); otherwise an exact repeat of an earlier row is a duplicate; otherwise it loads.
CREATE OR REPLACE TEMP MACRO row_status(reason, is_duplicate) AS
    CASE WHEN reason IS NOT NULL THEN 'quarantined' WHEN is_duplicate THEN 'duplicate' ELSE 'loaded' END;

-- A field issue: the value became NULL (or an empty list) but the row still loads.
CREATE OR REPLACE TEMP MACRO issue(field_name, raw_value, reason) AS
    {'field': field_name, 'raw_value': raw_value, 'reason': reason};

-- Age band of the indicators (indicators.md, "Common definitions").
CREATE OR REPLACE TEMP MACRO age_band(age) AS
    CASE WHEN age < 18 THEN '<18'
         WHEN age <= 24 THEN '18-24'
         WHEN age <= 34 THEN '25-34'
         WHEN age <= 44 THEN '35-44'
         WHEN age <= 54 THEN '45-54'
         WHEN age <= 64 THEN '55-64'
         WHEN age >= 65 THEN '65+' END;

-- The value of an indicator row from its numerator and denominator, by unit (indicators.md).
CREATE OR REPLACE TEMP MACRO indicator_value(unit, numerator, denominator) AS
    CASE unit WHEN 'count' THEN numerator
              WHEN 'flag' THEN numerator
              WHEN 'percent' THEN 100 * numerator / denominator
              WHEN 'per_1000' THEN 1000 * numerator / denominator END;

-- Rows are emitted only where the count (for counts) or the denominator (for rates) is at least 1.
CREATE OR REPLACE TEMP MACRO is_emitted(unit, numerator, denominator) AS
    CASE WHEN unit = 'count' THEN numerator >= 1 ELSE denominator >= 1 END;

-- ELM: how a specification's values become the offers' fields, for a credential's claim
-- (staging/elm_claims_validated.sql) and for a learning opportunity of an ELM catalogue alike
-- (raw/ingest/elm_catalogue_offers.sql, the read-back of the monitor's own feed).
-- The credit unit of a credit point, by its framework's EU id or label (a local LESTIJD concept from the feed).
CREATE OR REPLACE TEMP MACRO elm_credit_unit(points, framework_id, framework) AS
    CASE WHEN points IS NULL AND framework_id IS NULL AND framework IS NULL THEN NULL
         WHEN ends_with(framework_id, '/education-credit/6fcec5c5af')
              OR framework ILIKE '%ECTS%' OR framework ILIKE '%European Credit Transfer%' THEN 'ECTS'
         WHEN framework_id = 'urn:mcmon:omvangeenheid:LESTIJD' THEN 'LESTIJD'
         ELSE 'ANDER' END;
-- The volume: credit points in their unit when the specification gives any, else its hours of learning.
CREATE OR REPLACE TEMP MACRO elm_volume(unit, points, hours) AS
    CASE WHEN unit IS NOT NULL AND points > 0 THEN {'value': points, 'unit': unit}
         WHEN unit IS NULL AND hours > 0 THEN {'value': hours, 'unit': 'UUR'} END;
CREATE OR REPLACE TEMP MACRO elm_eqf(eqf_level) AS coalesce(regexp_extract(eqf_level, '/eqf/([1-8])$', 1), '');
CREATE OR REPLACE TEMP MACRO elm_isced(thematic_area) AS coalesce(regexp_extract(thematic_area, '/isced-f/(\d{2,4})$', 1), '');
-- A concept's code in a map of ref.elm_concepts: by its EU id's last segment, else its lower-case label.
CREATE OR REPLACE TEMP MACRO elm_mode_code(forms, mode_id, mode_label) AS
    list_filter(list_transform([regexp_extract(mode_id, '/learning-assessment/([^/]+)$', 1), lower(trim(mode_label))],
                               lambda k: map_extract_value(forms, k)), lambda f: f IS NOT NULL)[1];
CREATE OR REPLACE TEMP MACRO elm_assessment_code(assessments, ids, labels) AS
    coalesce(list_filter(list_transform(
        list_transform(ids, lambda i: regexp_extract(i, '/([^/]+)$', 1)) || list_transform(labels, lambda l: lower(trim(l))),
        lambda k: map_extract_value(assessments, k)), lambda a: a IS NOT NULL)[1], 'ANDER');
-- The name of a two-way breakdown (indicators.md, section F) from the GROUPING() flags of its three columns
-- (0: grouped by it), in the order of the contract: province×age_band, province×sex, age_band×sex.
CREATE OR REPLACE TEMP MACRO two_way_dimension(province_flag, age_band_flag, sex_flag) AS concat_ws('×',
    CASE WHEN province_flag = 0 THEN 'province' END,
    CASE WHEN age_band_flag = 0 THEN 'age_band' END,
    CASE WHEN sex_flag = 0 THEN 'sex' END);
