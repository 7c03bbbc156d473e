-- The catalogue feed for the leer- en loopbaanrekening and Europass (issue 17, item 5): every current offer of
-- marts.offers as an ELM v3 LearningOpportunity (the LOQ application profile, data/reference/elm/) holding its
-- LearningAchievementSpecification, one JSON-LD node per offer; pipelines/elm_feed.py adds the homepage and writes
-- the @graph. Codes become EU concepts where the EU has a vocabulary (mode of learning, language, EQF level,
-- ISCED-F field, ECTS, country, currency; ref.elm_concepts, the table the credential reader maps back with), else
-- a urn:mcmon: concept with the Dutch label of ref.codes. The incentive flags are those of marts.offers (the
-- offer's ODB record as offer_share_incentive reads it) and are ELM Grants, one per incentive.
-- Where ELM requires a value the offer lacks (a title, the provider's name) the node says so in Dutch, naming
-- the offer or KBO number; nothing is left out, so the feed holds exactly the offers of marts.offers.
-- The kind of credential (contract v2, `soort`) is the opportunity's `dcType`, its recognition (`erkenning`) the
-- specification's `entitlesTo` (one LearningEntitlementSpecification per value), each a urn:mcmon: concept with
-- its ref.codes label: the EU lists have no such kinds.
WITH concepts AS (
    -- One EU concept id per code (the 10-character EU vocabulary id, not a label the reader also accepts).
    SELECT list, code, min(concept) AS concept
    FROM ref.elm_concepts
    WHERE list = 'language' OR regexp_full_match(concept, '[0-9a-f]{10}')
    GROUP BY list, code
),
labels AS (
    SELECT list, code, label_nl FROM ref.codes
),
recognition_labels AS (
    SELECT map_from_entries(list({'key': code, 'value': label_nl})) AS labels FROM ref.codes WHERE list = 'recognition'
),
incentives AS (
    SELECT
        o.provider_id,
        o.offer_id,
        list(struct_pack(code := i.code, label := i.label_nl, odb_id := o.odb_id) ORDER BY i.sort_order) AS grants
    FROM marts.offers o
    JOIN (SELECT code, label_nl, sort_order FROM ref.codes WHERE list = 'incentive') i
      ON (i.code = 'VOV' AND o.incentive_vov) OR (i.code = 'OPLEIDINGSCHEQUES' AND o.incentive_vouchers)
      OR (i.code = 'OPLEIDINGSKREDIET' AND o.incentive_credit)
    GROUP BY o.provider_id, o.offer_id
),
offers AS (
    SELECT
        o.*,
        'urn:mcmon:aanbod:' || o.provider_id || ':' || url_encode(o.offer_id) AS lo_id,
        coalesce(o.title, 'Aanbod ' || o.offer_id || ' (titel niet aangeleverd)') AS shown_title,
        coalesce(i.grants, []) AS grants,
        lang.concept AS language_concept,
        mode.concept AS mode_concept,
        mode_label.label_nl AS mode_label,
        unit_label.label_nl AS volume_unit_label,
        assessment_label.label_nl AS assessment_label,
        kind_label.label_nl AS kind_label,
        list_transform(o.recognition, lambda r: struct_pack(code := r, label := map_extract_value(r_labels.labels, r)))
            AS recognitions,
        coalesce(o.volume_value > 0 AND o.volume_unit IS NOT NULL, false) AS has_volume,
        round(o.volume_value * 3600)::BIGINT AS volume_seconds
    FROM marts.offers o
    LEFT JOIN incentives i USING (provider_id, offer_id)
    LEFT JOIN concepts lang ON lang.list = 'language' AND lang.code = o.language
    LEFT JOIN concepts mode ON mode.list = 'participation_form' AND mode.code = o.participation_form
    LEFT JOIN labels mode_label ON mode_label.list = 'participation_form' AND mode_label.code = o.participation_form
    LEFT JOIN labels unit_label ON unit_label.list = 'volume_unit' AND unit_label.code = o.volume_unit
    LEFT JOIN labels assessment_label ON assessment_label.list = 'assessment_type' AND assessment_label.code = o.assessment_type
    LEFT JOIN labels kind_label ON kind_label.list = 'credential_kind' AND kind_label.code = o.credential_kind
    CROSS JOIN recognition_labels r_labels
),
nodes AS (
    SELECT
        *,
        CASE WHEN mode_concept IS NOT NULL THEN json_object(
            '@id', 'http://data.europa.eu/snb/learning-assessment/' || mode_concept, '@type', 'Concept',
            'prefLabel', json_object('nl', mode_label)) END AS mode_node,
        json_object('@id', 'http://publications.europa.eu/resource/authority/country/BEL', '@type', 'Concept') AS belgium
    FROM offers
)
SELECT
    provider_id,
    offer_id,
    len(grants) > 0 AS has_incentive,
    json_merge_patch('{}', json_object(
        '@id', lo_id,
        '@type', 'LearningOpportunity',
        'identifier', json_object('@type', 'Identifier', 'notation', offer_id, 'schemeName', 'mc_id'),
        'title', json_object('nl', shown_title),
        'elm:defaultLanguage', json_object(
            '@id', 'http://publications.europa.eu/resource/authority/language/NLD', '@type', 'Concept'),
        'providedBy', json_object(
            '@type', 'Organisation',
            'legalName', json_object('nl', coalesce(provider_name, 'Onderneming ' || provider_id || ' (naam niet aangeleverd)')),
            'registration', json_object(
                '@type', 'LegalIdentifier', 'notation', provider_id, 'schemeName', 'KBO', 'spatial', belgium),
            'location', json_object(
                '@type', 'Location', 'address', json_object('@type', 'Address', 'countryCode', belgium))),
        'temporal', json_object(
            '@type', 'PeriodOfTime',
            'startDate', strftime(valid_from, '%Y-%m-%dT00:00:00'),
            'endDate', strftime(valid_to, '%Y-%m-%dT00:00:00')),
        'mode', mode_node,
        'dcType', CASE WHEN credential_kind IS NOT NULL THEN json_object(
            '@id', 'urn:mcmon:soort:' || credential_kind, '@type', 'Concept', 'prefLabel', json_object('nl', kind_label)) END,
        'priceDetail', CASE WHEN price_eur IS NOT NULL THEN json_object(
            '@type', 'PriceDetail',
            'amount', json_object(
                '@type', 'Amount', 'rdf:value', json_object('@value', price_eur::DECIMAL(18, 2)::VARCHAR, '@type', 'xsd:decimal'),
                'unit', json_object('@id', 'http://publications.europa.eu/resource/authority/currency/EUR', '@type', 'Concept')))
        END,
        'grant', list_transform(grants, lambda g: json_object(
            '@type', 'Grant',
            'title', json_object('nl', g.label),
            'description', json_object('nl', 'Erkend in de Opleidingsdatabank, erkenningsnummer ' || g.odb_id || '.'),
            'dcType', json_object('@id', 'urn:mcmon:opleidingsincentive:' || g.code, '@type', 'Concept',
                                  'prefLabel', json_object('nl', g.label)))),
        'learningAchievementSpecification', json_object(
            '@id', lo_id || ':specificatie',
            '@type', 'LearningAchievementSpecification',
            'title', json_object('nl', shown_title),
            'language', CASE WHEN language_concept IS NOT NULL THEN json_object(
                '@id', 'http://publications.europa.eu/resource/authority/language/' || language_concept, '@type', 'Concept') END,
            'thematicArea', CASE WHEN isced_f IS NOT NULL THEN json_object(
                '@id', 'http://data.europa.eu/snb/isced-f/' || isced_f, '@type', 'Concept') END,
            'eqfLevel', CASE WHEN level_framework IN ('VKS', 'EQF') AND level BETWEEN 1 AND 8 THEN json_object(
                '@id', 'http://data.europa.eu/snb/eqf/' || level, '@type', 'Concept',
                'prefLabel', json_object('nl', 'EQF-niveau ' || level)) END,
            -- The VKS is referenced to the EQF level for level; that a level was given in the VKS, or explicitly
            -- not applicable (NVT), is an education level of the monitor's own.
            'educationLevel', CASE WHEN level_framework = 'VKS' AND level BETWEEN 1 AND 8 THEN json_object(
                    '@id', 'urn:mcmon:niveau:VKS-' || level, '@type', 'Concept', 'prefLabel', json_object('nl', 'VKS-niveau ' || level))
                WHEN level_framework = 'NVT' THEN json_object(
                    '@id', 'urn:mcmon:niveau:NVT', '@type', 'Concept', 'prefLabel', json_object('nl', 'Niveau niet van toepassing'))
            END,
            'creditPoint', CASE WHEN has_volume AND volume_unit = 'ECTS' THEN json_object(
                    '@type', 'CreditPoint', 'point', volume_value::VARCHAR,
                    'framework', json_object('@id', 'http://data.europa.eu/snb/education-credit/6fcec5c5af', '@type', 'Concept',
                                             'prefLabel', json_object('en', 'European Credit Transfer System')))
                WHEN has_volume AND volume_unit IN ('LESTIJD', 'ANDER') THEN json_object(
                    '@type', 'CreditPoint', 'point', volume_value::VARCHAR,
                    'framework', json_object('@id', 'urn:mcmon:omvangeenheid:' || volume_unit, '@type', 'Concept',
                                             'prefLabel', json_object('nl', volume_unit_label)))
            END,
            'volumeOfLearning', CASE WHEN has_volume AND volume_unit = 'UUR' THEN
                'PT' || volume_seconds // 3600 || 'H' || (volume_seconds % 3600) // 60 || 'M' || volume_seconds % 60 || 'S' END,
            'mode', mode_node,
            'provenBy', CASE WHEN assessment_type IS NOT NULL THEN json_object(
                '@type', 'LearningAssessmentSpecification',
                'title', json_object('nl', assessment_label),
                'dcType', json_object('@id', 'urn:mcmon:beoordelingstype:' || assessment_type, '@type', 'Concept',
                                      'prefLabel', json_object('nl', lower(assessment_type)))) END,
            'learningOutcome', list_transform(learning_outcomes, lambda o: json_object(
                '@type', 'LearningOutcome', 'title', json_object('nl', o))),
            'relatedESCOSkill', list_transform(esco_skills, lambda s: json_object('@id', s, '@type', 'Concept')),
            -- What the credential gives elsewhere, as the learner may expect it once achieved (GEEN included:
            -- "no recognition elsewhere" is known, unlike an empty field).
            'entitlesTo', list_transform(recognitions, lambda r: json_object(
                '@type', 'LearningEntitlementSpecification',
                'title', json_object('nl', r.label),
                'dcType', json_object('@id', 'urn:mcmon:erkenning:' || r.code, '@type', 'Concept',
                                      'prefLabel', json_object('nl', r.label)),
                'entitlementStatus', json_object('@id', 'urn:mcmon:erkenningsstatus:VERWACHT', '@type', 'Concept',
                                                 'prefLabel', json_object('nl', 'verwacht na het behalen'))))
        )
    )) AS node
FROM nodes
ORDER BY provider_id, offer_id
