-- Offer indicators (section A; Vlor advice 4.1, 4.2.3, 4.2.4, 4.3, 5.2) per year and breakdown, before
-- the published rules are applied in marts.indicator_values. Population: current offers active in Y.
WITH counted AS (
    SELECT
        year,
        CASE WHEN GROUPING(provider_type) = 0 THEN 'provider_type'
             WHEN GROUPING(isced_broad) = 0 THEN 'isced_broad'
             WHEN GROUPING(level_group) = 0 THEN 'level'
             WHEN GROUPING(participation_form) = 0 THEN 'participation_form'
             WHEN GROUPING(purpose) = 0 THEN 'purpose'
             ELSE 'total' END AS dimension,
        coalesce(provider_type, isced_broad, level_group, participation_form, purpose, 'total') AS dimension_value,
        count(*) AS offers,
        count(*) FILTER (is_ects) AS ects,
        count(*) FILTER (is_levelled) AS levelled,
        count(*) FILTER (is_stackable) AS stackable,
        count(*) FILTER (is_joint) AS joint,
        count(*) FILTER (is_lifewide) AS lifewide,
        count(*) FILTER (has_incentive) AS incentive,
        count(*) FILTER (has_threshold_volume) AS threshold_volume,
        count(*) FILTER (is_below_threshold) AS below_threshold
    FROM intermediate.offer_years
    GROUP BY GROUPING SETS (
        (year), (year, provider_type), (year, isced_broad), (year, level_group), (year, participation_form), (year, purpose)
    )
),
measures AS (
    SELECT year, dimension, dimension_value, unnest([
        {'indicator_id': 'offer_count', 'unit': 'count', 'numerator': offers, 'denominator': NULL},
        {'indicator_id': 'offer_share_ects', 'unit': 'percent', 'numerator': ects, 'denominator': offers},
        {'indicator_id': 'offer_share_levelled', 'unit': 'percent', 'numerator': levelled, 'denominator': offers},
        {'indicator_id': 'offer_share_stackable', 'unit': 'percent', 'numerator': stackable, 'denominator': offers},
        {'indicator_id': 'offer_share_joint', 'unit': 'percent', 'numerator': joint, 'denominator': offers},
        {'indicator_id': 'offer_share_lifewide', 'unit': 'percent', 'numerator': lifewide, 'denominator': offers},
        {'indicator_id': 'offer_share_incentive', 'unit': 'percent', 'numerator': incentive, 'denominator': offers},
        {'indicator_id': 'offer_share_below_threshold', 'unit': 'percent', 'numerator': below_threshold,
         'denominator': threshold_volume}
    ]) AS m
    FROM counted
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
WHERE is_emitted(m.unit, m.numerator, m.denominator)
