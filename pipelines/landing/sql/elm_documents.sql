-- European Digital Credential files -> one document per file, with the shape it arrived in
-- (landing-zone contract, awards/elm v2, "Shapes accepted").
-- Input: TEMP table _elm_files(read_path, file) and variable elm_read_paths, the read paths as glob
-- patterns that each match their one file (files.duckdb_pattern).
-- Output: TEMP table _elm_docs(file, shape, found, token, credential): `credential` is the credential
-- object for the JSON shapes; a JWT is left in `token` for elm.py to decode; `found` describes a
-- document of no accepted shape (its top-level fields, or its JSON type).

CREATE OR REPLACE TEMP TABLE _elm_docs AS
WITH files AS (
    -- A byte-order mark before the JSON is allowed (RFC 8259 lets a reader ignore it); a JWT file may end
    -- in a line break.
    SELECT f.file, trim(ltrim(try(decode(b.content)), chr(65279)), e' \t\r\n') AS text
    FROM read_blob(getvariable('elm_read_paths')) b JOIN _elm_files f ON f.read_path = b.filename
),
parsed AS (
    SELECT file, text, CASE WHEN json_valid(text) THEN text::JSON END AS doc FROM files
),
typed AS (
    -- json_keys parses the document once; the shape tests below only look at its top-level names.
    SELECT file, text, doc, json_type(doc) AS doc_type,
           CASE WHEN json_type(doc) = 'OBJECT' THEN json_keys(doc) END AS keys
    FROM parsed
),
shaped AS (
    SELECT file, text, doc, doc_type, keys,
           CASE
               WHEN doc IS NULL AND regexp_full_match(text, '[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*') THEN 'jwt'
               WHEN doc IS NULL AND regexp_full_match(text, '[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*~.*') THEN 'sd_jwt'
               -- A credential without its subject is still a bare credential (rejected later, with that reason).
               WHEN list_contains(keys, 'credentialSubject')
                    OR (list_contains(keys, '@context') AND NOT list_has_any(keys, ['payload', 'credential'])) THEN 'bare'
               WHEN list_contains(keys, 'payload') AND json_type(doc -> '$.payload') = 'VARCHAR'
                    AND json_valid(doc ->> '$.payload') THEN 'envelope'
               WHEN list_contains(keys, 'credential') AND json_type(doc -> '$.credential') = 'OBJECT' THEN 'upload_wrapper'
           END AS shape
    FROM typed
)
SELECT
    file,
    shape,
    CASE WHEN shape IS NOT NULL THEN NULL
         WHEN doc_type = 'OBJECT' THEN 'object: ' || array_to_string(keys[1:8], ', ')
         WHEN doc IS NOT NULL THEN lower(doc_type)
         WHEN text IS NULL THEN 'not_utf8'
         ELSE 'not_json' END AS found,
    CASE WHEN shape IN ('jwt', 'sd_jwt') THEN text END AS token,
    CASE shape WHEN 'bare' THEN doc
               WHEN 'envelope' THEN (doc ->> '$.payload')::JSON
               WHEN 'upload_wrapper' THEN doc -> '$.credential' END AS credential
FROM shaped;
