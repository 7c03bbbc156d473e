-- The data rows of a source's read files in the contract's column order, flagged malformed (wrong number
-- of fields) and duplicate.
--
-- An exact duplicate repeats every field of an earlier row of the source (files in name order), compared
-- on the raw text before trimming. Rows are first bucketed by a hash; only rows sharing a bucket are
-- compared field by field, which keeps a full sort of the source out of the way.
-- reads: records, layout
-- writes: data_rows, repeats, canonical
{%- set identity = "is_malformed, raw_fields, [" ~ source.columns | join(", ") ~ "], map_values(extra_fields)" %}

CREATE OR REPLACE TEMP TABLE data_rows AS
WITH data AS (
    SELECT r.file, r.line, r.fields, r.text, l.* EXCLUDE (file),
           r.fields IS NULL OR len(r.fields) <> l.header_len AS is_malformed
    FROM records r JOIN layout l USING (file)
    WHERE NOT r.is_header
),
canonical AS (
    SELECT file, line, is_malformed,
           CASE WHEN is_malformed THEN coalesce(fields, [text]) END AS raw_fields,
{%- if source.personal_columns %}
           -- A malformed row is kept as raw text: its personal identifiers are blanked.
           CASE WHEN is_malformed THEN coalesce(list_transform(fields, lambda v, i: CASE WHEN
               {%- for column in source.personal_columns %} {% if not loop.first %}OR {% endif %}i = pos_{{ column }}{% endfor %}
               THEN NULL ELSE v END), [text]) END AS malformed_fields,
{%- else %}
           CASE WHEN is_malformed THEN coalesce(fields, [text]) END AS malformed_fields,
{%- endif %}
{%- for column in source.columns %}
           CASE WHEN NOT is_malformed THEN fields[pos_{{ column }}] END AS {{ column }},
{%- endfor %}
           CASE WHEN NOT is_malformed AND len(extra_pos) > 0 THEN map_from_entries(
               list_transform(extra_pos, lambda p, i: {'key': extra_names[i], 'value': fields[p]})
           ) WHEN NOT is_malformed THEN MAP {}::MAP(VARCHAR, VARCHAR) END AS extra_fields
    FROM data
)
SELECT *, hash({{ identity }}) AS bucket FROM canonical;

CREATE OR REPLACE TEMP TABLE repeats AS
WITH shared AS (SELECT bucket FROM data_rows GROUP BY bucket HAVING count(*) > 1)
SELECT file, line, row_number() OVER (PARTITION BY {{ identity }} ORDER BY file, line) > 1 AS is_duplicate
FROM data_rows SEMI JOIN shared USING (bucket);

-- A view, not a copy of every row: the raw table is written from it once.
CREATE OR REPLACE TEMP VIEW canonical AS
SELECT c.* EXCLUDE (raw_fields, bucket), coalesce(r.is_duplicate, false) AS is_duplicate
FROM data_rows c LEFT JOIN repeats r USING (file, line);
