-- Skills-gap indicators (section D; Vlor advice 4.2.2, 5.2) for the report year Y*, before small-cell
-- suppression of gap_awards, gap_coverage and gap_coverage_high. From intermediate.gap_groups:
--   section D            scenario BASIS, sector TOTAAL, per ISCO-08 sub-major group, zeros included
--   *_high               the same analysis under scenario HOOG (offers and awards do not depend on it)
--   gap_white_spot_robust  1 where the group is a white spot under both scenarios, 0 where under one or none
--                        (emitted where both flags are defined)
--   gap_sector_*         scenario BASIS per NACE section: the sector's own pressure against the median within
--                        the sector, with the group's coverage over all sectors (dimension sector×isco_submajor)
--   gap_bottleneck_causes  distinct bottleneck occupations of the latest list per group and cause
--                        (an occupation may name several causes), zeros included
WITH basis AS (SELECT * FROM intermediate.gap_groups WHERE scenario = 'BASIS' AND sector = 'TOTAAL'),
high AS (SELECT * FROM intermediate.gap_groups WHERE scenario = 'HOOG' AND sector = 'TOTAAL'),
group_measures AS (
    SELECT year, isco_submajor, unnest([
        CASE WHEN hiring_need IS NOT NULL THEN
            {'indicator_id': 'gap_hiring_need', 'unit': 'count', 'numerator': hiring_need, 'denominator': NULL} END,
        CASE WHEN pressure IS NOT NULL THEN
            {'indicator_id': 'gap_pressure', 'unit': 'percent', 'numerator': hiring_need, 'denominator': employment} END,
        {'indicator_id': 'gap_bottleneck_occupations', 'unit': 'count', 'numerator': bottleneck_occupations, 'denominator': NULL},
        {'indicator_id': 'gap_offers', 'unit': 'count', 'numerator': offers, 'denominator': NULL},
        {'indicator_id': 'gap_awards', 'unit': 'count', 'numerator': awards, 'denominator': NULL},
        CASE WHEN coverage IS NOT NULL THEN
            {'indicator_id': 'gap_coverage', 'unit': 'per_1000', 'numerator': awards, 'denominator': hiring_need} END,
        CASE WHEN white_spot IS NOT NULL THEN
            {'indicator_id': 'gap_white_spot', 'unit': 'flag', 'numerator': white_spot::INTEGER, 'denominator': NULL} END
    ]) AS m
    FROM basis
    UNION ALL
    SELECT year, isco_submajor, unnest([
        CASE WHEN hiring_need IS NOT NULL THEN
            {'indicator_id': 'gap_hiring_need_high', 'unit': 'count', 'numerator': hiring_need, 'denominator': NULL} END,
        CASE WHEN pressure IS NOT NULL THEN
            {'indicator_id': 'gap_pressure_high', 'unit': 'percent', 'numerator': hiring_need, 'denominator': employment} END,
        CASE WHEN coverage IS NOT NULL THEN
            {'indicator_id': 'gap_coverage_high', 'unit': 'per_1000', 'numerator': awards, 'denominator': hiring_need} END,
        CASE WHEN white_spot IS NOT NULL THEN
            {'indicator_id': 'gap_white_spot_high', 'unit': 'flag', 'numerator': white_spot::INTEGER, 'denominator': NULL} END
    ]) AS m
    FROM high
    UNION ALL
    SELECT b.year, b.isco_submajor,
           {'indicator_id': 'gap_white_spot_robust', 'unit': 'flag',
            'numerator': (b.white_spot AND h.white_spot)::INTEGER, 'denominator': NULL}
    FROM basis b JOIN high h USING (isco_submajor)
    WHERE b.white_spot IS NOT NULL AND h.white_spot IS NOT NULL
),
sector_measures AS (
    SELECT year, sector || '|' || isco_submajor AS dimension_value, unnest([
        CASE WHEN hiring_need IS NOT NULL THEN
            {'indicator_id': 'gap_sector_hiring_need', 'unit': 'count', 'numerator': hiring_need, 'denominator': NULL} END,
        CASE WHEN pressure IS NOT NULL THEN
            {'indicator_id': 'gap_sector_pressure', 'unit': 'percent', 'numerator': hiring_need, 'denominator': employment} END,
        CASE WHEN white_spot IS NOT NULL THEN
            {'indicator_id': 'gap_sector_white_spot', 'unit': 'flag', 'numerator': white_spot::INTEGER, 'denominator': NULL} END
    ]) AS m
    FROM intermediate.gap_groups
    WHERE scenario = 'BASIS' AND sector <> 'TOTAAL'
),
causes AS (
    SELECT b.isco_unit[1:2] AS isco_submajor, cause, count(DISTINCT b.isco_unit) AS occupations
    FROM staging.bottlenecks b, unnest(b.causes) AS t(cause)
    WHERE b.is_latest_list
    GROUP BY ALL
),
cause_measures AS (
    SELECT b.year, b.isco_submajor || '|' || c.code AS dimension_value,
           {'indicator_id': 'gap_bottleneck_causes', 'unit': 'count',
            'numerator': coalesce(n.occupations, 0), 'denominator': NULL} AS m
    FROM basis b
    CROSS JOIN (SELECT code FROM ref.codes WHERE list = 'bottleneck_cause') c
    LEFT JOIN causes n ON n.isco_submajor = b.isco_submajor AND n.cause = c.code
)
SELECT m.indicator_id, year, 'isco_submajor' AS dimension, isco_submajor AS dimension_value,
       m.numerator::DOUBLE AS numerator, m.denominator::DOUBLE AS denominator, m.unit
FROM group_measures WHERE m IS NOT NULL
UNION ALL
SELECT m.indicator_id, year, 'sector×isco_submajor', dimension_value,
       m.numerator::DOUBLE, m.denominator::DOUBLE, m.unit
FROM sector_measures WHERE m IS NOT NULL
UNION ALL
SELECT m.indicator_id, year, 'isco_submajor×bottleneck_cause', dimension_value,
       m.numerator::DOUBLE, m.denominator::DOUBLE, m.unit
FROM cause_measures
