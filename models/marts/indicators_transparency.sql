-- Transparency indicators (section B; Vlor advice 3.2, 4.2.1): the share of current offers active in Y
-- that comply with each offer-level EU standard element, and with all nine, per year and breakdown.
WITH measures AS (
    SELECT year, dimension, dimension_value, offers, unnest([
        {'indicator_id': 'transparency_complete', 'numerator': complete},
        {'indicator_id': 'transparency_element_02', 'numerator': e02},
        {'indicator_id': 'transparency_element_03', 'numerator': e03},
        {'indicator_id': 'transparency_element_04', 'numerator': e04},
        {'indicator_id': 'transparency_element_06', 'numerator': e06},
        {'indicator_id': 'transparency_element_07', 'numerator': e07},
        {'indicator_id': 'transparency_element_08', 'numerator': e08},
        {'indicator_id': 'transparency_element_09', 'numerator': e09},
        {'indicator_id': 'transparency_element_10', 'numerator': e10},
        {'indicator_id': 'transparency_element_11', 'numerator': e11}
    ]) AS m
    FROM intermediate.offer_breakdown_counts
)
SELECT
    m.indicator_id,
    year,
    dimension,
    dimension_value,
    m.numerator::DOUBLE AS numerator,
    offers::DOUBLE AS denominator,
    'percent' AS unit
FROM measures
WHERE is_emitted('percent', m.numerator, offers)
  AND dimension <> 'credential_kind'
