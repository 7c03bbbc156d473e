-- INSZ (national register / BIS number) rules of the contract, as TEMP macros: they exist only in the
-- connection that defines them (pseudonymise.define_insz_macros): ingestion's, the one place where a raw
-- INSZ is ever seen, and the checks' that look for one in published tables.
-- `d` is the 11-digit string returned by insz_digits().

CREATE OR REPLACE TEMP MACRO insz_digits(raw) AS
    CASE WHEN regexp_full_match(trim(raw), '\d{11}|\d{2}\.\d{2}\.\d{2}-\d{3}\.\d{2}')
         THEN regexp_replace(trim(raw), '[^0-9]', '', 'g') END;

-- The check digits tell the century: 97 - (YYMMDDSSS mod 97) for births before 2000,
-- 97 - ((2000000000 + YYMMDDSSS) mod 97) from 2000 on.
CREATE OR REPLACE TEMP MACRO insz_century(d) AS
    CASE WHEN 97 - (d[1:9]::BIGINT % 97) = d[10:11]::INTEGER THEN 1900
         WHEN 97 - ((2000000000 + d[1:9]::BIGINT) % 97) = d[10:11]::INTEGER THEN 2000 END;

-- Month 0 and day 0 mean "unknown" in the register; a BIS number adds 20 (sex unknown) or 40.
CREATE OR REPLACE TEMP MACRO insz_is_valid(d) AS
    insz_century(d) IS NOT NULL
    AND (d[3:4]::INTEGER BETWEEN 0 AND 12 OR d[3:4]::INTEGER BETWEEN 20 AND 32 OR d[3:4]::INTEGER BETWEEN 40 AND 52)
    AND d[5:6]::INTEGER BETWEEN 0 AND 31;

CREATE OR REPLACE TEMP MACRO insz_birth_year(d) AS insz_century(d) + d[1:2]::INTEGER;

CREATE OR REPLACE TEMP MACRO insz_sex(d) AS
    CASE WHEN d[3:4]::INTEGER BETWEEN 20 AND 32 THEN 'X'
         WHEN d[7:9]::INTEGER % 2 = 1 THEN 'M'
         ELSE 'V' END;

-- HMAC-SHA256 (RFC 2104) from DuckDB's sha256: H((K xor opad) || H((K xor ipad) || m)).
-- The padded keys are session variables set by pseudonymise.py and never stored.
CREATE OR REPLACE TEMP MACRO hmac_sha256(msg) AS
    sha256(getvariable('mcmon_hmac_outer') || unhex(sha256(getvariable('mcmon_hmac_inner') || encode(msg))));

-- A provider may type an INSZ into a remark or grade: free text is stored with anything INSZ-shaped
-- ({{ insz_in_text }}, as pseudonymise.INSZ_IN_TEXT) blanked out.
CREATE OR REPLACE TEMP MACRO mask_insz(txt) AS regexp_replace(txt, '{{ insz_in_text }}', '{{ insz_removed }}', 'g');

-- Whether a text holds a valid INSZ number, however it is written (the check no_insz_published).
CREATE OR REPLACE TEMP MACRO has_insz(txt) AS
    len(list_filter(regexp_extract_all(txt, '{{ insz_in_text }}'),
                    lambda c: insz_is_valid(regexp_replace(c, '[^0-9]', '', 'g')))) > 0;
