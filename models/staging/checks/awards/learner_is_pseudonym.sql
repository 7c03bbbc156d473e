-- Elke lerende is een pseudoniem (HMAC-SHA256: 32 bytes, getoond als 64 hexadecimale tekens), ook in de
-- rijen uit Europese digitale credentials; nooit leeg.
-- severity: ERROR
SELECT octet_length(learner_id) = 32 AS ok, file || ', regel ' || line AS example
FROM staging.awards
