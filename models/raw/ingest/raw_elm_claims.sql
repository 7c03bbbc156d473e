-- raw.elm_claims: the claims of the credentials, flagged duplicate, with the learner's pseudonym in place
-- of the national ID. An exact duplicate repeats every field of an earlier claim (files in name order).
-- A grade and an unreadable value are free text that may hold an INSZ: blanked.
-- reads: elm_claims
-- writes: raw.elm_claims
{%- from "raw/ingest/_pseudonymised.sql" import pseudonymised %}
{%- set masked %}
    SELECT * REPLACE (
        mask_insz(grade) AS grade,
        list_transform(unreadable, lambda u: {'field': u.field, 'raw_value': mask_insz(u.raw_value)}) AS unreadable
    ),
    nullif(trim(national_id), '') IS NOT NULL AS has_national_id
    FROM (
        SELECT *, row_number() OVER (PARTITION BY struct_pack(*COLUMNS(* EXCLUDE (file, line))) ORDER BY file, line) > 1
                  AS is_duplicate
        FROM elm_claims
    )
{%- endset %}

CREATE OR REPLACE TABLE raw.elm_claims AS
{{ pseudonymised(masked, raw="CASE WHEN national_id_country = 'BEL' THEN national_id END", drop="national_id") }};
