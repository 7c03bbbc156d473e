-- Transparency indicators (section B; Vlor advice 3.2, 4.2.1): the share of current offers active in Y
-- that comply with each offer-level EU standard element, and with all nine, per year and breakdown.
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
        count(*) FILTER (complies_all) AS complete,
        count(*) FILTER (element_02) AS e02,
        count(*) FILTER (element_03) AS e03,
        count(*) FILTER (element_04) AS e04,
        count(*) FILTER (element_06) AS e06,
        count(*) FILTER (element_07) AS e07,
        count(*) FILTER (element_08) AS e08,
        count(*) FILTER (element_09) AS e09,
        count(*) FILTER (element_10) AS e10,
        count(*) FILTER (element_11) AS e11
    FROM intermediate.offer_years
    GROUP BY GROUPING SETS (
        (year), (year, provider_type), (year, isced_broad), (year, level_group), (year, participation_form), (year, purpose)
    )
),
measures AS (
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
    FROM counted
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
