-- Loaded enrolments from the award files and the European Digital Credentials together.
-- Key (learner_id, provider_id, offer_id, enrolled_on): the file that sorts last (path in the landing
-- zone, CSV and ELM alike), then the later line or claim, wins (is_current). Superseded rows stay as
-- history; only current rows feed the indicators. An ELM award is an enrolment on its issue date with
-- residence, education level and labour status unknown.
WITH rows AS NOT MATERIALIZED (
    SELECT
        'awards' AS source, file, line, learner_id, birth_year, sex, provider_id, offer_id, enrolled_on,
        status, awarded_on, residence_nis, province, arrondissement, education_level, labour_status, grade
    FROM staging.awards_validated
    WHERE row_status = 'loaded'
    UNION ALL
    SELECT
        'elm', file, line, learner_id, birth_year, sex, provider_id, offer_id, awarded_on,
        'BEHAALD', awarded_on, NULL, 'ONBEKEND', NULL, NULL, NULL, grade
    FROM staging.elm_claims_validated
    WHERE row_status = 'loaded'
),
-- Most keys have one row: only rows of a repeated key are ranked (a loaded row has every key field).
repeated AS (
    SELECT learner_id, provider_id, offer_id, enrolled_on
    FROM rows
    GROUP BY ALL
    HAVING count(*) > 1
),
superseded AS (
    SELECT source, file, line
    FROM rows
    SEMI JOIN repeated USING (learner_id, provider_id, offer_id, enrolled_on)
    QUALIFY row_number() OVER (
        PARTITION BY learner_id, provider_id, offer_id, enrolled_on ORDER BY file DESC, line DESC
    ) > 1
)
SELECT r.*, s.line IS NULL AS is_current
FROM rows r
LEFT JOIN superseded s USING (source, file, line)
