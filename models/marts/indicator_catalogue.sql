-- The indicator catalogue: every indicator of marts.indicator_values with its Dutch and English name,
-- definition, unit, breakdowns, the sections of the Vlor advice it serves, whether small cells are
-- suppressed, and the interpretation chosen where the definition left room (data/reference/indicators.csv).
-- run_note_nl adds what this run's data made necessary: the population year used for learners_per_1000.
WITH population_years AS (
    SELECT DISTINCT y.year, p.population_year
    FROM intermediate.report_years y
    LEFT JOIN intermediate.population_25_64 p USING (year)
),
population_note AS (
    SELECT string_agg(
        CASE WHEN population_year IS NULL THEN year || ': geen bevolkingsgegevens, geen rij'
             ELSE year || ': bevolking van 1 januari ' || population_year END,
        '; ' ORDER BY year
    ) FILTER (WHERE population_year IS DISTINCT FROM year) AS note
    FROM population_years
)
SELECT
    indicator_id,
    indicator_group,
    name_nl,
    name_en,
    definition_nl,
    unit,
    dimensions,
    advice_sections,
    suppressed = 'true' AS suppressed,
    interpretation_nl,
    CASE WHEN indicator_id = 'learners_per_1000' THEN (SELECT 'Gebruikt bevolkingsjaar: ' || note FROM population_note) END
        AS run_note_nl
FROM ref.indicators
