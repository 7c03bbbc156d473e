-- Every record of a source's readable files, header included, as text: CSV records from csv_records,
-- workbook rows from the workbook reader. `fields` is NULL when a CSV record's quoting is broken.
-- writes: records

CREATE OR REPLACE TEMP TABLE records (file VARCHAR, line INTEGER, is_header BOOLEAN, fields VARCHAR[], text VARCHAR);
