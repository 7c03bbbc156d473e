-- Every indicator of the catalogue (indicators.md, sections A-D) for every year, breakdown and value:
-- the one long table every dashboard and report reads, published in the warehouse. Small cells are
-- suppressed for the indicators the catalogue marks (MCMON_MIN_CELL, default 5): a count in
-- 1..MIN-1; a percent whose denominator is below MIN, or whose numerator or denominator - numerator
-- lies in 1..MIN-1; a per-1000 rate whose numerator lies in 1..MIN-1. Then complementary suppression:
-- where a breakdown has exactly one hidden row and its total is published, the hidden value would be
-- the total minus the others, so the breakdown's smallest published row (count, else denominator;
-- ties: lowest dimension_value) is hidden too. A suppressed row keeps its key and has NULL numerator,
-- denominator and value.
WITH ruled AS (
    SELECT
        m.*,
        -- An indicator missing from the catalogue is suppressed: hiding is the safe side.
        coalesce(c.suppressed, true) AND CASE m.unit
            WHEN 'count' THEN m.numerator BETWEEN 1 AND p.min_cell - 1
            WHEN 'per_1000' THEN m.numerator BETWEEN 1 AND p.min_cell - 1
            WHEN 'percent' THEN m.denominator < p.min_cell
                             OR m.numerator BETWEEN 1 AND p.min_cell - 1
                             OR m.denominator - m.numerator BETWEEN 1 AND p.min_cell - 1
            ELSE false END AS suppressed
    FROM marts.indicator_values_unsuppressed m
    LEFT JOIN marts.indicator_catalogue c USING (indicator_id)
    CROSS JOIN settings.parameters p
),
-- Breakdowns (not `total`) with exactly one hidden row whose total row for that year is published.
exposed AS (
    SELECT b.indicator_id, b.year, b.dimension
    FROM ruled b
    JOIN ruled t ON t.indicator_id = b.indicator_id AND t.year = b.year AND t.dimension = 'total' AND NOT t.suppressed
    WHERE b.dimension <> 'total'
    GROUP BY b.indicator_id, b.year, b.dimension
    HAVING count(*) FILTER (WHERE b.suppressed) = 1
),
complement AS (
    SELECT indicator_id, year, dimension, dimension_value
    FROM ruled r
    SEMI JOIN exposed e USING (indicator_id, year, dimension)
    WHERE NOT r.suppressed
    QUALIFY row_number() OVER (
        PARTITION BY indicator_id, year, dimension
        ORDER BY CASE WHEN r.unit = 'count' THEN r.numerator ELSE r.denominator END, dimension_value
    ) = 1
),
suppression AS (
    SELECT r.* EXCLUDE (suppressed), r.suppressed OR c.indicator_id IS NOT NULL AS suppressed
    FROM ruled r
    LEFT JOIN complement c USING (indicator_id, year, dimension, dimension_value)
)
SELECT
    indicator_id,
    year,
    dimension,
    dimension_value,
    CASE WHEN NOT suppressed THEN numerator END AS numerator,
    CASE WHEN NOT suppressed THEN denominator END AS denominator,
    CASE WHEN NOT suppressed THEN value END AS value,
    unit,
    suppressed
FROM suppression
ORDER BY indicator_id, year, dimension, dimension_value
