-- The loaded enrolment rows (award files and European Digital Credentials) that a later version
-- replaces: per key (learner_id, provider_id, offer_id, enrolled_on), every row but the one from the
-- file that sorts last (path in the landing zone, CSV and ELM alike), then the later line or claim.
-- Few rows: staging.awards, a view, marks them not current without storing all rows again.
-- Most keys have one row: only rows of a repeated key are ranked (a loaded row has every key field).
WITH repeated AS (
    SELECT learner_id, provider_id, offer_id, enrolled_on
    FROM staging.awards_loaded
    GROUP BY ALL
    HAVING count(*) > 1
)
SELECT source, file, line
FROM staging.awards_loaded
SEMI JOIN repeated USING (learner_id, provider_id, offer_id, enrolled_on)
QUALIFY row_number() OVER (
    PARTITION BY learner_id, provider_id, offer_id, enrolled_on ORDER BY file DESC, line DESC
) > 1
