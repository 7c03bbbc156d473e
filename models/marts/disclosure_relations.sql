-- Every linear relation between the numbers of the suppressed indicators that the definitions imply
-- (indicators.md, "Disclosure audit"): what an analyst could combine to narrow down a hidden cell.
-- One row per term of a relation: sum(coefficient x cell) = 0 (sense '=') or <= 0 (sense '<='), where a
-- cell is the numerator or denominator of one row of marts.indicator_values_unsuppressed and a row that
-- is not emitted counts as 0. The disclosure audit (pipelines/disclosure) reads these relations, and the
-- check disclosure_relations_hold proves each one on the unsuppressed values. Kinds:
--   breakdown_sum    the rows of a breakdown sum to the total (numerator, and denominator of a rate)
--   two_way_margin   the cells of a two-way breakdown sum to the one-way rows of each of its dimensions
--   share_of_cells   a share's numerator and denominator are sums of cells (ref.share_cells): the same
--                    declaration the participation model computes the shares from and the linked rule reads
--   rate_of_cells    a province's learners_per_1000 counts its learners aged 25-64: the numerator is the sum of
--                    the province's learners in the bands 25-34 ... 55-64 of province×age_band
--   same_number      one number published under two indicators
--   part_of_whole    a share's numerator is at most its denominator
--   bounded_by       a number is at most another indicator's number of the same year and breakdown value
--                    (learners <= awards, finished enrolments <= enrolments, ...)
--   cumulative       learners up to 31 December: never fewer than the year before, growing by at most the
--                    year's learners; awards up to a year never more than the completed enrolments up to it,
--                    and as many over all years
--   provider_in_type a provider's awards are part of its provider type's awards (the provider scorecards):
--                    the providers whose awards all fall under the type sum to at most the type's awards, which
--                    are at most the sum of the providers with any award under it (an equality when every
--                    provider has one type)
WITH cells AS (
    SELECT v.indicator_id, v.year, v.dimension, v.dimension_value, v.unit
    FROM marts.indicator_values_unsuppressed v
    LEFT JOIN ref.indicators c USING (indicator_id)
    WHERE coalesce(c.suppressed = 'true', true)
),
measures AS (
    SELECT cells.*, m.measure
    FROM cells, (VALUES ('numerator'), ('denominator')) m(measure)
    WHERE m.measure = 'numerator' OR cells.unit <> 'count'
),
breakdown_sum AS (
    SELECT 'breakdown_sum' AS relation_kind,
           concat_ws('|', 'breakdown_sum', b.indicator_id, b.year, b.dimension, b.measure) AS relation_id,
           '=' AS sense, t.indicator_id, t.year, t.dimension, t.dimension_value, t.measure,
           CASE WHEN t.dimension = 'total' THEN -1 ELSE 1 END AS coefficient
    FROM (
        SELECT DISTINCT indicator_id, year, dimension, measure FROM measures
        WHERE dimension <> 'total' AND dimension NOT LIKE '%×%'
          AND indicator_id IN (SELECT indicator_id FROM cells WHERE dimension = 'total')
    ) b
    JOIN measures t USING (indicator_id, year, measure)
    WHERE t.dimension IN (b.dimension, 'total')
),
two_way AS (
    SELECT *, split_part(dimension, '×', 1) AS row_dimension, split_part(dimension, '×', 2) AS column_dimension,
           split_part(dimension_value, '|', 1) AS row_value, split_part(dimension_value, '|', 2) AS column_value
    FROM measures
    WHERE dimension LIKE '%×%'
),
margins AS (
    SELECT indicator_id, year, measure, dimension, row_dimension AS margin_dimension, row_value AS margin_value,
           dimension_value
    FROM two_way
    UNION ALL
    SELECT indicator_id, year, measure, dimension, column_dimension, column_value, dimension_value
    FROM two_way
),
two_way_margin AS (
    SELECT 'two_way_margin' AS relation_kind,
           concat_ws('|', 'two_way_margin', indicator_id, year, dimension, margin_dimension, margin_value, measure),
           '=', indicator_id, year, dimension, dimension_value, measure, 1
    FROM margins
    UNION ALL
    SELECT DISTINCT 'two_way_margin',
           concat_ws('|', 'two_way_margin', indicator_id, year, dimension, margin_dimension, margin_value, measure),
           '=', indicator_id, year, margin_dimension, margin_value, measure, -1
    FROM margins
),
-- Only where the learners have the two-way breakdown at all (a cell that is not emitted is 0).
provincial_rates AS (
    SELECT year, dimension_value AS province
    FROM cells
    WHERE indicator_id = 'learners_per_1000' AND dimension = 'province'
      AND 'province×age_band' IN (SELECT dimension FROM cells WHERE indicator_id = 'learners')
),
rate_of_cells AS (
    SELECT 'rate_of_cells' AS relation_kind, concat_ws('|', 'rate_of_cells', year, province) AS relation_id,
           '=', 'learners_per_1000', year, 'province', province, 'numerator', -1
    FROM provincial_rates
    UNION ALL
    SELECT 'rate_of_cells', concat_ws('|', 'rate_of_cells', year, province),
           '=', 'learners', year, 'province×age_band', province || '|' || band, 'numerator', 1
    FROM provincial_rates, (VALUES ('25-34'), ('35-44'), ('45-54'), ('55-64')) b(band)
),
share_years AS (
    SELECT DISTINCT s.indicator_id, s.measure, c.year
    FROM ref.share_cells s
    JOIN cells c ON c.indicator_id IN (s.indicator_id, s.cell_indicator_id)
),
share_of_cells AS (
    SELECT 'share_of_cells' AS relation_kind, concat_ws('|', 'share_of_cells', indicator_id, year, measure),
           '=', indicator_id, year, 'total', 'total', measure, -1
    FROM share_years
    UNION ALL
    SELECT 'share_of_cells', concat_ws('|', 'share_of_cells', y.indicator_id, y.year, y.measure),
           '=', s.cell_indicator_id, y.year, s.dimension, s.dimension_value, 'numerator', 1
    FROM share_years y
    JOIN ref.share_cells s USING (indicator_id, measure)
),
-- x = y and x <= y between numbers of two indicators of the same year: by default the right number has the
-- left row's breakdown value; a declared right breakdown and values make it a sum of those cells. A relation
-- exists where the left row does and the right indicator has that breakdown at all (a right row that is not
-- emitted is 0).
pairs (relation_kind, left_indicator, left_measure, left_dimension, sense, right_indicator, right_measure,
       right_dimension, right_values) AS (
    VALUES
        ('same_number', 'gap_coverage', 'numerator', NULL, '=', 'gap_awards', 'numerator', NULL, NULL),
        ('same_number', 'gap_coverage_high', 'numerator', NULL, '=', 'gap_awards', 'numerator', NULL, NULL),
        ('same_number', 'learner_share_multi_provider', 'denominator', NULL, '=',
         'learner_share_stacking', 'denominator', NULL, NULL),
        ('bounded_by', 'completion_rate', 'denominator', NULL, '<=', 'enrolments', 'numerator', NULL, NULL),
        ('bounded_by', 'award_share_lifewide', 'denominator', NULL, '<=', 'awards', 'numerator', NULL, NULL),
        ('same_number', 'award_share_digital', 'denominator', NULL, '=', 'awards', 'numerator', NULL, NULL),
        ('bounded_by', 'learners', 'numerator', NULL, '<=', 'awards', 'numerator', NULL, NULL),
        ('bounded_by', 'learners_per_1000', 'numerator', NULL, '<=', 'learners', 'numerator', NULL, NULL),
        ('bounded_by', 'learners_per_1000', 'numerator', 'total', '<=', 'learners', 'numerator', 'age_band',
         ['25-34', '35-44', '45-54', '55-64']),
        ('bounded_by', 'learners', 'numerator', 'total', '<=', 'learner_share_stacking', 'denominator', NULL, NULL),
        ('bounded_by', 'learner_share_multi_provider', 'numerator', NULL, '<=',
         'learner_share_stacking', 'numerator', NULL, NULL),
        ('bounded_by', 'gap_awards', 'numerator', NULL, '<=', 'awards', 'numerator', 'total', ['total'])
),
paired AS (
    SELECT p.*, l.year, l.dimension, l.dimension_value,
           coalesce(p.right_dimension, l.dimension) AS right_on,
           concat_ws('|', p.relation_kind, p.left_indicator, p.left_measure, p.right_indicator, p.right_measure,
                     p.right_dimension, l.year, l.dimension, l.dimension_value) AS relation_id
    FROM pairs p
    JOIN measures l ON l.indicator_id = p.left_indicator AND l.measure = p.left_measure
    WHERE l.dimension = coalesce(p.left_dimension, l.dimension)
),
pair_terms AS (
    SELECT relation_kind, relation_id, sense, left_indicator, year, dimension, dimension_value, left_measure, 1
    FROM paired
    WHERE right_on IN (SELECT dimension FROM cells WHERE indicator_id = right_indicator)
    UNION ALL
    SELECT relation_kind, relation_id, sense, right_indicator, year, right_on, right_value, right_measure, -1
    FROM paired
    CROSS JOIN LATERAL (SELECT unnest(coalesce(paired.right_values, [paired.dimension_value])) AS right_value) r
    WHERE right_on IN (SELECT dimension FROM cells WHERE indicator_id = right_indicator)
),
part_of_whole AS (
    SELECT 'part_of_whole' AS relation_kind,
           concat_ws('|', 'part_of_whole', indicator_id, year, dimension, dimension_value) AS relation_id,
           '<=', indicator_id, year, dimension, dimension_value, measure,
           CASE measure WHEN 'numerator' THEN 1 ELSE -1 END
    FROM measures
    WHERE unit = 'percent'
),
-- Numbers that only grow from one year to the next (counted up to 31 December), and the learners up to a
-- year, which grow by at most that year's learners.
cumulative_pairs (indicator_id, measure) AS (
    VALUES ('learner_share_stacking', 'denominator'), ('learner_share_stacking', 'numerator'),
           ('learner_share_multi_provider', 'numerator')
),
growing AS (
    SELECT 'cumulative' AS relation_kind,
           concat_ws('|', 'cumulative_grows', m.indicator_id, m.measure, m.year) AS relation_id,
           '<=', m.indicator_id, y.year, 'total', 'total', m.measure, CASE WHEN y.year = m.year THEN -1 ELSE 1 END
    FROM measures m
    JOIN cumulative_pairs USING (indicator_id, measure)
    CROSS JOIN LATERAL (SELECT unnest([m.year - 1, m.year]) AS year) y
),
new_learners AS (
    SELECT 'cumulative' AS relation_kind,
           concat_ws('|', 'cumulative_new_learners', m.year) AS relation_id, '<=',
           t.indicator_id, t.year, 'total', 'total', t.measure, t.coefficient
    FROM measures m
    CROSS JOIN LATERAL (
        SELECT * FROM (VALUES
            ('learner_share_stacking', m.year, 'denominator', 1),
            ('learner_share_stacking', m.year - 1, 'denominator', -1),
            ('learners', m.year, 'numerator', -1)
        ) t(indicator_id, year, measure, coefficient)
    ) t
    WHERE m.indicator_id = 'learner_share_stacking' AND m.measure = 'denominator'
),
-- An award is a completed enrolment awarded no earlier than it was enrolled: the awards up to year Y of a
-- breakdown value never outnumber its completed enrolments (completion_rate's numerator) up to Y. Up to
-- the last year they are equal, unless MCMON_REPORT_YEAR cut off awards of later years.
awards_after_enrolment AS (
    SELECT 'cumulative' AS relation_kind,
           concat_ws('|', 'cumulative_awards', upto.year, c.dimension, c.dimension_value) AS relation_id,
           CASE WHEN upto.year = (SELECT max(year) FROM cells) AND (SELECT report_year FROM settings.parameters) IS NULL
                THEN '=' ELSE '<=' END,
           c.indicator_id, c.year, c.dimension, c.dimension_value, 'numerator',
           CASE c.indicator_id WHEN 'awards' THEN 1 ELSE -1 END
    FROM (SELECT DISTINCT year FROM cells) upto
    JOIN cells c ON c.year <= upto.year
    WHERE c.indicator_id IN ('awards', 'completion_rate')
      AND c.dimension IN (SELECT dimension FROM cells WHERE indicator_id = 'completion_rate')
),
-- Which providers' awards of a year fall under which provider types (intermediate.provider_award_types), for
-- the years with awards per provider and per provider type.
award_types AS (
    SELECT t.year, t.provider_id, t.provider_type, count(*) OVER (PARTITION BY t.year, t.provider_id) = 1 AS is_only_type
    FROM intermediate.provider_award_types t
    WHERE t.year IN (SELECT year FROM cells WHERE indicator_id = 'awards' AND dimension = 'provider')
      AND t.year IN (SELECT year FROM cells WHERE indicator_id = 'awards' AND dimension = 'provider_type')
),
provider_in_type AS (
    SELECT 'provider_in_type' AS relation_kind,
           concat_ws('|', 'provider_in_type', 'within', year, provider_type) AS relation_id, '<=',
           'awards', year, 'provider', provider_id, 'numerator', 1
    FROM award_types WHERE is_only_type
    UNION ALL
    SELECT DISTINCT 'provider_in_type', concat_ws('|', 'provider_in_type', 'within', year, provider_type), '<=',
           'awards', year, 'provider_type', provider_type, 'numerator', -1
    FROM award_types WHERE is_only_type
    UNION ALL
    SELECT 'provider_in_type', concat_ws('|', 'provider_in_type', 'around', year, provider_type), '<=',
           'awards', year, 'provider', provider_id, 'numerator', -1
    FROM award_types
    UNION ALL
    SELECT DISTINCT 'provider_in_type', concat_ws('|', 'provider_in_type', 'around', year, provider_type), '<=',
           'awards', year, 'provider_type', provider_type, 'numerator', 1
    FROM award_types
)
SELECT * FROM breakdown_sum
UNION ALL SELECT * FROM provider_in_type
UNION ALL SELECT * FROM two_way_margin
UNION ALL SELECT * FROM rate_of_cells
UNION ALL SELECT * FROM share_of_cells
UNION ALL SELECT * FROM pair_terms
UNION ALL SELECT * FROM part_of_whole
UNION ALL SELECT * FROM growing
UNION ALL SELECT * FROM new_learners
UNION ALL SELECT * FROM awards_after_enrolment
