-- European Digital Credentials (ELM v3 / EDC JSON-LD) -> one row per claim (award).
-- Input: TEMP table _elm_files(read_path, file) and variable elm_read_paths, the read paths as glob
-- patterns that each match their one file (files.duckdb_pattern).
-- Output: TEMP table _elm_docs(file, problem) with one row per file, and TEMP table _elm_claims
-- with the contract's fields of each claim, still holding the learner's raw national ID.

-- Text of a multilingual ELM field: Dutch, then English, then any language.
CREATE OR REPLACE TEMP MACRO elm_text(j) AS
    CASE json_type(j)
        WHEN 'VARCHAR' THEN j ->> '$'
        WHEN 'OBJECT' THEN coalesce(j ->> '$.nl', j ->> '$.en', json_extract_string(j, '$.*')[1])
    END;

-- ELM allows one object or a list of them in most places.
CREATE OR REPLACE TEMP MACRO elm_first(j) AS CASE WHEN json_type(j) = 'ARRAY' THEN j -> '$[0]' ELSE j END;
CREATE OR REPLACE TEMP MACRO elm_list(j) AS
    CASE json_type(j) WHEN 'ARRAY' THEN json_extract(j, '$[*]') WHEN 'OBJECT' THEN [j] ELSE [] END;

CREATE OR REPLACE TEMP TABLE _elm_docs AS
WITH files AS (
    -- A byte-order mark before the JSON is allowed (RFC 8259 lets a reader ignore it).
    SELECT f.file, ltrim(try(decode(b.content)), chr(65279)) AS text
    FROM read_blob(getvariable('elm_read_paths')) b JOIN _elm_files f ON f.read_path = b.filename
),
parsed AS (
    SELECT file, CASE WHEN json_valid(text) THEN text::JSON END AS doc FROM files
),
unwrapped AS (
    -- A signing envelope carries the credential as a JSON string in `payload`.
    SELECT file, doc,
           CASE WHEN json_type(doc -> '$.payload') = 'VARCHAR' AND json_valid(doc ->> '$.payload')
                THEN (doc ->> '$.payload')::JSON ELSE doc END AS credential
    FROM parsed
)
SELECT file, credential,
       CASE WHEN doc IS NULL THEN 'not_json'
            WHEN json_type(credential -> '$.credentialSubject') IS DISTINCT FROM 'OBJECT' THEN 'no_subject'
            WHEN len(elm_list(credential -> '$.credentialSubject.hasClaim')) = 0 THEN 'no_claim'
       END AS problem
FROM unwrapped;

CREATE OR REPLACE TEMP TABLE _elm_claims AS
WITH claims AS (
    SELECT file, credential,
           unnest(elm_list(credential -> '$.credentialSubject.hasClaim')) AS claim,
           generate_subscripts(elm_list(credential -> '$.credentialSubject.hasClaim'), 1) AS line
    FROM _elm_docs WHERE problem IS NULL
),
parts AS (
    SELECT file, line, credential, claim,
           elm_first(claim -> '$.awardedBy.awardingBody') AS body,
           elm_first(claim -> '$.specifiedBy') AS spec,
           elm_first(claim -> '$.provenBy') AS proof
    FROM claims
)
SELECT
    file,
    line,
    credential ->> '$.credentialSubject.nationalID.notation' AS national_id,
    regexp_extract(credential ->> '$.credentialSubject.nationalID.spatial.id', '([^/]+)$', 1) AS national_id_country,
    body ->> '$.registration.notation' AS provider_id,
    elm_text(body -> '$.legalName') AS provider_name,
    spec ->> '$.id' AS offer_id,
    elm_text(spec -> '$.title') AS title,
    list_contains(json_extract_string(elm_first(spec -> '$.creditPoint'), '$.framework.prefLabel.*'), 'ECTS') AS credit_is_ects,
    elm_first(spec -> '$.creditPoint') ->> '$.point' AS credit_points,
    spec ->> '$.volumeOfLearning' AS volume_of_learning,
    spec ->> '$.eqfLevel.id' AS eqf_level,
    list_transform(elm_list(spec -> '$.learningOutcome'), lambda lo: elm_text(lo -> '$.title')) AS learning_outcomes,
    flatten(list_transform(
        [spec] || elm_list(spec -> '$.learningOutcome'),
        lambda x: list_transform(elm_list(x -> '$.relatedESCOSkill'), lambda s: s ->> '$.id')
    )) AS esco_skills,
    elm_text(spec -> '$.mode.prefLabel') AS mode,
    coalesce(credential ->> '$.issuanceDate', credential ->> '$.issued', credential ->> '$.validFrom',
             proof ->> '$.dateIssued') AS issued_at,
    proof ->> '$.dateIssued' AS awarded_at,
    elm_text(proof -> '$.grade.noteLiteral') AS grade
FROM parts;
