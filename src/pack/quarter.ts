import { EvidenceError } from '../core/errors';
import type { PackPeriod } from './model';

/**
 * Calendar quarters (docs/formats/pack-v1.md §period), UTC: Q1 = January-March … Q4 =
 * October-December. A pack covers exactly one.
 */
const QUARTER = /^(\d{4})-Q([1-4])$/;
const DAY_MS = 86_400_000;

/** Parses `YYYY-Q[1-4]` or refuses it as a USAGE error naming the option. */
export function parseQuarter(value: string, option = '--quarter'): PackPeriod {
  const m = QUARTER.exec(value);
  if (m === null) {
    throw new EvidenceError('USAGE', `${option}: '${value}' is not a quarter; expected YYYY-Q1 … YYYY-Q4, e.g. 2026-Q3`);
  }
  const year = Number(m[1]);
  const q = Number(m[2]);
  if (year < 1970) throw new EvidenceError('USAGE', `${option}: '${value}': the year must be 1970 or later`);
  const start = Date.UTC(year, (q - 1) * 3, 1);
  const next = Date.UTC(year, q * 3, 1);
  return {
    quarter: value,
    start: isoDay(start),
    end: isoDay(next - DAY_MS),
    days: Math.round((next - start) / DAY_MS),
  };
}

/** The quarter a `YYYY-MM-DD` day falls in, e.g. `2026-07-01` → `2026-Q3`. */
export function quarterOf(day: string): string {
  const month = Number(day.slice(5, 7));
  return `${day.slice(0, 4)}-Q${Math.floor((month - 1) / 3) + 1}`;
}

/** Every day of the period, in order. */
export function* periodDays(period: PackPeriod): Generator<string> {
  const start = Date.parse(`${period.start}T00:00:00Z`);
  for (let i = 0; i < period.days; i++) yield isoDay(start + i * DAY_MS);
}

function isoDay(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}
