-- Current offers in each indicator year in which they are active (valid_from <= 31 Dec Y and valid_to
-- empty or >= 1 Jan Y), with their breakdown values (missing: ONBEKEND) and what the offer (A) and
-- transparency (B) indicators count, and the kind of credential and its recognition (E). An offer qualifies for the incentives in Y when its odb_id links
-- to a current ODB record that is ACTIEF, gives VOV or training vouchers, and is valid on 1 Jan Y.
SELECT
    y.year,
    o.provider_id,
    o.offer_id,
    o.offer_source,
    o.provider_type,
    o.isced_broad,
    o.level_group,
    coalesce(o.participation_form, 'ONBEKEND') AS participation_form,
    coalesce(o.purpose, 'ONBEKEND') AS purpose,
    coalesce(o.credential_kind, 'ONBEKEND') AS credential_kind,
    o.recognition IS NOT NULL AS has_known_recognition,
    coalesce(len(list_filter(o.recognition, lambda r: r <> 'GEEN')) >= 1, false) AS is_recognised,
    coalesce(o.volume_unit = 'ECTS' AND o.volume_value > 0, false) AS is_ects,
    coalesce(o.level_framework IN ('VKS', 'EQF') AND o.level BETWEEN 1 AND 8, false) AS is_levelled,
    coalesce(o.stackable, false) AS is_stackable,
    o.is_joint,
    coalesce(o.purpose IN ('PERSOONLIJK', 'BEIDE'), false) AS is_lifewide,
    odb.odb_id IS NOT NULL AS has_incentive,
    coalesce(o.volume_unit IN ('ECTS', 'UUR', 'LESTIJD') AND o.volume_value > 0, false) AS has_threshold_volume,
    coalesce(
        (o.volume_unit = 'ECTS' AND o.volume_value < 3) OR (o.volume_unit IN ('UUR', 'LESTIJD') AND o.volume_value < 32),
        false
    ) AS is_below_threshold,
    o.element_02, o.element_03, o.element_04, o.element_06, o.element_07, o.element_08, o.element_09,
    o.element_10, o.element_11,
    o.element_02 AND o.element_03 AND o.element_04 AND o.element_06 AND o.element_07 AND o.element_08
        AND o.element_09 AND o.element_10 AND o.element_11 AS complies_all
FROM intermediate.current_offers o
JOIN intermediate.report_years y
  ON o.valid_from <= make_date(y.year, 12, 31) AND (o.valid_to IS NULL OR o.valid_to >= make_date(y.year, 1, 1))
LEFT JOIN staging.odb odb
  ON odb.is_current
 AND odb.odb_id = o.odb_id
 AND odb.status = 'ACTIEF'
 AND (odb.vov OR odb.training_vouchers)
 AND (odb.valid_to IS NULL OR odb.valid_to >= make_date(y.year, 1, 1))
