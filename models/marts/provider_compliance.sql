-- Provider scorecards: per provider, year and offer-level EU standard element, how many of its current offers
-- active in Y comply, beside the same figures for all providers of its type. Counted from the per-offer flags
-- the transparency indicators count (intermediate.offer_years), and for the type from the counts behind
-- transparency_element_NN by provider_type (intermediate.offer_breakdown_counts): the type's share is the
-- published indicator's value.
WITH per_offer AS (
    UNPIVOT (
        SELECT year, provider_id, element_02, element_03, element_04, element_06, element_07, element_08,
               element_09, element_10, element_11
        FROM intermediate.offer_years
    )
    ON COLUMNS('^element_') INTO NAME element VALUE complies
),
provider_counts AS (
    SELECT year, provider_id, right(element, 2) AS element_no, count(*) AS offers,
           count(*) FILTER (complies) AS offers_complying
    FROM per_offer
    GROUP BY ALL
),
type_counts AS (
    SELECT year, provider_type, right(element, 2) AS element_no, offers, complying
    FROM (
        UNPIVOT (
            SELECT year, dimension_value AS provider_type, offers, e02, e03, e04, e06, e07, e08, e09, e10, e11
            FROM intermediate.offer_breakdown_counts
            WHERE dimension = 'provider_type'
        )
        ON COLUMNS('^e\d\d$') INTO NAME element VALUE complying
    )
)
SELECT
    c.provider_id,
    p.provider_name,
    p.provider_type,
    c.year::INTEGER AS year,
    c.element_no,
    c.offers,
    c.offers_complying,
    100 * c.offers_complying / c.offers AS share,
    t.offers AS type_offers,
    t.complying AS type_offers_complying,
    100 * t.complying / t.offers AS type_share
FROM provider_counts c
JOIN intermediate.providers p USING (provider_id)
LEFT JOIN type_counts t ON t.year = c.year AND t.provider_type = p.provider_type AND t.element_no = c.element_no
ORDER BY c.provider_id, c.year, c.element_no
