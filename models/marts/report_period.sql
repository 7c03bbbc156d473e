-- The period the indicators cover: the first year, the report year Y* and the last date with an
-- enrolment or award. When that date falls before 31 December of the report year, the report year is
-- not complete and dashboards and reports say "gegevens t.e.m. <data_through>".
WITH enrolment_dates AS (
    SELECT enrolled_on AS day FROM staging.awards WHERE is_current
    UNION ALL
    SELECT awarded_on FROM staging.awards WHERE is_current
)
SELECT
    min(y.year) AS first_year,
    max(y.report_year) AS report_year,
    least((SELECT max(day) FROM enrolment_dates), make_date(max(y.report_year), 12, 31)) AS data_through,
    coalesce((SELECT max(day) FROM enrolment_dates) >= make_date(max(y.report_year), 12, 31), false) AS is_complete
FROM intermediate.report_years y
