-- Current offers active in Y per year and breakdown (the total, provider type, ISCED broad field, level,
-- participation form, purpose, and the kind of credential, which only offer_count is broken down by), with
-- how many of them have each property that an offer indicator (sections A and E) or a transparency
-- indicator (section B) counts.
SELECT
    year,
    CASE WHEN GROUPING(provider_type) = 0 THEN 'provider_type'
         WHEN GROUPING(isced_broad) = 0 THEN 'isced_broad'
         WHEN GROUPING(level_group) = 0 THEN 'level'
         WHEN GROUPING(participation_form) = 0 THEN 'participation_form'
         WHEN GROUPING(purpose) = 0 THEN 'purpose'
         WHEN GROUPING(credential_kind) = 0 THEN 'credential_kind'
         ELSE 'total' END AS dimension,
    coalesce(provider_type, isced_broad, level_group, participation_form, purpose, credential_kind, 'total')
        AS dimension_value,
    count(*) AS offers,
    count(*) FILTER (is_ects) AS ects,
    count(*) FILTER (is_levelled) AS levelled,
    count(*) FILTER (is_stackable) AS stackable,
    count(*) FILTER (is_joint) AS joint,
    count(*) FILTER (is_lifewide) AS lifewide,
    count(*) FILTER (has_incentive) AS incentive,
    count(*) FILTER (has_threshold_volume) AS threshold_volume,
    count(*) FILTER (is_below_threshold) AS below_threshold,
    count(*) FILTER (has_known_recognition) AS known_recognition,
    count(*) FILTER (is_recognised) AS recognised,
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
    (year), (year, provider_type), (year, isced_broad), (year, level_group), (year, participation_form), (year, purpose),
    (year, credential_kind)
)
