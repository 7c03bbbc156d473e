-- Elke lerende is een pseudoniem (HMAC-SHA256, 64 hexadecimale tekens), ook in de rijen uit Europese
-- digitale credentials; nooit leeg.
-- severity: ERROR
SELECT regexp_full_match(learner_id, '[0-9a-f]{64}') AS ok, file || ', regel ' || line AS example
FROM staging.awards
