-- European Digital Credential files -> one document per file, with the shape it arrived in
-- (landing-zone contract, awards/elm v2, "Shapes accepted").
-- `elm_files` holds each file's read path, variable elm_read_paths the read paths as glob patterns that
-- each match their one file (files.duckdb_pattern). In `elm_docs`, `credential` is the credential object
-- for the JSON shapes; a JWT is left in `token` for elm.py to decode; `found` describes a document of no
-- accepted shape (its top-level fields, or its JSON type).
-- reads: elm_files
-- writes: elm_docs

CREATE OR REPLACE TEMP TABLE elm_docs AS
WITH files AS (
    -- A byte-order mark before the JSON is allowed (RFC 8259 lets a reader ignore it); a JWT file may end
    -- in a line break.
    SELECT f.file, trim(ltrim(try(decode(b.content)), chr(65279)), e' \t\r\n') AS text
    FROM read_blob(getvariable('elm_read_paths')) b JOIN elm_files f ON f.read_path = b.filename
),
parsed AS (
    -- Each document is parsed twice: validated, then asked in one call for the types of the members that
    -- tell its shape (DuckDB parses a JSON text again for every function given it, and a credential embeds
    -- logos of 100 kB and more; types, unlike extracted members, need no copy).
    SELECT file, text, doc,
           json_type(doc, ['$.credentialSubject', '$.payload', '$.credential', '$."@context"']) AS x
    FROM (SELECT file, text, CASE WHEN json_valid(text) THEN text END AS doc FROM files)
),
shaped AS (
    SELECT file, text, doc,
           CASE
               WHEN doc IS NULL AND regexp_full_match(text, '[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*') THEN 'jwt'
               WHEN doc IS NULL AND regexp_full_match(text, '[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*~.*') THEN 'sd_jwt'
               -- A credential without its subject is still a bare credential (rejected later, with that reason).
               WHEN x[1] IS NOT NULL OR (x[4] IS NOT NULL AND x[2] IS NULL AND x[3] IS NULL) THEN 'bare'
               WHEN x[2] = 'VARCHAR' AND json_valid(doc ->> '$.payload') THEN 'envelope'
               WHEN x[3] = 'OBJECT' THEN 'upload_wrapper'
           END AS shape
    FROM parsed
)
SELECT
    file,
    shape,
    CASE WHEN shape IS NOT NULL THEN NULL
         WHEN json_type(doc) = 'OBJECT' THEN 'object: ' || array_to_string(json_keys(doc)[1:8], ', ')
         WHEN doc IS NOT NULL THEN lower(json_type(doc))
         WHEN text IS NULL THEN 'not_utf8'
         ELSE 'not_json' END AS found,
    CASE WHEN shape IN ('jwt', 'sd_jwt') THEN text END AS token,
    CASE shape WHEN 'bare' THEN doc::JSON
               WHEN 'envelope' THEN (doc ->> '$.payload')::JSON
               WHEN 'upload_wrapper' THEN doc -> '$.credential' END AS credential
FROM shaped;
