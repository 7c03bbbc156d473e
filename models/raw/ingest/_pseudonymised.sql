{#- `rows` (a query) with the learner in place of the INSZ: the SQL expression `raw` holds the INSZ as
    delivered, column `drop` goes. Each distinct INSZ as delivered is validated and hashed once, however
    many rows it has. Needs the macros of insz_macros.sql and the key (pseudonymise.insz_functions).
    The pseudonym is held as its 32 bytes, not as 64 hexadecimal characters: half the bytes to write,
    join and count in every table of learners (`hex(learner_id)` where one is shown). -#}
{% macro pseudonymised(rows, raw, drop) -%}
-- Not materialised: the distinct INSZ are then read from the source rows directly, not from a stored
-- copy of all of them (BENCHMARKS.md, decisions).
WITH keyed AS NOT MATERIALIZED (SELECT *, {{ raw }} AS raw_insz FROM ({{ rows }})),
delivered AS (SELECT raw_insz, insz_digits(raw_insz) AS insz_11 FROM (SELECT DISTINCT raw_insz FROM keyed)),
learners AS (
    SELECT raw_insz, insz_11, unhex(hmac_sha256(insz_11)) AS learner_id, insz_is_valid(insz_11) AS is_valid,
           insz_birth_year(insz_11) AS insz_birth_year, insz_sex(insz_11) AS insz_sex
    FROM delivered
)
SELECT
    k.* EXCLUDE (raw_insz, {{ drop }}),
    l.learner_id,
    CASE WHEN nullif(trim(k.raw_insz), '') IS NULL THEN 'missing'
         WHEN l.is_valid THEN 'valid'
         ELSE 'invalid' END AS insz_status,
    CASE WHEN l.insz_11 IS NULL THEN length(trim(k.raw_insz)) END AS insz_length,
    CASE WHEN l.is_valid THEN l.insz_birth_year END AS birth_year,
    CASE WHEN l.is_valid THEN l.insz_sex END AS sex,
    -- What a provider sees in its feedback file to find its row: YY.MM.DD-***.**.
    CASE WHEN l.insz_11 IS NOT NULL
         THEN l.insz_11[1:2] || '.' || l.insz_11[3:4] || '.' || l.insz_11[5:6] || '-***.**'
         WHEN nullif(trim(k.raw_insz), '') IS NOT NULL THEN '***' END AS insz_masked
FROM keyed k
LEFT JOIN learners l ON l.raw_insz IS NOT DISTINCT FROM k.raw_insz
{%- endmacro %}
