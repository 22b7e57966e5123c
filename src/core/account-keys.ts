/**
 * How silos that share no ids still find the same customer: names and web domains reduced to
 * keys (case, punctuation, legal suffixes and `www.` ignored). The store applies the same
 * rules in SQL; tests check the two agree.
 */

/** Legal-form words dropped from the end of a company name. */
export const LEGAL_SUFFIXES: readonly string[] = [
  'inc',
  'incorporated',
  'llc',
  'llp',
  'lp',
  'ltd',
  'limited',
  'gmbh',
  'mbh',
  'ag',
  'kg',
  'corp',
  'corporation',
  'co',
  'company',
  'plc',
  'sa',
  'sas',
  'sarl',
  'srl',
  'spa',
  'bv',
  'nv',
  'ab',
  'as',
  'oy',
  'oyj',
  'pty',
  'kk',
  'se',
  'sl',
];

/** `Acme, Inc.` and `ACME Inc` → `acme`; `Müller & Söhne GmbH` → `müller and söhne`. */
export function nameKey(name: string): string {
  const key = name
    .toLowerCase()
    .replace(/&/g, ' and ')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim()
    .replace(/\s+/g, ' ');
  const suffix = new RegExp(`(?:\\s(?:${LEGAL_SUFFIXES.join('|')}))+$`);
  // the first word always stays: a suffix must follow a space
  return key.replace(suffix, '');
}

/** `https://www.Acme.com/about` → `acme.com`; a value without a dot has no domain key. */
export function domainKey(domain: string): string | null {
  const key = domain
    .trim()
    .toLowerCase()
    .replace(/^[a-z][a-z0-9+.-]*:\/\//, '')
    .replace(/^[^@/]*@/, '')
    .replace(/^www\d*\./, '')
    .replace(/[/:?#].*$/, '')
    .replace(/\.$/, '');
  return key.includes('.') ? key : null;
}
