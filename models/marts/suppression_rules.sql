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
--   complementary  (two-way tables, indicators.md section F) each row and each column of a two-way table is a
--                  sum whose total is its margin, the one-way cell of the same indicator and year (row 30000 of
--                  province×age_band: learners of province 30000); a row of province×age_band of the learners is
--                  also a sum for that province's learners_per_1000, whose numerator is its bands 25-34 ... 55-64.
--                  Such a line (its cells and its total) with exactly one hidden number gives that number away,
--                  so one of its published cells is hidden too, and again, since a cell hidden for its row may
--                  leave its column with one hidden number, until no line has exactly one: each time the cell
--                  on the most such lines, then the smallest (ties: lowest dimension_value). Only two-way cells
--                  are added: the one-way breakdowns keep the rule above. A line whose one hidden number is its
--                  total and that has no published cell left is left to the disclosure audit, as are
--                  combinations of several lines.
--   linked         a share whose numerator or denominator is a sum of cells (ref.share_cells) is hidden in
--                  a year when one of those cells is
-- An indicator missing from the catalogue is suppressed: hiding is the safe side.
WITH RECURSIVE ruled AS (
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
-- One-way breakdowns (not `total`) with exactly one hidden row whose total row for that year is published.
exposed AS (
    SELECT b.indicator_id, b.year, b.dimension
    FROM ruled b
    JOIN ruled t ON t.indicator_id = b.indicator_id AND t.year = b.year AND t.dimension = 'total' AND NOT t.is_primary
    WHERE b.dimension <> 'total' AND b.dimension NOT LIKE '%×%'
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
-- The primary cells (two-way ones included) and the complements of the one-way breakdowns.
one_way_hidden AS (
    SELECT indicator_id, year, dimension, dimension_value, 'primary' AS reason FROM ruled WHERE is_primary
    UNION ALL
    SELECT indicator_id, year, dimension, dimension_value, 'complementary' FROM complementary
),
-- The lines of the two-way tables: each cell lies on its row and its column, whose total is the one-way cell of
-- that side's breakdown; a learners cell of province×age_band aged 25-64 also lies on the line whose total is its
-- province's learners_per_1000 (its numerator).
line_members AS (
    SELECT r.indicator_id, r.year, r.dimension, r.dimension_value,
           r.indicator_id AS total_indicator, split_part(r.dimension, '×', side) AS total_dimension,
           split_part(r.dimension_value, '|', side) AS total_value
    FROM ruled r, (VALUES (1), (2)) s(side)
    WHERE r.dimension LIKE '%×%'
    UNION ALL
    SELECT indicator_id, year, dimension, dimension_value, 'learners_per_1000', 'province',
           split_part(dimension_value, '|', 1)
    FROM ruled
    WHERE indicator_id = 'learners' AND dimension = 'province×age_band'
      AND split_part(dimension_value, '|', 2) IN ('25-34', '35-44', '45-54', '55-64')
),
lines AS (
    SELECT DISTINCT m.indicator_id, m.year, m.dimension, m.total_indicator, m.total_dimension, m.total_value,
           h.reason IS NOT NULL AS total_hidden, p.min_cell
    FROM line_members m
    -- A line exists where its total does (a learners_per_1000 row needs a population).
    JOIN ruled t ON t.indicator_id = m.total_indicator AND t.year = m.year AND t.dimension = m.total_dimension
                AND t.dimension_value = m.total_value
    LEFT JOIN one_way_hidden h ON h.indicator_id = m.total_indicator AND h.year = m.year
                              AND h.dimension = m.total_dimension AND h.dimension_value = m.total_value
    CROSS JOIN settings.parameters p
),
-- Every two-way cell with the reason it is hidden (NULL: published), updated by key. Each step hides, per table,
-- the published cell that lies on the most lines with exactly one hidden number (then the smallest, then the
-- lowest dimension_value): one cell at a time, since a cell hidden for one line may close another too. It ends
-- when no line has exactly one hidden number left (or none of its cells to hide): at most once per cell.
two_way (indicator_id, year, dimension, dimension_value, numerator, reason) USING KEY (
    indicator_id, year, dimension, dimension_value
) AS (
    SELECT indicator_id, year, dimension, dimension_value, numerator, CASE WHEN is_primary THEN 'primary' END
    FROM ruled
    WHERE dimension LIKE '%×%'
    UNION
    SELECT indicator_id, year, dimension, dimension_value, numerator, 'complementary'
    FROM (
        SELECT c.*, l.total_hidden, l.min_cell, count(c.reason) OVER line AS hidden_cells,
               sum(c.numerator) FILTER (WHERE c.reason IS NOT NULL) OVER line AS hidden_sum
        FROM recurring.two_way c
        JOIN line_members m USING (indicator_id, year, dimension, dimension_value)
        JOIN lines l USING (indicator_id, year, dimension, total_indicator, total_dimension, total_value)
        WINDOW line AS (PARTITION BY indicator_id, year, dimension, total_indicator, total_dimension, total_value)
    )
    WHERE reason IS NULL
      AND (total_hidden::INTEGER + hidden_cells = 1
           OR NOT total_hidden AND hidden_cells > 0 AND hidden_sum - (hidden_cells - 1) < min_cell)
    GROUP BY indicator_id, year, dimension, dimension_value, numerator
    QUALIFY row_number() OVER (
        PARTITION BY indicator_id, year, dimension ORDER BY count(*) DESC, numerator, dimension_value
    ) = 1
),
hidden AS (
    SELECT * FROM one_way_hidden
    UNION ALL
    SELECT indicator_id, year, dimension, dimension_value, reason FROM two_way WHERE reason = 'complementary'
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
