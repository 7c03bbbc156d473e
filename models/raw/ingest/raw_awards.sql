-- raw.awards: the award rows as delivered, with the learner's pseudonym in place of the INSZ. Free text
-- and malformed rows may hold an INSZ anywhere: it is blanked before anything is stored.
-- reads: canonical
-- writes: raw.awards
{%- from "raw/ingest/_pseudonymised.sql" import pseudonymised %}
{%- set masked %}
    SELECT * REPLACE (
        mask_insz(resultaat) AS resultaat,
        list_transform(malformed_fields, lambda v: mask_insz(v)) AS malformed_fields,
        CASE WHEN cardinality(extra_fields) > 0 THEN map_from_entries(list_transform(map_entries(extra_fields),
             lambda e: {'key': e.key, 'value': mask_insz(e.value)})) ELSE extra_fields END AS extra_fields
    )
    FROM canonical
{%- endset %}

CREATE OR REPLACE TABLE raw.awards AS
{{ pseudonymised(masked, raw="insz", drop="insz") }};
