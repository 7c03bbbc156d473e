-- Participation indicators (section C; Vlor advice 2, 5.1, 5.2, 5.3) per year and breakdown, built from
-- the current enrolment rows, before small-cell suppression (internal only; marts.indicator_values
-- publishes them suppressed). Row counts place each row by its own values; learner counts use the
-- learner's latest award row in the year.
WITH years AS (
    SELECT year FROM intermediate.report_years
),
-- Enrolments placed by their enrolment year, awards by their award year; each row by its own values.
events AS (
    SELECT 'enrolment' AS event, enrolled_year AS year, age_band(enrolled_year - birth_year) AS age_band,
           provider_type, isced_broad, province, sex, status, purpose, coalesce(provider_id, 'ONBEKEND') AS provider_id
    FROM intermediate.enrolments
    UNION ALL
    SELECT 'award', awarded_year, age_band(awarded_year - birth_year),
           provider_type, isced_broad, province, sex, status, purpose, coalesce(provider_id, 'ONBEKEND') AS provider_id
    FROM intermediate.enrolments
    WHERE status = 'BEHAALD'
),
event_counts AS (
    SELECT
        event,
        year,
        CASE WHEN GROUPING(provider_type) = 0 THEN 'provider_type'
             WHEN GROUPING(isced_broad) = 0 THEN 'isced_broad'
             WHEN GROUPING(province) = 0 THEN 'province'
             WHEN GROUPING(sex) = 0 THEN 'sex'
             WHEN GROUPING(age_band) = 0 THEN 'age_band'
             WHEN GROUPING(provider_id) = 0 THEN 'provider'
             ELSE 'total' END AS dimension,
        coalesce(provider_type, isced_broad, province, sex, age_band, provider_id, 'total') AS dimension_value,
        count(*) AS events,
        count(*) FILTER (status = 'BEHAALD') AS completed,
        count(*) FILTER (status IN ('BEHAALD', 'GESTOPT', 'NIET_GESLAAGD')) AS finished,
        count(*) FILTER (purpose IN ('PERSOONLIJK', 'BEIDE')) AS lifewide,
        count(*) FILTER (purpose IS NOT NULL) AS known_purpose
    FROM events
    WHERE year IN (SELECT year FROM years)
    GROUP BY GROUPING SETS (
        (event, year), (event, year, provider_type), (event, year, isced_broad), (event, year, province),
        (event, year, sex), (event, year, age_band), (event, year, provider_id)
    )
),
-- The two-way breakdowns of the awards (section F), each award placed by its own values as in the one-way ones:
-- dimension `<first>×<second>`, value `<first value>|<second value>`.
award_crossings AS (
    SELECT year, two_way_dimension(GROUPING(province), GROUPING(age_band), GROUPING(sex)) AS dimension,
           concat_ws('|', province, age_band, sex) AS dimension_value, count(*) AS awards
    FROM events
    WHERE event = 'award' AND year IN (SELECT year FROM years)
    GROUP BY GROUPING SETS ((year, province, age_band), (year, province, sex), (year, age_band, sex))
),
learner_counts AS (
    SELECT
        year,
        CASE WHEN GROUPING(province) = 0 THEN 'province'
             WHEN GROUPING(sex) = 0 THEN 'sex'
             WHEN GROUPING(age_band) = 0 THEN 'age_band'
             WHEN GROUPING(education_level) = 0 THEN 'education_level'
             WHEN GROUPING(labour_status) = 0 THEN 'labour_status'
             ELSE 'total' END AS dimension,
        coalesce(province, sex, age_band, education_level, labour_status, 'total') AS dimension_value,
        count(*) AS learners
    FROM intermediate.learner_years
    WHERE year IN (SELECT year FROM years)
    GROUP BY GROUPING SETS ((year), (year, province), (year, sex), (year, age_band), (year, education_level), (year, labour_status))
),
-- The two-way breakdowns of the learners (section F), with the same attributes as the one-way ones (the latest
-- award row of the year), so that each row and column of a two-way table sums to a published one-way cell.
learner_crossings AS (
    SELECT year, two_way_dimension(GROUPING(province), GROUPING(age_band), GROUPING(sex)) AS dimension,
           concat_ws('|', province, age_band, sex) AS dimension_value, count(*) AS learners
    FROM intermediate.learner_years
    WHERE year IN (SELECT year FROM years)
    GROUP BY GROUPING SETS ((year, province, age_band), (year, province, sex), (year, age_band, sex))
),
-- The learner shares are sums of learner counts (ref.share_cells): the same declaration the linked
-- suppression rule and the disclosure audit read, so a share can never count other learners than its cells.
learner_shares AS (
    SELECT l.year, s.indicator_id,
           coalesce(sum(l.learners) FILTER (WHERE s.measure = 'numerator'), 0) AS numerator,
           sum(l.learners) FILTER (WHERE s.measure = 'denominator') AS denominator
    FROM ref.share_cells s
    JOIN learner_counts l USING (dimension, dimension_value)
    WHERE s.cell_indicator_id = 'learners'
    GROUP BY ALL
),
learners_25_64 AS (
    SELECT year, province, count(*) AS learners
    FROM intermediate.learner_years
    WHERE age BETWEEN 25 AND 64
    GROUP BY year, province
),
provincial_rates AS (
    -- Every province with a population gets a row, also without learners (value 0).
    SELECT p.year, p.province_nis, coalesce(l.learners, 0) AS learners, p.population
    FROM intermediate.population_25_64 p
    LEFT JOIN learners_25_64 l ON l.year = p.year AND l.province = p.province_nis
),
rates AS (
    SELECT year, 'province' AS dimension, province_nis AS dimension_value, learners, population FROM provincial_rates
    UNION ALL
    SELECT year, 'total', 'total', sum(learners), sum(population) FROM provincial_rates GROUP BY year
),
award_milestones AS MATERIALIZED (
    -- Per learner: the year of its first award, of its second, and of its first award from a second
    -- provider. By 31 December of Y a learner has one award, two (stacking) or two providers from
    -- those years on.
    SELECT
        learner_id,
        min(first_year) AS first_award,
        list_sort(flatten(list(first_two)))[2] AS second_award,
        list_sort(list(first_year) FILTER (provider_id IS NOT NULL))[2] AS second_provider
    FROM (
        SELECT learner_id, provider_id, min(awarded_year) AS first_year, min(awarded_year, 2) AS first_two
        FROM intermediate.enrolments
        WHERE status = 'BEHAALD' AND awarded_year IS NOT NULL
        GROUP BY learner_id, provider_id
    )
    GROUP BY learner_id
),
cumulative_counts AS (
    SELECT y.year, count(*) AS learners, count(*) FILTER (m.second_award <= y.year) AS stacking,
           count(*) FILTER (m.second_provider <= y.year) AS multi_provider
    FROM years y
    JOIN award_milestones m ON m.first_award <= y.year
    GROUP BY y.year
),
measures AS (
    SELECT year, dimension, dimension_value, unnest([
        {'indicator_id': 'enrolments', 'unit': 'count', 'numerator': events, 'denominator': NULL},
        CASE WHEN dimension IN ('total', 'provider_type') THEN
            {'indicator_id': 'completion_rate', 'unit': 'percent', 'numerator': completed, 'denominator': finished} END
    ]) AS m
    FROM event_counts
    -- Per provider only the awards (the provider scorecards): its enrolments are not published.
    WHERE event = 'enrolment' AND dimension <> 'provider'
    UNION ALL
    SELECT year, dimension, dimension_value, unnest([
        {'indicator_id': 'awards', 'unit': 'count', 'numerator': events, 'denominator': NULL},
        CASE WHEN dimension IN ('total', 'provider_type') THEN
            {'indicator_id': 'award_share_lifewide', 'unit': 'percent', 'numerator': lifewide, 'denominator': known_purpose} END
    ])
    FROM event_counts
    WHERE event = 'award'
    UNION ALL
    SELECT year, dimension, dimension_value,
           {'indicator_id': 'learners', 'unit': 'count', 'numerator': learners, 'denominator': NULL}
    FROM learner_counts
    UNION ALL
    SELECT year, dimension, dimension_value,
           {'indicator_id': 'learners', 'unit': 'count', 'numerator': learners, 'denominator': NULL}
    FROM learner_crossings
    UNION ALL
    SELECT year, dimension, dimension_value,
           {'indicator_id': 'awards', 'unit': 'count', 'numerator': awards, 'denominator': NULL}
    FROM award_crossings
    UNION ALL
    SELECT year, 'total', 'total',
           {'indicator_id': indicator_id, 'unit': 'percent', 'numerator': numerator, 'denominator': denominator}
    FROM learner_shares
    UNION ALL
    SELECT year, dimension, dimension_value,
           {'indicator_id': 'learners_per_1000', 'unit': 'per_1000', 'numerator': learners, 'denominator': population}
    FROM rates
    UNION ALL
    SELECT year, 'total', 'total', unnest([
        {'indicator_id': 'learner_share_stacking', 'unit': 'percent', 'numerator': stacking, 'denominator': learners},
        {'indicator_id': 'learner_share_multi_provider', 'unit': 'percent', 'numerator': multi_provider, 'denominator': learners}
    ])
    FROM cumulative_counts
)
SELECT
    m.indicator_id,
    year,
    dimension,
    dimension_value,
    m.numerator::DOUBLE AS numerator,
    m.denominator::DOUBLE AS denominator,
    m.unit
FROM measures
WHERE m IS NOT NULL AND is_emitted(m.unit, m.numerator, m.denominator)
