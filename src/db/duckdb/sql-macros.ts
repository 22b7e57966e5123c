import { LEGAL_SUFFIXES } from '../../core/account-keys.ts';

const suffixes = LEGAL_SUFFIXES.join('|');

/**
 * Parsing and matching rules as DuckDB macros, created per import connection. They mirror
 * src/core/account-keys.ts (tests check that they agree).
 */
export const IMPORT_MACROS: readonly string[] = [
  `CREATE OR REPLACE TEMP MACRO hs_blank(s) AS nullif(trim(s), '')`,
  `CREATE OR REPLACE TEMP MACRO hs_token(s) AS trim(regexp_replace(lower(trim(s)), '[^a-z0-9]+', '_', 'g'), '_')`,
  // name key: lower case, & as "and", punctuation as spaces, legal suffixes dropped from the end
  `CREATE OR REPLACE TEMP MACRO hs_name_base(s) AS trim(regexp_replace(regexp_replace(lower(s), '&', ' and ', 'g'), '[^\\p{L}\\p{N}]+', ' ', 'g'))`,
  `CREATE OR REPLACE TEMP MACRO hs_name_key(s) AS regexp_replace(hs_name_base(s), '(\\s(${suffixes}))+$', '')`,
  `CREATE OR REPLACE TEMP MACRO hs_domain_raw(s) AS regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(lower(trim(s)), '^[a-z][a-z0-9+.-]*://', ''), '^[^@/]*@', ''), '^www[0-9]*\\.', ''), '[/:?#].*$', ''), '\\.$', '')`,
  `CREATE OR REPLACE TEMP MACRO hs_domain_key(s) AS CASE WHEN contains(hs_domain_raw(s), '.') THEN hs_domain_raw(s) ELSE NULL END`,
  // numbers as people type them: $1,200.50, 1.200,50, (300.00), 1 200, EUR 12
  `CREATE OR REPLACE TEMP MACRO hs_num_clean(s) AS regexp_replace(regexp_replace(trim(s), '^\\((.*)\\)$', '-\\1'), '[\\s\\x{00A0}''$€£¥]|USD|EUR|GBP|CHF|JPY|CAD|AUD', '', 'g')`,
  `CREATE OR REPLACE TEMP MACRO hs_num_text(t) AS CASE
      WHEN contains(t, '.') AND contains(t, ',') THEN
        CASE WHEN strpos(reverse(t), ',') < strpos(reverse(t), '.') THEN replace(replace(t, '.', ''), ',', '.') ELSE replace(t, ',', '') END
      WHEN contains(t, ',') THEN
        CASE WHEN regexp_full_match(t, '-?[0-9]{1,3}(,[0-9]{3})+') THEN replace(t, ',', '') ELSE replace(t, ',', '.') END
      WHEN regexp_full_match(t, '-?[0-9]{1,3}(\\.[0-9]{3}){2,}') THEN replace(t, '.', '')
      ELSE t END`,
  // plain numbers (the bulk of any export) take the fast path; for the rest the cleaned text
  // is bound once (a one-element list) rather than rebuilt per use
  `CREATE OR REPLACE TEMP MACRO hs_number(s) AS CASE
      WHEN s IS NULL THEN NULL
      WHEN regexp_full_match(s, '-?[0-9]+(\\.[0-9]+)?') THEN CAST(s AS DOUBLE)
      ELSE list_transform([hs_num_text(hs_num_clean(s))], x -> CASE WHEN regexp_full_match(x, '[-+]?([0-9]+\\.?[0-9]*|\\.[0-9]+)([eE][-+]?[0-9]+)?') THEN TRY_CAST(x AS DOUBLE) END)[1]
    END`,
  `CREATE OR REPLACE TEMP MACRO hs_bool(s) AS CASE hs_token(s) WHEN 'true' THEN true WHEN 'yes' THEN true WHEN 'y' THEN true WHEN 't' THEN true WHEN '1' THEN true WHEN 'false' THEN false WHEN 'no' THEN false WHEN 'n' THEN false WHEN 'f' THEN false WHEN '0' THEN false ELSE NULL END`,
  `CREATE OR REPLACE TEMP MACRO hs_iso_date(s) AS CASE
      WHEN s IS NULL THEN NULL
      WHEN regexp_full_match(s, '[0-9]{4}-[0-9]{2}-[0-9]{2}') THEN TRY_CAST(s AS DATE)
      WHEN regexp_full_match(trim(s), '[0-9]{4}-[0-9]{2}-[0-9]{2}([ T][0-9]{1,2}:[0-9]{2}(:[0-9]{2}(\\.[0-9]+)?)?\\s*(Z|[-+][0-9]{2}:?[0-9]{2})?)?') THEN TRY_CAST(try_strptime(substr(trim(s), 1, 10), '%Y-%m-%d') AS DATE)
      ELSE NULL END`,
  // Salesforce ids: the 15-character case-sensitive form gets its 3-character checksum suffix
  `CREATE OR REPLACE TEMP MACRO hs_sf_chunk(s) AS substr('ABCDEFGHIJKLMNOPQRSTUVWXYZ012345', 1 + list_sum(list_transform(range(5), i -> CASE WHEN regexp_full_match(substr(s, i + 1, 1), '[A-Z]') THEN (1 << i) ELSE 0 END))::INTEGER, 1)`,
  `CREATE OR REPLACE TEMP MACRO hs_sf18(s) AS CASE WHEN regexp_full_match(s, '[a-zA-Z0-9]{15}') THEN s || hs_sf_chunk(substr(s, 1, 5)) || hs_sf_chunk(substr(s, 6, 5)) || hs_sf_chunk(substr(s, 11, 5)) ELSE s END`,
];
