-- Population aged 25-64 (both sexes) per Flemish province on 1 January of each indicator year: the
-- denominator of learners_per_1000. When the population source lacks year Y, the latest earlier year
-- is used (population_year says which); with no earlier year there is no row.
WITH population_years AS (
    SELECT y.year, max(p.year) AS population_year
    FROM intermediate.report_years y
    JOIN staging.population p ON p.is_current AND p.year <= y.year
    GROUP BY y.year
)
SELECT py.year, py.population_year, p.province_nis, sum(p.population) AS population
FROM population_years py
JOIN staging.population p
  ON p.is_current AND p.year = py.population_year AND p.age_band IN ('25-34', '35-44', '45-54', '55-64')
GROUP BY py.year, py.population_year, p.province_nis
