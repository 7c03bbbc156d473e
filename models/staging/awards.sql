-- Loaded enrolments from the award files and the European Digital Credentials together.
-- Key (learner_id, provider_id, offer_id, enrolled_on): the file that sorts last (path in the landing
-- zone, CSV and ELM alike), then the later line or claim, wins (is_current). Superseded rows stay as
-- history (staging.awards_superseded); only current rows feed the indicators. An ELM award is an
-- enrolment on its issue date with residence, education level and labour status unknown.
-- A view: writing all its rows costs more than its readers spend scanning it (BENCHMARKS.md, decisions).
-- materialized: view
SELECT l.*, s.line IS NULL AS is_current
FROM staging.awards_loaded l
LEFT JOIN staging.awards_superseded s USING (source, file, line)
