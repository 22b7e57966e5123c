/**
 * Calendar arithmetic on day numbers for the demo generator. Days are counted from
 * 1970-01-01 (proleptic Gregorian, UTC); no Date objects, no clock.
 */

/** Days since 1970-01-01 of a civil date; month 1-12 (Hinnant, "chrono-Compatible Low-Level Date Algorithms"). */
export function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const mp = (month + 9) % 12;
  const doy = Math.floor((153 * mp + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/** Scratch output of civilFromDays: [year, month 1-12, day 1-31]. */
const civil = new Int32Array(3);

/** Writes the civil date of a day number into the shared scratch array and returns it. */
function civilFromDays(days: number): Int32Array {
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor(
    (doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365,
  );
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  civil[0] = yoe + era * 400 + (month <= 2 ? 1 : 0);
  civil[1] = month;
  civil[2] = day;
  return civil;
}

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function daysInMonth(year: number, month: number): number {
  if (month === 2 && isLeapYear(year)) return 29;
  return MONTH_DAYS[month - 1] ?? 31;
}

/** The day number `months` calendar months after `days`, clamping the day of month (Jan 31 + 1 = Feb 28/29). */
export function addMonths(days: number, months: number): number {
  const c = civilFromDays(days);
  const monthIndex = (c[1] ?? 1) - 1 + months;
  const year = (c[0] ?? 1970) + Math.floor(monthIndex / 12);
  const month = (((monthIndex % 12) + 12) % 12) + 1;
  const day = Math.min(c[2] ?? 1, daysInMonth(year, month));
  return daysFromCivil(year, month, day);
}

/** 'YYYY-MM-DD' of a day number. */
export function formatDay(days: number): string {
  const c = civilFromDays(days);
  const year = String(c[0]).padStart(4, '0');
  const month = String(c[1]).padStart(2, '0');
  const day = String(c[2]).padStart(2, '0');
  return `${year}-${month}-${day}`;
}

/** Parses a strict 'YYYY-MM-DD' date to its day number; undefined when it is not a real date. */
export function parseDay(text: string): number | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!match) return undefined;
  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return undefined;
  return daysFromCivil(year, month, day);
}

/**
 * Day offsets relative to the first day of a data window, with their ISO strings
 * precomputed: formatting dates is the hot path of row generation.
 */
export class DayTable {
  /** Day number of offset 0 (the window's first day). */
  readonly origin: number;
  private readonly labels: string[];

  constructor(origin: number, length: number) {
    this.origin = origin;
    this.labels = new Array<string>(length);
    for (let d = 0; d < length; d += 1) this.labels[d] = formatDay(origin + d);
  }

  /** 'YYYY-MM-DD' of window offset `offset` (any offset; precomputed inside the table). */
  iso(offset: number): string {
    return this.labels[offset] ?? formatDay(this.origin + offset);
  }

  /** The window offset `months` calendar months after window offset `offset`. */
  addMonths(offset: number, months: number): number {
    return addMonths(this.origin + offset, months) - this.origin;
  }
}
