-- Provider scorecards: per provider and indicator year, its current offers active in Y and how many comply
-- with all nine offer-level standard elements, and its awards, each beside the same figure for all providers of
-- its type. The awards come from the published, suppressed indicator awards (by provider and by provider_type):
-- a hidden cell stays hidden here (NULL, *_suppressed), and the disclosure audit has covered every one of them.
-- A provider without awards in Y has 0. Distinct learners per provider are not published: see
-- marts.disclosure_relations (provider_in_type) and the handbook.
WITH offers AS (
    SELECT year, provider_id, count(*) AS offers_active, count(*) FILTER (complies_all) AS offers_complete
    FROM intermediate.offer_years
    GROUP BY ALL
),
type_offers AS (
    SELECT year, dimension_value AS provider_type, offers, complete
    FROM intermediate.offer_breakdown_counts
    WHERE dimension = 'provider_type'
),
type_providers AS (
    SELECT o.year, p.provider_type, count(*) AS providers
    FROM offers o
    JOIN intermediate.providers p USING (provider_id)
    GROUP BY ALL
),
published AS (
    SELECT indicator_id, year, dimension, dimension_value, numerator, suppressed
    FROM marts.indicator_values
    WHERE indicator_id = 'awards' AND dimension IN ('provider', 'provider_type')
)
SELECT
    p.provider_id,
    p.provider_name,
    p.provider_type,
    y.year::INTEGER AS year,
    coalesce(o.offers_active, 0) AS offers_active,
    coalesce(o.offers_complete, 0) AS offers_complete,
    100 * o.offers_complete / o.offers_active AS share_complete,
    coalesce(tp.providers, 0) AS type_providers,
    coalesce(t.offers, 0) AS type_offers_active,
    coalesce(t.complete, 0) AS type_offers_complete,
    100 * t.complete / t.offers AS type_share_complete,
    CASE WHEN NOT coalesce(a.suppressed, false) THEN coalesce(a.numerator, 0)::BIGINT END AS awards,
    coalesce(a.suppressed, false) AS awards_suppressed,
    CASE WHEN NOT coalesce(ta.suppressed, false) THEN coalesce(ta.numerator, 0)::BIGINT END AS type_awards,
    coalesce(ta.suppressed, false) AS type_awards_suppressed
FROM intermediate.providers p
CROSS JOIN intermediate.report_years y
LEFT JOIN offers o ON o.provider_id = p.provider_id AND o.year = y.year
LEFT JOIN type_offers t ON t.provider_type = p.provider_type AND t.year = y.year
LEFT JOIN type_providers tp ON tp.provider_type = p.provider_type AND tp.year = y.year
LEFT JOIN published a
       ON a.dimension = 'provider' AND a.dimension_value = p.provider_id AND a.year = y.year
LEFT JOIN published ta
       ON ta.dimension = 'provider_type' AND ta.dimension_value = p.provider_type
      AND ta.year = y.year
ORDER BY p.provider_id, y.year
