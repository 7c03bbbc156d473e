-- The landing recount (pipelines/quality/landing_records.py): data records after the header of each CSV file
-- matching the patterns $1, delimiter $2, by DuckDB's own CSV reader, not the ingestion's.
-- Every value as text and no text read as NULL: a padded (missing) field is then the only NULL, and concat_ws
-- skips it. A blank line is a row whose joined values are blank; a line of empty fields joins to its
-- separators and is a record. DuckDB pads short rows only in its serial scanner when a quoted field spans
-- lines.
SELECT filename, count(*) FILTER (WHERE trim(joined) <> '')
FROM (
    SELECT filename, concat_ws(chr(31), *COLUMNS(lambda c: c <> 'filename')) AS joined
    FROM read_csv($1, delim = $2, union_by_name = true, filename = true, header = true, all_varchar = true,
                  quote = '"', escape = '"', null_padding = true, strict_mode = false, nullstr = chr(1),
                  parallel = false)
)
GROUP BY filename
