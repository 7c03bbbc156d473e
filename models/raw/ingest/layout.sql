-- Per read file of a source, the 1-based position of each contract column in its header and the columns
-- the contract does not read (tables.map_headers matched them, in `layout_frame`).
-- reads: layout_frame
-- writes: layout

CREATE OR REPLACE TEMP TABLE layout AS
SELECT file::VARCHAR AS file,
       header_len::INTEGER AS header_len,
{%- for column in source.columns %}
       pos_{{ column }}::INTEGER AS pos_{{ column }},
{%- endfor %}
       extra_pos::INTEGER[] AS extra_pos,
       extra_names::VARCHAR[] AS extra_names
FROM layout_frame;
