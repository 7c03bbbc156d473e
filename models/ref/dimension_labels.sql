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
),
-- The two-way breakdowns (indicators.md, section F): value `<first>|<second>`, labelled with the two labels
-- ("Antwerpen | 25 tot 34 jaar"), in the order of the first breakdown, then of the second.
two_way (dimension, first_dimension, second_dimension) AS (
    VALUES ('province×age_band', 'province', 'age_band'), ('province×sex', 'province', 'sex'),
           ('age_band×sex', 'age_band', 'sex')
)
SELECT * FROM one_way
UNION ALL
SELECT t.dimension, f.dimension_value || '|' || s.dimension_value, f.label_nl || ' | ' || s.label_nl,
       f.sort_order * 1000 + s.sort_order
FROM two_way t
JOIN one_way f ON f.dimension = t.first_dimension
JOIN one_way s ON s.dimension = t.second_dimension
UNION ALL
SELECT 'total', 'total', 'Totaal', 0
