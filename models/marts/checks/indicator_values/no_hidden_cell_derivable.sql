-- Geen kleine verborgen cel valt af te leiden uit alle gepubliceerde cijfers samen en de verbanden ertussen
-- (sommen, aandelen, grenzen; lineair programma): de grootst mogelijke waarde van elk klein aantal is
-- minstens MCMON_MIN_CELL.
-- severity: ERROR
-- setup: disclosure_audit
SELECT NOT derivable AS ok,
       concat_ws(' | ', indicator_id, year, dimension, dimension_value, quantity || ' hoogstens ' || upper_bound)
           AS example
FROM dq.disclosure_audit
