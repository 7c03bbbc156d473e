-- Loaded offer versions from the provider catalogues. Key (provider_id, offer_id): the version with
-- the latest modified_at is current (no valid modified_at sorts oldest; ties: the file that sorts
-- last, then the later line). Older versions stay as history. fields_with_issues names the landing
-- columns whose value was invalid (and is NULL here).
SELECT
    * EXCLUDE (row_status, reason, reason_field, field_issues),
    list_transform(field_issues, lambda i: i.field) AS fields_with_issues,
    row_number() OVER (
        PARTITION BY provider_id, offer_id
        ORDER BY modified_at DESC NULLS LAST, file DESC, line DESC
    ) = 1 AS is_current
FROM staging.offers_validated
WHERE row_status = 'loaded'
