-- De bevolking van 25 tot 64 jaar is positief (bij 0 blijft de deelname per 1000 van dat gebied leeg).
-- severity: WARN
SELECT population >= 1 AS ok, year || ' | ' || province_nis AS example
FROM intermediate.population_25_64
WHERE population IS NOT NULL
