-- An ELM catalogue (JSON-LD, LearningOpportunity nodes in its @graph, as the monitor's own feed
-- data/exports/elm/catalogus.jsonld) -> the documents the credential steps read: each catalogue becomes one
-- credential whose claims are its learning opportunities, each claim specified by the opportunity's
-- LearningAchievementSpecification and awarded by its provider, so that elm_claims maps a specification the
-- one way it maps a credential's. What only an opportunity has (its identifier, period, grants, kind of
-- credential, the specification's language, education level and entitlements) goes to `elm_opportunity_fields`, by the same claim number.
-- `elm_catalogue_files` holds each file's read path.
-- reads: elm_catalogue_files
-- writes: elm_docs, elm_opportunity_fields

CREATE OR REPLACE TEMP TABLE elm_opportunity_nodes AS
WITH documents AS (
    SELECT f.file, json_extract(content::JSON, '$."@graph"[*]') AS nodes
    FROM read_text(getvariable('elm_catalogue_paths')) t JOIN elm_catalogue_files f ON f.read_path = t.filename
)
-- The credential steps read JSON-LD as credentials are written: compacted with the W3C credentials context,
-- whose aliases `id` and `type` stand for the keywords `@id` and `@type`.
SELECT file, regexp_replace(node::VARCHAR, '"@(id|type)":', '"\1":', 'g')::JSON AS node, line
FROM (SELECT file, unnest(nodes) AS node, generate_subscripts(nodes, 1) AS line FROM documents);

CREATE OR REPLACE TEMP TABLE elm_docs AS
SELECT
    file,
    'bare' AS shape,
    NULL::VARCHAR AS found,
    NULL::VARCHAR AS token,
    json_object('credentialSubject', json_object('hasClaim', list(json_object(
        'type', 'LearningAchievement',
        'awardedBy', json_object('awardingBody', node -> '$.providedBy'),
        'specifiedBy', node -> '$.learningAchievementSpecification') ORDER BY line))) AS credential
FROM elm_opportunity_nodes
GROUP BY file;

CREATE OR REPLACE TEMP TABLE elm_opportunity_fields AS
SELECT
    file,
    line,
    node ->> '$.id' AS opportunity_id,
    coalesce(node ->> '$.identifier.notation', node ->> '$.identifier[0].notation') AS offer_id,
    node ->> '$.temporal.startDate' AS start_date,
    node ->> '$.temporal.endDate' AS end_date,
    node ->> '$.learningAchievementSpecification.language.id' AS language_id,
    node ->> '$.learningAchievementSpecification.educationLevel.id' AS education_level_id,
    CASE WHEN json_type(node -> '$.grant') = 'ARRAY' THEN json_extract_string(node, '$.grant[*].dcType.id')
         WHEN json_type(node -> '$.grant') = 'OBJECT' THEN [node ->> '$.grant.dcType.id'] ELSE [] END AS grant_ids,
    node ->> '$.dcType.id' AS kind_id,
    CASE json_type(node -> '$.learningAchievementSpecification.entitlesTo')
        WHEN 'ARRAY' THEN json_extract_string(node, '$.learningAchievementSpecification.entitlesTo[*].dcType.id')
        WHEN 'OBJECT' THEN [node ->> '$.learningAchievementSpecification.entitlesTo.dcType.id'] END AS entitlement_ids
FROM elm_opportunity_nodes;
