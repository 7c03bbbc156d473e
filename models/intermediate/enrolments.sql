-- Current enrolment rows (award files and credentials, after the key rule) with the breakdown values
-- the participation indicators place each row by: its own province, the learner's sex and birth year
-- (from the INSZ), and the provider type, ISCED broad field and purpose of its offer's current version.
-- A view: each reader scans it once, and writing its three million rows cost more than its join.
-- materialized: view
SELECT
    a.learner_id,
    a.provider_id,
    a.offer_id,
    a.enrolled_on,
    a.status,
    a.awarded_on,
    year(a.enrolled_on) AS enrolled_year,
    year(a.awarded_on) AS awarded_year,
    a.sex,
    a.birth_year,
    a.province,
    coalesce(a.education_level, 'ONBEKEND') AS education_level,
    coalesce(a.labour_status, 'ONBEKEND') AS labour_status,
    coalesce(o.provider_type, 'ONBEKEND') AS provider_type,
    coalesce(o.isced_broad, 'ONBEKEND') AS isced_broad,
    o.purpose,
    -- awards (an award file) or elm (a European Digital Credential): award_share_digital.
    a.source AS award_source
FROM staging.awards a
LEFT JOIN intermediate.current_offers o USING (provider_id, offer_id)
WHERE a.is_current
