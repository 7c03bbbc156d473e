-- The ISCO-08 sub-major groups (first two digits of a target ISCO unit group) each current offer
-- prepares for: the link between the offer and the skills-gap indicators (section D).
SELECT DISTINCT o.provider_id, o.offer_id, isco[1:2] AS isco_submajor
FROM intermediate.current_offers o, unnest(o.target_isco) AS t(isco)
