-- European Digital Credentials (ELM v3 / EDC JSON-LD) -> one row per top-level claim, the contract's
-- awards/elm v2 mapping as text; typing and the row rules are in models/staging/elm_claims_validated.sql.
-- `elm_docs` has every JWT decoded; `elm_problems` gets one row per file that holds no usable credential,
-- `elm_claims` still holds the learner's raw national ID. Every path is the place in the credential a value was read from (`specifiedBy.creditPoint[0].point`),
-- relative to the claim for the claim's fields: a field issue names it.
-- reads: elm_docs
-- writes: elm_credentials, elm_problems, elm_claims

-- The text of a value that may be a language map (`{"nl": …, "en": ["…"]}`): the first string of `nl`,
-- else `en`, else of the language that sorts first; a plain string as it is; JSON-LD `@value` too.
-- One macro calling no other: DuckDB 2.0 cannot bind a macro that calls another inside a lambda.
CREATE OR REPLACE TEMP MACRO elm_text(j) AS
    CASE json_type(j)
        WHEN 'VARCHAR' THEN j ->> '$'
        WHEN 'ARRAY' THEN CASE WHEN json_type(j, '$[0]') = 'VARCHAR' THEN j ->> '$[0]' END
        WHEN 'OBJECT' THEN list_filter(list_transform(
            ['$."@value"', '$.nl', '$.en', '$."' || list_sort(json_keys(j))[1] || '"'],
            lambda p: CASE json_type(j, p)
                WHEN 'VARCHAR' THEN j ->> p
                WHEN 'ARRAY' THEN CASE WHEN json_type(j, p || '[0]') = 'VARCHAR' THEN j ->> (p || '[0]') END
            END), lambda t: t IS NOT NULL)[1]
    END;

-- ELM allows one object or a list of them in most places: the first, the list, and the path step.
CREATE OR REPLACE TEMP MACRO elm_first(j) AS CASE WHEN json_type(j) = 'ARRAY' THEN j -> '$[0]' ELSE j END;
CREATE OR REPLACE TEMP MACRO elm_list(j) AS
    CASE WHEN json_type(j) = 'ARRAY' THEN json_extract(j, '$[*]') WHEN json_type(j) <> 'NULL' THEN [j] ELSE [] END;
CREATE OR REPLACE TEMP MACRO elm_step(name, j) AS name || CASE WHEN json_type(j) = 'ARRAY' THEN '[0]' ELSE '' END;

-- A value present but not readable as text: its path and (shortened) JSON for the field issue.
CREATE OR REPLACE TEMP MACRO elm_unreadable(path, node, value) AS
    CASE WHEN node IS NOT NULL AND json_type(node) <> 'NULL' AND value IS NULL
         THEN {'field': path, 'raw_value': left(node::VARCHAR, 200)} END;

CREATE OR REPLACE TEMP TABLE elm_credentials AS
WITH parts AS (
    -- One parse of each (possibly large: logos are embedded) credential for all it is asked.
    SELECT file, shape, found, credential,
           json_extract(credential, ['$.credentialSubject', '$.type', '$.validFrom', '$.issuanceDate', '$.issued']) AS x
    FROM elm_docs
),
subjects AS (
    -- A verifiable credential may list its subjects: the first is the learner.
    SELECT *, elm_first(x[1]) AS subject, elm_step('credentialSubject', x[1]) AS subject_path FROM parts
),
typed AS (
    SELECT *,
           elm_list(z[1]) AS claims,
           z[2] AS national_ids,
           CASE json_type(x[2]) WHEN 'ARRAY' THEN json_extract_string(x[2], '$[*]')
                                WHEN 'VARCHAR' THEN [x[2] ->> '$'] ELSE [] END AS types,
           elm_list(z[3]) AS identifiers,
           -- An identifier of Belgium: by its country, or by a scheme name of the national register.
           list_position(list_transform(identifiers, lambda i:
               coalesce(ends_with(coalesce(i ->> '$.spatial.id', i ->> '$.spatial[0].id'), '/BEL'), false)
               OR coalesce(regexp_matches(elm_text(i -> '$.schemeName'),
                                          '(?i)insz|niss|rijksregister|registre national|national regist|belg'), false)),
               true) AS belgian_at
    FROM (SELECT *, json_extract(subject, ['$.hasClaim', '$.nationalID', '$.identifier']) AS z FROM subjects)
),
chosen AS (
    SELECT *, coalesce(belgian_at, CASE WHEN len(identifiers) > 0 THEN 1 END) AS identifier_at FROM typed
)
SELECT
    file, shape, claims,
    CASE
        WHEN shape IS NULL THEN 'unknown_shape'
        WHEN credential IS NULL THEN 'jwt_unreadable'
        WHEN json_type(subject) IS DISTINCT FROM 'OBJECT' THEN 'no_subject'
        WHEN len(list_filter(types, lambda t: t ILIKE '%accreditation%')) > 0
             OR (list_contains(types, 'VerifiableAttestation') AND len(claims) = 0) THEN 'not_learning'
        WHEN len(claims) = 0 THEN 'no_claim'
    END AS problem,
    found,
    -- The learner: nationalID, else the first identifier of a Belgian scheme (by its country or its name),
    -- else the first identifier (not Belgian: not_flemish_id).
    coalesce(elm_first(national_ids), identifiers[identifier_at]) ->> '$.notation' AS national_id,
    CASE WHEN national_ids IS NOT NULL OR belgian_at IS NULL
         THEN regexp_extract(json_extract_string(coalesce(elm_first(national_ids), identifiers[identifier_at]),
                                                 ['$.spatial.id', '$.spatial[0].id']).list_filter(lambda c: c IS NOT NULL)[1],
                             '/([A-Z]{3})$', 1)
         ELSE 'BEL' END AS national_id_country,
    CASE WHEN national_ids IS NOT NULL THEN subject_path || '.' || elm_step('nationalID', national_ids) || '.notation'
         WHEN identifier_at IS NOT NULL THEN subject_path || '.identifier[' || (identifier_at - 1) || '].notation'
    END AS national_id_path,
    [{'path': 'validFrom', 'value': x[3] ->> '$'}, {'path': 'issuanceDate', 'value': x[4] ->> '$'},
     {'path': 'issued', 'value': x[5] ->> '$'}] AS credential_dates
FROM chosen;

CREATE OR REPLACE TEMP TABLE elm_problems AS
SELECT file, problem, found FROM elm_credentials WHERE problem IS NOT NULL;

CREATE OR REPLACE TEMP TABLE elm_claims AS
WITH claims AS (
    SELECT file, national_id, national_id_country, national_id_path, credential_dates,
           unnest(claims) AS claim,
           generate_subscripts(claims, 1) AS line
    FROM elm_credentials WHERE problem IS NULL
),
claim_parts AS (
    SELECT *,
           json_extract(claim, ['$.type', '$.awardedBy', '$.specifiedBy', '$.provenBy', '$.hasPart']) AS y
    FROM claims
),
nodes AS (
    SELECT
        file, line, national_id, national_id_country, national_id_path, credential_dates,
        CASE json_type(y[1]) WHEN 'ARRAY' THEN json_extract_string(y[1], '$[*]')
                             WHEN 'VARCHAR' THEN [y[1] ->> '$'] ELSE [] END AS claim_types,
        elm_list(awarding -> '$.awardingBody') AS bodies,
        elm_step('awardedBy', y[2]) || '.' || elm_step('awardingBody', awarding -> '$.awardingBody') AS body_path,
        awarding ->> '$.awardingDate' AS awarding_date,
        elm_step('awardedBy', y[2]) || '.awardingDate' AS awarding_date_path,
        elm_first(y[3]) AS spec,
        elm_step('specifiedBy', y[3]) AS spec_path,
        elm_first(y[4]) AS proof,
        elm_step('provenBy', y[4]) AS proof_path,
        y[3] IS NOT NULL AND json_type(y[3]) <> 'NULL' AS has_specification,
        elm_list(y[5]) AS sub_achievements
    FROM (SELECT *, elm_first(y[2]) AS awarding FROM claim_parts)
),
fields AS (
    SELECT
        n.*,
        json_extract(bodies[1], ['$.registration', '$.legalIdentifier', '$.legalName', '$.location', '$.accreditation']) AS b,
        json_extract(spec, ['$.id', '$.title', '$.creditPoint', '$.volumeOfLearning', '$.eqfLevel', '$.learningOutcome',
                            '$.relatedESCOSkill', '$.mode', '$.provenBy', '$.accreditation', '$.thematicArea', '$.hasPart']) AS s,
        json_extract(proof, ['$.dateIssued', '$.grade', '$.specifiedBy']) AS p
    FROM nodes n
),
readings AS (
    SELECT
        f.*,
        elm_first(coalesce(b[1], b[2])) AS registration,
        body_path || '.' || CASE WHEN b[1] IS NULL AND b[2] IS NOT NULL THEN elm_step('legalIdentifier', b[2])
                                 ELSE elm_step('registration', b[1]) END || '.notation' AS provider_id_path,
        elm_first(elm_first(elm_first(b[4]) -> '$.address') -> '$.countryCode') AS country,
        body_path || '.' || elm_step('location', b[4]) || '.' || elm_step('address', elm_first(b[4]) -> '$.address')
            || '.countryCode.id' AS country_path,
        elm_first(s[3]) AS credit,
        spec_path || '.' || elm_step('creditPoint', s[3]) AS credit_path,
        elm_first(s[5]) AS eqf,
        elm_first(s[8]) AS mode_node,
        spec_path || '.' || elm_step('mode', s[8]) AS mode_path,
        -- An assessment specification, on the proof or on the specification.
        coalesce(elm_first(p[3]), elm_first(s[9])) AS assessment,
        CASE WHEN p[3] IS NOT NULL THEN proof_path || '.' || elm_step('specifiedBy', p[3])
             ELSE spec_path || '.' || elm_step('provenBy', s[9]) END AS assessment_path,
        coalesce(elm_first(s[10]), elm_first(b[5])) AS accreditation,
        CASE WHEN s[10] IS NOT NULL THEN spec_path || '.' || elm_step('accreditation', s[10])
             ELSE body_path || '.' || elm_step('accreditation', b[5]) END AS accreditation_path,
        elm_first(s[11]) AS thematic,
        spec_path || '.' || elm_step('thematicArea', s[11]) AS thematic_path,
        elm_first(p[2]) -> '$.noteLiteral' AS grade_node,
        proof_path || '.' || elm_step('grade', p[2]) || '.noteLiteral' AS grade_path,
        -- Outcomes of the specification, then of the specifications of its parts (its own hasPart and the
        -- claim's sub-achievements), each with its path.
        list_transform(elm_list(s[6]), lambda o, i: {'node': o, 'path': spec_path || '.learningOutcome[' || (i - 1) || ']'})
        || flatten(list_transform(elm_list(s[12]), lambda part, k: list_transform(elm_list(part -> '$.learningOutcome'),
               lambda o, i: {'node': o, 'path': spec_path || '.hasPart[' || (k - 1) || '].learningOutcome[' || (i - 1) || ']'})))
        || flatten(list_transform(sub_achievements, lambda part, k: list_transform(
               elm_list(elm_first(part -> '$.specifiedBy') -> '$.learningOutcome'),
               lambda o, i: {'node': o, 'path': 'hasPart[' || (k - 1) || '].specifiedBy.learningOutcome[' || (i - 1) || ']'})))
        AS outcomes
    FROM fields f
)
SELECT
    file,
    line,
    list_contains(claim_types, 'LearningAchievement') AS is_achievement,
    claim_types[1] AS claim_type,
    national_id,
    national_id_country,
    national_id_path,
    registration ->> '$.notation' AS provider_id,
    provider_id_path,
    list_transform(bodies[2:], lambda o: coalesce(elm_first(o -> '$.registration'), elm_first(o -> '$.legalIdentifier'))
                                         ->> '$.notation') AS partner_ids,
    elm_text(b[3]) AS provider_name,
    country ->> '$.id' AS issuer_country,
    country_path,
    has_specification,
    spec_path AS specification_path,
    s[1] ->> '$' AS specification_id,
    elm_text(s[2]) AS title,
    elm_text(elm_first(credit -> '$.framework') -> '$.prefLabel') AS credit_framework,
    elm_first(credit -> '$.framework') ->> '$.id' AS credit_framework_id,
    credit ->> '$.point' AS credit_points,
    credit_path || '.point' AS credit_points_path,
    s[4] ->> '$' AS volume_of_learning,
    eqf ->> '$.id' AS eqf_level,
    list_transform(outcomes, lambda o: elm_text(o.node -> '$.title')) AS learning_outcomes,
    flatten(list_transform(
        [spec] || list_transform(outcomes, lambda o: o.node),
        lambda x: list_transform(elm_list(x -> '$.relatedESCOSkill'), lambda k:
            CASE json_type(k) WHEN 'VARCHAR' THEN k ->> '$' ELSE coalesce(k ->> '$.id', left(k::VARCHAR, 200)) END)
    )) AS esco_skills,
    mode_node ->> '$.id' AS mode_id,
    coalesce(elm_text(mode_node -> '$.prefLabel'), elm_text(mode_node)) AS mode_label,
    mode_path,
    assessment IS NOT NULL AND json_type(assessment) <> 'NULL' AS has_assessment,
    [elm_first(assessment -> '$.dcType') ->> '$.id', elm_first(assessment -> '$.mode') ->> '$.id'] AS assessment_ids,
    [elm_text(elm_first(assessment -> '$.dcType') -> '$.prefLabel'),
     elm_text(elm_first(assessment -> '$.mode') -> '$.prefLabel')] AS assessment_labels,
    coalesce(elm_text(accreditation -> '$.title'),
             elm_text(elm_first(accreditation -> '$.dcType') -> '$.prefLabel')) AS quality_assurance,
    thematic ->> '$.id' AS thematic_area,
    thematic_path || '.id' AS thematic_area_path,
    -- The award date: the first present of the claim's, the assessment's and the credential's dates.
    list_filter(
        [{'path': awarding_date_path, 'value': awarding_date}, {'path': proof_path || '.dateIssued', 'value': p[1] ->> '$'}]
        || credential_dates,
        lambda d: nullif(trim(d.value), '') IS NOT NULL)[1] AS award_date,
    elm_text(grade_node) AS grade,
    list_filter([
        elm_unreadable(spec_path || '.title', s[2], elm_text(s[2])),
        elm_unreadable(body_path || '.legalName', b[3], elm_text(b[3])),
        elm_unreadable(mode_path, mode_node, coalesce(mode_node ->> '$.id', elm_text(mode_node -> '$.prefLabel'), elm_text(mode_node))),
        elm_unreadable(accreditation_path, accreditation,
                       coalesce(elm_text(accreditation -> '$.title'), elm_text(elm_first(accreditation -> '$.dcType') -> '$.prefLabel'))),
        elm_unreadable(grade_path, grade_node, elm_text(grade_node)),
        list_filter(list_transform(outcomes, lambda o: elm_unreadable(o.path || '.title', o.node -> '$.title', elm_text(o.node -> '$.title'))),
                    lambda u: u IS NOT NULL)[1]
    ], lambda u: u IS NOT NULL) AS unreadable
FROM readings;
