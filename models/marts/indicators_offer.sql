-- Offer indicators (section A; Vlor advice 4.1, 4.2.3, 4.2.4, 4.3, 5.2) and the offer indicators of section
-- E (kinds of credential and recognition; 4.1, 4.2.3) per year and breakdown, before the published rules are
-- applied in marts.indicator_values. Population: current offers active in Y. Only offer_count is broken
-- down by the kind of credential (indicators.md, E).
WITH measures AS (
    SELECT year, dimension, dimension_value, unnest([
        {'indicator_id': 'offer_count', 'unit': 'count', 'numerator': offers, 'denominator': NULL},
        {'indicator_id': 'offer_share_ects', 'unit': 'percent', 'numerator': ects, 'denominator': offers},
        {'indicator_id': 'offer_share_levelled', 'unit': 'percent', 'numerator': levelled, 'denominator': offers},
        {'indicator_id': 'offer_share_stackable', 'unit': 'percent', 'numerator': stackable, 'denominator': offers},
        {'indicator_id': 'offer_share_joint', 'unit': 'percent', 'numerator': joint, 'denominator': offers},
        {'indicator_id': 'offer_share_lifewide', 'unit': 'percent', 'numerator': lifewide, 'denominator': offers},
        {'indicator_id': 'offer_share_incentive', 'unit': 'percent', 'numerator': incentive, 'denominator': offers},
        {'indicator_id': 'offer_share_below_threshold', 'unit': 'percent', 'numerator': below_threshold,
         'denominator': threshold_volume},
        {'indicator_id': 'offer_share_recognised', 'unit': 'percent', 'numerator': recognised,
         'denominator': known_recognition}
    ]) AS m
    FROM intermediate.offer_breakdown_counts
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
  AND (dimension <> 'credential_kind' OR m.indicator_id = 'offer_count')
