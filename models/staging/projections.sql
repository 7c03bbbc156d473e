-- Loaded projection rows. Within an edition the key is (isco_submajor, sector, scenario, year, kind):
-- the later line wins (is_current). The latest edition, the file name that sorts last, feeds the
-- indicators (is_latest_edition); older editions stay for comparison.
SELECT
    * EXCLUDE (row_status, reason, reason_field, field_issues),
    row_number() OVER (
        PARTITION BY edition, isco_submajor, sector, scenario, year, kind ORDER BY line DESC
    ) = 1 AS is_current,
    file = max(file) OVER () AS is_latest_edition
FROM staging.projections_validated
WHERE row_status = 'loaded'
