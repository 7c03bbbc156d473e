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
--   complementary  (two-way tables, indicators.md section F) a two-way table is protected as a whole, with its
--                  margins. Its lines are sums with a total: each row and each column, whose total is the
--                  one-way cell of the same indicator and year (row 30000 of province×age_band: the learners of
--                  province 30000); for the learners also the bands 25-34 ... 55-64 of a province's row, whose
--                  total is its learners_per_1000 (the numerator); and each one-way breakdown of the margins,
--                  whose total is the indicator's. A line gives a hidden number away when it has exactly one
--                  hidden number (total included), or, a two-way line, when its total is published and its hidden
--                  cells sum to so little that each is below MIN (the others being at least 1). Then one more of
--                  its published cells is hidden; a line without one gives up its total (a margin). One cell at
--                  a time per indicator and year, the one on the most such lines (two-way cells before margins,
--                  then the smallest, ties by key), since each may close several lines and open others; until no
--                  line gives a number away. A learners cell is hidden with its awards cell: the awards are at
--                  least the learners, so a published learners cell would bound the hidden awards from below.
--                  What several lines give away together is left to the disclosure audit (protection).
--   complementary  also within a provider type (the provider scorecards): where a type's awards are published,
--                  its hidden providers share the type minus the published ones; when one hidden provider could
--                  be narrowed below MIN that way (one alone, or all together fewer than MIN + their number - 1,
--                  each being at least 1), the type's smallest published provider is hidden too
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
-- The cells hidden so far: by the one-way rules and within provider types.
one_way_hidden AS (
    SELECT * FROM breakdown_hidden
    UNION ALL
    SELECT indicator_id, year, dimension, dimension_value, 'complementary' FROM type_complementary
    ANTI JOIN breakdown_hidden USING (indicator_id, year, dimension, dimension_value)
),
-- The cells of the indicators with two-way tables that the tables tie together: their totals, the one-way cells of
-- the crossed breakdowns (the margins) and the two-way cells.
crossed AS (
    SELECT r.*
    FROM ruled r
    WHERE r.indicator_id IN (SELECT indicator_id FROM ruled WHERE dimension LIKE '%×%')
      AND (r.dimension LIKE '%×%' OR r.dimension = 'total'
           OR r.dimension IN (SELECT unnest(string_split(dimension, '×')) FROM ruled WHERE dimension LIKE '%×%'))
),
-- The lines: sums of cells with a total. Each two-way cell lies on its row and its column, whose total is the
-- one-way cell of that side's breakdown; a learners cell of province×age_band aged 25-64 also lies on the line
-- whose total is its province's learners_per_1000 (its numerator); each margin lies on its breakdown, whose total
-- is the indicator's total.
line_members AS (
    SELECT r.indicator_id, r.year, r.dimension, r.dimension_value, 'two_way' AS kind,
           r.indicator_id AS total_indicator, split_part(r.dimension, '×', side) AS total_dimension,
           split_part(r.dimension_value, '|', side) AS total_value
    FROM crossed r, (VALUES (1), (2)) s(side)
    WHERE r.dimension LIKE '%×%'
    UNION ALL
    SELECT indicator_id, year, dimension, dimension_value, 'two_way', 'learners_per_1000', 'province',
           split_part(dimension_value, '|', 1)
    FROM crossed
    WHERE indicator_id = 'learners' AND dimension = 'province×age_band'
      AND split_part(dimension_value, '|', 2) IN ('25-34', '35-44', '45-54', '55-64')
    UNION ALL
    SELECT indicator_id, year, dimension, dimension_value, 'one_way', indicator_id, 'total', 'total'
    FROM crossed
    WHERE dimension NOT LIKE '%×%' AND dimension <> 'total'
),
lines AS (
    SELECT DISTINCT m.indicator_id, m.year, m.dimension AS member_dimension, m.kind, m.total_indicator,
           m.total_dimension, m.total_value, t.numerator AS total_numerator, p.min_cell,
           -- A total outside the crossed cells (learners_per_1000) is hidden or not by the rules above.
           c.indicator_id IS NOT NULL AS total_is_crossed, h.reason IS NOT NULL AS total_hidden_by_rules
    FROM line_members m
    -- A line exists where its total does (a learners_per_1000 row needs a population).
    JOIN ruled t ON t.indicator_id = m.total_indicator AND t.year = m.year AND t.dimension = m.total_dimension
                AND t.dimension_value = m.total_value
    LEFT JOIN crossed c ON c.indicator_id = m.total_indicator AND c.year = m.year
                       AND c.dimension = m.total_dimension AND c.dimension_value = m.total_value
    LEFT JOIN one_way_hidden h ON h.indicator_id = m.total_indicator AND h.year = m.year
                              AND h.dimension = m.total_dimension AND h.dimension_value = m.total_value
    CROSS JOIN settings.parameters p
),
-- Every crossed cell with the reason it is hidden (NULL: published), updated by key. Each step hides, per
-- indicator and year, one cell: of the lines that give a hidden number away, the published cell on the most of
-- them (two-way cells before margins, then the smallest, then by key); a line without a published cell gives up
-- its total. It ends when no line gives a number away, or none has a cell left to hide: at most once per cell.
two_way (indicator_id, year, dimension, dimension_value, numerator, reason) USING KEY (
    indicator_id, year, dimension, dimension_value
) AS (
    SELECT c.indicator_id, c.year, c.dimension, c.dimension_value, c.numerator, h.reason
    FROM crossed c
    LEFT JOIN one_way_hidden h USING (indicator_id, year, dimension, dimension_value)
    UNION
    SELECT * FROM (
        (
            SELECT cell.indicator_id, cell.year, cell.dimension, cell.dimension_value, cell.numerator, 'complementary'
            FROM (
                SELECT CASE WHEN published_cells > 0 THEN member END AS candidate, line
                FROM (
                    SELECT {'indicator_id': c.indicator_id, 'year': c.year, 'dimension': c.dimension,
                            'dimension_value': c.dimension_value, 'numerator': c.numerator} AS member,
                           c.reason IS NULL AS is_published, l.kind, l.min_cell,
                           {'indicator_id': l.total_indicator, 'year': l.year, 'dimension': l.total_dimension,
                            'dimension_value': l.total_value, 'numerator': l.total_numerator} AS line,
                           CASE WHEN l.total_is_crossed THEN t.reason IS NOT NULL ELSE l.total_hidden_by_rules END
                               AS total_hidden,
                           l.total_is_crossed,
                           count(c.reason) OVER line AS hidden_cells,
                           count(*) FILTER (WHERE c.reason IS NULL) OVER line AS published_cells,
                           sum(c.numerator) FILTER (WHERE c.reason IS NOT NULL) OVER line AS hidden_sum
                    FROM recurring.two_way c
                    JOIN line_members m USING (indicator_id, year, dimension, dimension_value)
                    JOIN lines l ON l.indicator_id = m.indicator_id AND l.year = m.year
                                AND l.member_dimension = m.dimension AND l.kind = m.kind
                                AND l.total_indicator = m.total_indicator AND l.total_dimension = m.total_dimension
                                AND l.total_value = m.total_value
                    LEFT JOIN recurring.two_way t ON t.indicator_id = l.total_indicator AND t.year = l.year
                                                 AND t.dimension = l.total_dimension
                                                 AND t.dimension_value = l.total_value
                    WINDOW line AS (PARTITION BY m.indicator_id, m.year, m.dimension, m.kind, m.total_indicator,
                                                 m.total_dimension, m.total_value)
                )
                -- A line gives a number away when it has exactly one hidden number, or when its total is published
                -- and its hidden cells sum to so little that each is below MIN (the others being at least 1).
                WHERE (total_hidden::INTEGER + hidden_cells = 1
                       OR kind = 'two_way' AND NOT total_hidden AND hidden_cells > 0
                          AND hidden_sum - (hidden_cells - 1) < min_cell)
                  AND (is_published OR published_cells = 0 AND total_is_crossed AND NOT total_hidden)
            )
            CROSS JOIN LATERAL (SELECT coalesce(candidate, line) AS cell)
            GROUP BY cell
            QUALIFY row_number() OVER (
                PARTITION BY cell.indicator_id, cell.year
                ORDER BY count(DISTINCT line) DESC, cell.dimension NOT LIKE '%×%', cell.numerator, cell.dimension,
                         cell.dimension_value
            ) = 1
        )
        UNION
        (
            -- An analyst knows the awards of a cell are at least its learners: a published learners cell would
            -- bound its hidden awards cell from below, and so the others of its lines from above. It is hidden too.
            SELECT l.indicator_id, l.year, l.dimension, l.dimension_value, l.numerator, 'complementary'
            FROM recurring.two_way l
            JOIN recurring.two_way a USING (year, dimension, dimension_value)
            WHERE l.indicator_id = 'learners' AND a.indicator_id = 'awards' AND l.dimension LIKE '%×%'
              AND l.reason IS NULL AND a.reason IS NOT NULL
        )
    )
),
hidden AS (
    SELECT * FROM one_way_hidden h
    ANTI JOIN crossed USING (indicator_id, year, dimension, dimension_value)
    UNION ALL
    SELECT indicator_id, year, dimension, dimension_value, reason FROM two_way WHERE reason IS NOT NULL
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
