-- The rows of the suppressed indicators that the contract's rules hide, and why (indicators.md, "Small-cell
-- suppression" and "Disclosure audit"), in the order the rules apply; marts.cell_suppression adds the cells
-- the disclosure audit still finds derivable. Internal only: the reason of a hidden cell is never published,
-- because "primary" says that the cell is small.
--   primary        a count in 1..MIN-1; a percent whose denominator is below MIN, or whose numerator or
--                  denominator - numerator lies in 1..MIN-1; a per-1000 rate whose numerator lies in 1..MIN-1
--                  (MIN = MCMON_MIN_CELL, default 5)
--   complementary  where a breakdown has exactly one hidden row and its total is published, the hidden value
--                  would be the total minus the others, so the breakdown's smallest published row (count,
--                  else denominator; ties: lowest dimension_value) is hidden too
--   complementary  also within a provider type (the provider scorecards): where a type's awards are published,
--                  its hidden providers share the type minus the published ones; when one hidden provider could
--                  be narrowed below MIN that way (one alone, or all together fewer than MIN + their number - 1,
--                  each being at least 1), the type's smallest published provider is hidden too
--   linked         a share whose numerator or denominator is a sum of cells (ref.share_cells) is hidden in
--                  a year when one of those cells is
-- An indicator missing from the catalogue is suppressed: hiding is the safe side.
WITH ruled AS (
    SELECT
        m.indicator_id, m.year, m.dimension, m.dimension_value, m.unit, m.numerator, m.denominator,
        coalesce(c.suppressed = 'true', true) AND CASE m.unit
            WHEN 'count' THEN m.numerator BETWEEN 1 AND p.min_cell - 1
            WHEN 'per_1000' THEN m.numerator BETWEEN 1 AND p.min_cell - 1
            WHEN 'percent' THEN m.denominator < p.min_cell
                             OR m.numerator BETWEEN 1 AND p.min_cell - 1
                             OR m.denominator - m.numerator BETWEEN 1 AND p.min_cell - 1
            ELSE false END AS is_primary
    FROM marts.indicator_values_unsuppressed m
    LEFT JOIN ref.indicators c USING (indicator_id)
    CROSS JOIN settings.parameters p
),
-- Breakdowns (not `total`) with exactly one hidden row whose total row for that year is published.
exposed AS (
    SELECT b.indicator_id, b.year, b.dimension
    FROM ruled b
    JOIN ruled t ON t.indicator_id = b.indicator_id AND t.year = b.year AND t.dimension = 'total' AND NOT t.is_primary
    WHERE b.dimension <> 'total'
    GROUP BY b.indicator_id, b.year, b.dimension
    HAVING count(*) FILTER (WHERE b.is_primary) = 1
),
complementary AS (
    SELECT indicator_id, year, dimension, dimension_value
    FROM ruled r
    SEMI JOIN exposed e USING (indicator_id, year, dimension)
    WHERE NOT r.is_primary
    QUALIFY row_number() OVER (
        PARTITION BY indicator_id, year, dimension
        ORDER BY CASE WHEN r.unit = 'count' THEN r.numerator ELSE r.denominator END, dimension_value
    ) = 1
),
breakdown_hidden AS (
    SELECT indicator_id, year, dimension, dimension_value, 'primary' AS reason FROM ruled WHERE is_primary
    UNION ALL
    SELECT indicator_id, year, dimension, dimension_value, 'complementary' FROM complementary
),
-- The providers' awards of each provider type (intermediate.provider_award_types), as ruled so far.
type_members AS (
    SELECT m.year, m.provider_type, r.dimension_value, r.numerator,
           h.dimension_value IS NOT NULL AS is_hidden
    FROM intermediate.provider_award_types m
    JOIN ruled r ON r.indicator_id = 'awards' AND r.year = m.year AND r.dimension = 'provider'
                AND r.dimension_value = m.provider_id
    LEFT JOIN breakdown_hidden h ON h.indicator_id = 'awards' AND h.year = m.year AND h.dimension = 'provider'
                                AND h.dimension_value = m.provider_id
    -- Only types whose awards are published.
    SEMI JOIN ruled t ON t.indicator_id = 'awards' AND t.year = m.year AND t.dimension = 'provider_type'
                     AND t.dimension_value = m.provider_type
    ANTI JOIN breakdown_hidden ht ON ht.indicator_id = 'awards' AND ht.year = m.year
                                 AND ht.dimension = 'provider_type' AND ht.dimension_value = m.provider_type
),
type_complementary AS (
    SELECT DISTINCT 'awards' AS indicator_id, m.year, 'provider' AS dimension, m.dimension_value
    FROM type_members m
    JOIN (
        SELECT year, provider_type
        FROM type_members
        GROUP BY ALL
        HAVING count(*) FILTER (WHERE is_hidden) = 1
            OR sum(numerator) FILTER (WHERE is_hidden) - (count(*) FILTER (WHERE is_hidden) - 1)
               < any_value((SELECT min_cell FROM settings.parameters))
    ) exposed USING (year, provider_type)
    WHERE NOT m.is_hidden
    QUALIFY row_number() OVER (PARTITION BY m.year, m.provider_type ORDER BY m.numerator, m.dimension_value) = 1
),
hidden AS (
    SELECT * FROM breakdown_hidden
    UNION ALL
    SELECT indicator_id, year, dimension, dimension_value, 'complementary' FROM type_complementary
    ANTI JOIN breakdown_hidden USING (indicator_id, year, dimension, dimension_value)
),
linked AS (
    SELECT DISTINCT s.indicator_id, h.year, 'total' AS dimension, 'total' AS dimension_value, 'linked' AS reason
    FROM ref.share_cells s
    JOIN hidden h ON h.indicator_id = s.cell_indicator_id AND h.dimension = s.dimension
                 AND h.dimension_value = s.dimension_value
    -- Only shares that are emitted that year, and not hidden already.
    SEMI JOIN ruled r ON r.indicator_id = s.indicator_id AND r.year = h.year AND r.dimension = 'total'
    ANTI JOIN hidden a ON a.indicator_id = s.indicator_id AND a.year = h.year AND a.dimension = 'total'
)
SELECT * FROM hidden
UNION ALL
SELECT * FROM linked
