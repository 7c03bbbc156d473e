-- Voor elk gebruikt bevolkingsjaar is er een positief aantal voor elke provincie, elk geslacht en elke
-- leeftijdsklasse.
-- severity: WARN
WITH used AS (
    SELECT DISTINCT population_year FROM intermediate.population_25_64
),
cells AS (
    SELECT u.population_year, r.code AS province_nis, s.code AS sex, b.code AS age_band
    FROM used u, ref.regions r, ref.codes s, ref.codes b
    WHERE r.level = 'province' AND r.parent_code = 'VLAANDEREN'
      AND s.list = 'population_sex' AND b.list = 'population_age_band'
)
SELECT coalesce(p.population > 0, false) AS ok,
       concat_ws(' | ', c.population_year, c.province_nis, c.sex, c.age_band) AS example
FROM cells c
LEFT JOIN staging.population p
  ON p.is_current AND p.year = c.population_year AND p.province_nis = c.province_nis
 AND p.sex = c.sex AND p.age_band = c.age_band
