-- Split CSV files into records and fields, keeping each record's physical line number.
--
-- DuckDB's read_csv reports line numbers only for rows it rejects; the contract needs them for
-- every row (quarantine and field issues name file and line), so the files are split here:
-- lines -> records (a quoted field may span lines) -> fields. `csv_files` holds each file's read path
-- and delimiter, and variable csv_read_paths the read paths as glob patterns that each match their one
-- file (files.duckdb_pattern). `fields` is NULL when a record's quoting is broken; the first record of a
-- file is its header.
-- reads: csv_files, records
-- writes: records

-- Files are matched to their landing name before they are split: a join per file, not per line.
CREATE OR REPLACE TEMP TABLE csv_lines AS
WITH split AS (
    SELECT f.file, f.delimiter, string_split(t.content, chr(10)) AS lines
    FROM read_text(getvariable('csv_read_paths')) t
    JOIN csv_files f ON f.read_path = t.filename
)
-- rtrim only where a line ends in CR (a CRLF file): called on every line it is a noticeable cost (BENCHMARKS.md).
SELECT file, delimiter, line_no,
       CASE WHEN ends_with(line_text, chr(13)) THEN rtrim(line_text, chr(13)) ELSE line_text END AS line_text
FROM (SELECT file, delimiter, generate_subscripts(lines, 1) AS line_no, unnest(lines) AS line_text FROM split);

-- A line with an odd number of quotes opens (or closes) a field that continues on the next line.
CREATE OR REPLACE TEMP TABLE csv_spans AS
WITH odd AS (
    SELECT file, line_no, row_number() OVER (PARTITION BY file ORDER BY line_no) AS k
    FROM csv_lines
    WHERE (length(line_text) - length(replace(line_text, '"', ''))) % 2 = 1
),
paired AS (
    SELECT file, min(line_no) AS first_line, max(line_no) AS last_line, count(*) AS n
    FROM odd GROUP BY file, (k + 1) // 2
)
-- An unclosed quote runs to the end of the file.
SELECT p.file, p.first_line,
       CASE WHEN p.n = 2 THEN p.last_line ELSE (SELECT max(l.line_no) FROM csv_lines l WHERE l.file = p.file) END AS last_line
FROM paired p;

INSERT INTO records BY NAME
WITH covered AS (
    SELECT file, first_line, unnest(range(first_line, last_line + 1)) AS line_no FROM csv_spans
),
joined AS (
    SELECT l.file, l.delimiter, l.line_no AS line, l.line_text AS text
    FROM csv_lines l ANTI JOIN covered c USING (file, line_no)
    WHERE trim(l.line_text) <> ''
    UNION ALL
    SELECT l.file, any_value(l.delimiter), c.first_line, string_agg(l.line_text, chr(10) ORDER BY l.line_no)
    FROM csv_lines l JOIN covered c USING (file, line_no)
    GROUP BY l.file, c.first_line
),
cleaned AS (
    -- A UTF-8 byte-order mark is not part of the first column name.
    SELECT file, delimiter, line, CASE WHEN line = 1 THEN ltrim(text, chr(65279)) ELSE text END AS text
    FROM joined
),
headers AS (
    SELECT file, min(line) AS line FROM joined GROUP BY file
)
SELECT
    file,
    line,
    h.line IS NOT NULL AS is_header,
    CASE
        WHEN NOT contains(text, '"') THEN string_split(text, delimiter)
        WHEN delimiter = ';' AND regexp_full_match(text || ';', '(?:("(?:[^"]|"")*"|[^;"]*);)*')
            THEN list_transform(regexp_extract_all(text || ';', '("(?:[^"]|"")*"|[^;"]*);', 1),
                                lambda v: CASE WHEN starts_with(v, '"') THEN replace(v[2:-2], '""', '"') ELSE v END)
        WHEN delimiter = ',' AND regexp_full_match(text || ',', '(?:("(?:[^"]|"")*"|[^,"]*),)*')
            THEN list_transform(regexp_extract_all(text || ',', '("(?:[^"]|"")*"|[^,"]*),', 1),
                                lambda v: CASE WHEN starts_with(v, '"') THEN replace(v[2:-2], '""', '"') ELSE v END)
    END AS fields,
    text
FROM cleaned
LEFT JOIN headers h USING (file, line);

DROP TABLE csv_lines;
DROP TABLE csv_spans;
