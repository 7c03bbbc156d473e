-- Every provider (KBO number) with a current offer, a current enrolment row or a row in a feedback file (all its
-- rows may have been quarantined): its name and provider type as its current offers give them (the most frequent;
-- ties: the alphabetically first), empty when it has no current offer. The provider scorecards compare a provider
-- with all providers of this type.
WITH known AS (
    SELECT provider_id FROM intermediate.current_offers WHERE provider_id IS NOT NULL
    UNION
    SELECT provider_id FROM staging.awards WHERE is_current AND provider_id IS NOT NULL
    UNION
    SELECT recipient FROM staging.provider_feedback WHERE parse_kbo(recipient) = recipient
),
named AS (
    SELECT provider_id,
           arg_min(provider_name, (-n, provider_name)) AS provider_name
    FROM (
        SELECT provider_id, provider_name, count(*) AS n FROM intermediate.current_offers
        WHERE provider_name IS NOT NULL GROUP BY ALL
    )
    GROUP BY provider_id
),
typed AS (
    SELECT provider_id,
           arg_min(provider_type, (-n, provider_type)) AS provider_type
    FROM (
        SELECT provider_id, provider_type, count(*) AS n FROM intermediate.current_offers
        WHERE provider_type IS NOT NULL GROUP BY ALL
    )
    GROUP BY provider_id
)
SELECT
    k.provider_id,
    n.provider_name,
    t.provider_type
FROM known k
LEFT JOIN named n USING (provider_id)
LEFT JOIN typed t USING (provider_id)
ORDER BY k.provider_id
