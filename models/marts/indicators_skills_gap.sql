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
WITH analysed AS (
    -- Both scenarios over all sectors; per sector, BASIS only. The indicator's name says which: gap_sector_*
    -- within a sector, *_high under HOOG.
    SELECT
        *,
        'gap_' || CASE WHEN sector <> 'TOTAAL' THEN 'sector_' ELSE '' END AS prefix,
        CASE WHEN scenario = 'HOOG' THEN '_high' ELSE '' END AS suffix,
        CASE WHEN sector = 'TOTAAL' THEN 'isco_submajor' ELSE 'sector×isco_submajor' END AS dimension,
        CASE WHEN sector = 'TOTAAL' THEN isco_submajor ELSE sector || '|' || isco_submajor END AS dimension_value,
        sector = 'TOTAAL' AND scenario = 'BASIS' AS is_section_d
    FROM intermediate.gap_groups
    WHERE sector = 'TOTAAL' OR scenario = 'BASIS'
),
causes AS (
    SELECT b.isco_unit[1:2] AS isco_submajor, cause, count(DISTINCT b.isco_unit) AS occupations
    FROM staging.bottlenecks b, unnest(b.causes) AS t(cause)
    WHERE b.is_latest_list
    GROUP BY ALL
),
basis AS (SELECT * FROM analysed WHERE is_section_d),
high AS (SELECT * FROM analysed WHERE sector = 'TOTAAL' AND scenario = 'HOOG'),
measures AS (
    SELECT year, dimension, dimension_value, unnest([
        CASE WHEN hiring_need IS NOT NULL THEN
            {'indicator_id': prefix || 'hiring_need' || suffix, 'unit': 'count', 'numerator': hiring_need,
             'denominator': NULL} END,
        CASE WHEN pressure IS NOT NULL THEN
            {'indicator_id': prefix || 'pressure' || suffix, 'unit': 'percent', 'numerator': hiring_need,
             'denominator': employment} END,
        -- A sector's coverage is its group's over all sectors: no indicator of its own.
        CASE WHEN coverage IS NOT NULL AND sector = 'TOTAAL' THEN
            {'indicator_id': prefix || 'coverage' || suffix, 'unit': 'per_1000', 'numerator': awards,
             'denominator': hiring_need} END,
        CASE WHEN white_spot IS NOT NULL THEN
            {'indicator_id': prefix || 'white_spot' || suffix, 'unit': 'flag', 'numerator': white_spot::INTEGER,
             'denominator': NULL} END,
        -- Bottleneck occupations, offers and awards depend on neither scenario nor sector: once.
        CASE WHEN is_section_d THEN
            {'indicator_id': 'gap_bottleneck_occupations', 'unit': 'count', 'numerator': bottleneck_occupations,
             'denominator': NULL} END,
        CASE WHEN is_section_d THEN
            {'indicator_id': 'gap_offers', 'unit': 'count', 'numerator': offers, 'denominator': NULL} END,
        CASE WHEN is_section_d THEN
            {'indicator_id': 'gap_awards', 'unit': 'count', 'numerator': awards, 'denominator': NULL} END
    ]) AS m
    FROM analysed
    UNION ALL
    SELECT b.year, 'isco_submajor', b.isco_submajor,
           {'indicator_id': 'gap_white_spot_robust', 'unit': 'flag',
            'numerator': (b.white_spot AND h.white_spot)::INTEGER, 'denominator': NULL}
    FROM basis b JOIN high h USING (isco_submajor)
    WHERE b.white_spot IS NOT NULL AND h.white_spot IS NOT NULL
    UNION ALL
    SELECT b.year, 'isco_submajor×bottleneck_cause', b.isco_submajor || '|' || c.code,
           {'indicator_id': 'gap_bottleneck_causes', 'unit': 'count',
            'numerator': coalesce(n.occupations, 0), 'denominator': NULL}
    FROM basis b
    CROSS JOIN (SELECT code FROM ref.codes WHERE list = 'bottleneck_cause') c
    LEFT JOIN causes n ON n.isco_submajor = b.isco_submajor AND n.cause = c.code
),
SELECT m.indicator_id, year, dimension, dimension_value, m.numerator::DOUBLE AS numerator,
       m.denominator::DOUBLE AS denominator, m.unit
FROM measures
WHERE m IS NOT NULL
