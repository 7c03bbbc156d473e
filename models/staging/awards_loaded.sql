-- Loaded enrolments from the award files and the European Digital Credentials together, every version
-- of a key: staging.awards applies the version rule. An ELM award is an enrolment on its issue date
-- with residence, education level and labour status unknown.
-- materialized: view
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
