-- One row per learner and year in which the learner obtained at least one award. Province, education
-- level and labour status come from the learner's latest award row in that year (latest awarded_on,
-- then latest enrolled_on, then highest offer_id, then highest provider_id); age is year - birth year.
SELECT
    learner_id,
    awarded_year AS year,
    sex,
    birth_year,
    awarded_year - birth_year AS age,
    age_band(awarded_year - birth_year) AS age_band,
    province,
    education_level,
    labour_status
FROM intermediate.enrolments
WHERE status = 'BEHAALD'
QUALIFY row_number() OVER (
    PARTITION BY learner_id, awarded_year
    ORDER BY awarded_on DESC, enrolled_on DESC, offer_id DESC, provider_id DESC
) = 1
