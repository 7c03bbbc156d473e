-- The loaded enrolment rows (award files and European Digital Credentials) that a later version
-- replaces: per key (learner_id, provider_id, offer_id, enrolled_on), every row but the one from the
-- file that sorts last (path in the landing zone, CSV and ELM alike), then the later line or claim.
-- Few rows: staging.awards, a view, marks them not current without storing all rows again.
WITH rows AS NOT MATERIALIZED (
    SELECT 'awards' AS source, file, line, learner_id, provider_id, offer_id, enrolled_on
    FROM staging.awards_validated
    WHERE row_status = 'loaded'
    UNION ALL
    -- An ELM award is an enrolment on its issue date.
    SELECT 'elm', file, line, learner_id, provider_id, offer_id, awarded_on
    FROM staging.elm_claims_validated
    WHERE row_status = 'loaded'
),
-- Most keys have one row: only rows of a repeated key are ranked (a loaded row has every key field).
repeated AS (
    SELECT learner_id, provider_id, offer_id, enrolled_on
    FROM rows
    GROUP BY ALL
    HAVING count(*) > 1
)
SELECT source, file, line
FROM rows
SEMI JOIN repeated USING (learner_id, provider_id, offer_id, enrolled_on)
QUALIFY row_number() OVER (
    PARTITION BY learner_id, provider_id, offer_id, enrolled_on ORDER BY file DESC, line DESC
) > 1
