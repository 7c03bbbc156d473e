-- raw.<source>: the rows of a source without personal data, as delivered.
-- reads: canonical
-- writes: raw.{{ source.raw_table }}

CREATE OR REPLACE TABLE raw.{{ source.raw_table }} AS SELECT * FROM canonical;
