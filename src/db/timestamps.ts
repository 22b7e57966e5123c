/*
 * Instants are stored in TIMESTAMP columns (no time zone) as UTC, and bound as text so that the
 * same SQL runs on DuckDB and PostgreSQL: `CAST($1 AS TIMESTAMP)` in, `CAST(col AS VARCHAR)` out.
 */

/** An instant as UTC text a TIMESTAMP column accepts: `2026-10-31 12:00:00.000`. */
export function timestampParam(instant: Date): string {
  return instant.toISOString().replace('T', ' ').replace('Z', '');
}

/** A TIMESTAMP read as text (`CAST(col AS VARCHAR)`, UTC) as an instant; null stays null. */
export function readTimestamp(value: unknown): Date | null {
  if (value instanceof Date) return value;
  if (typeof value !== 'string') return null;
  return new Date(`${value.replace(' ', 'T')}Z`);
}
