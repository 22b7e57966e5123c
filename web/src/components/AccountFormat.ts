/* Text and number formatting the account page needs beyond src/format.ts. */

const plain = new Intl.NumberFormat('en-US', { maximumFractionDigits: 2 });
const compact = new Intl.NumberFormat('en-US', { notation: 'compact', maximumFractionDigits: 1 });

/** A criterion's raw input: units differ per criterion, so plain up to 2 decimals, compact when large. */
export function formatRaw(value: number | null): string {
  if (value === null) return '—';
  return Math.abs(value) >= 100_000 ? compact.format(value) : plain.format(value);
}

/** "2026-11-23 01:23:37" (or ISO) → "2026-11-23 01:23": the API's timestamps to the minute. */
export function formatTimestamp(value: string): string {
  return value.replace('T', ' ').slice(0, 16);
}

/** Today as YYYY-MM-DD in the viewer's time zone, to compare with the API's calendar days. */
export function todayIso(): string {
  const now = new Date();
  const month = String(now.getMonth() + 1).padStart(2, '0');
  const day = String(now.getDate()).padStart(2, '0');
  return `${now.getFullYear()}-${month}-${day}`;
}

/** Whole days from one YYYY-MM-DD to another (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(to) - Date.parse(from)) / 86_400_000);
}
