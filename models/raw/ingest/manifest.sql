-- raw.<source>_files, the manifest: every file of the source, read or rejected with the reason
-- (tables.FileEntry, in `manifest_frame`).
-- reads: manifest_frame
-- writes: raw.{{ source.name }}_files

CREATE OR REPLACE TABLE raw.{{ source.name }}_files AS
SELECT source::VARCHAR AS source, file::VARCHAR AS file, kind::VARCHAR AS kind,
       size_bytes::BIGINT AS size_bytes, encoding::VARCHAR AS encoding,
       delimiter::VARCHAR AS delimiter, status::VARCHAR AS status, reason::VARCHAR AS reason,
       message::VARCHAR AS message, rejected_rows::INTEGER AS rejected_rows,
       header::VARCHAR[] AS header, extra_columns::VARCHAR[] AS extra_columns,
       shape::VARCHAR AS shape
FROM manifest_frame;
