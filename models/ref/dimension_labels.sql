-- Dutch display label of every breakdown value that marts.indicator_values can hold, per dimension,
-- with a display order: what dashboards, reports and exports show instead of the code.
WITH labels AS (
    SELECT 'provider_type' AS dimension, code AS dimension_value, label_nl, sort_order FROM ref.codes WHERE list = 'provider_type'
    UNION ALL SELECT 'isced_broad', code, code || ' ' || label_nl, sort_order FROM ref.codes WHERE list = 'isced_broad'
    UNION ALL SELECT 'level', code, label_nl, sort_order FROM ref.codes WHERE list = 'level'
    UNION ALL SELECT 'participation_form', code, label_nl, sort_order FROM ref.codes WHERE list = 'participation_form'
    UNION ALL SELECT 'purpose', code, label_nl, sort_order FROM ref.codes WHERE list = 'purpose'
    UNION ALL SELECT 'sex', code, label_nl, sort_order FROM ref.codes WHERE list = 'sex'
    UNION ALL SELECT 'age_band', code, label_nl, sort_order FROM ref.codes WHERE list = 'age_band'
    UNION ALL SELECT 'education_level', code, label_nl, sort_order FROM ref.codes WHERE list = 'education_level'
    UNION ALL SELECT 'labour_status', code, label_nl, sort_order FROM ref.codes WHERE list = 'labour_status'
    UNION ALL
    SELECT 'province', code, label_nl, row_number() OVER (ORDER BY parent_code NULLS LAST, code)
    FROM ref.regions WHERE level = 'province'
    UNION ALL
    SELECT 'isco_submajor', code, code || ' ' || label_nl, row_number() OVER (ORDER BY code)
    FROM ref.isco08 WHERE level = 'submajor'
    UNION ALL SELECT 'sector', code, code || ' ' || label_nl, sort_order FROM ref.codes WHERE list = 'nace_section'
    UNION ALL SELECT 'bottleneck_cause', code, label_nl, sort_order FROM ref.codes WHERE list = 'bottleneck_cause'
    UNION ALL SELECT 'credential_kind', code, label_nl, sort_order FROM ref.codes WHERE list = 'credential_kind'
    UNION ALL
    SELECT 'issuer_country', code, label_nl, row_number() OVER (ORDER BY label_nl) FROM ref.countries
    UNION ALL
    -- A provider by its name and KBO number as it is written (0123.456.789), in alphabetical order.
    SELECT 'provider', provider_id, coalesce(provider_name || ' (' || kbo_display(provider_id) || ')', kbo_display(provider_id)),
           row_number() OVER (ORDER BY provider_name NULLS LAST, provider_id)
    FROM intermediate.providers
),
dimensions AS (
    SELECT DISTINCT dimension FROM labels
),
one_way AS (
    SELECT dimension, dimension_value, label_nl, sort_order::INTEGER AS sort_order FROM labels
    UNION ALL
    -- Every breakdown can hold ONBEKEND for a missing value; lists that do not name it get it here.
    SELECT dimension, 'ONBEKEND', 'Onbekend', 999 FROM dimensions
    WHERE dimension NOT IN (SELECT dimension FROM labels WHERE dimension_value = 'ONBEKEND')
)
SELECT * FROM one_way
UNION ALL
-- A two-way breakdown `a×b` (ref.codes, list dimension) has the value `<a value>|<b value>`, labelled with
-- both labels and ordered by a, then b.
SELECT d.code, a.dimension_value || '|' || b.dimension_value, a.label_nl || ' | ' || b.label_nl,
       (a.sort_order * 1000 + b.sort_order)::INTEGER
FROM ref.codes d
JOIN one_way a ON a.dimension = split_part(d.code, '×', 1)
JOIN one_way b ON b.dimension = split_part(d.code, '×', 2)
WHERE d.list = 'dimension' AND d.code LIKE '%×%'
UNION ALL
SELECT 'total', 'total', 'Totaal', 0
