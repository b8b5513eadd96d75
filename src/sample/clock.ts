import { EvidenceError } from '../core/errors';

/**
 * Simulated time for the sample organization. Day 0 is `startDate` (UTC midnight); the
 * default period is Q3 2025, which has exactly 92 days like the demo. Only values that a
 * real API reports as moving with time (GetTrailStatus delivery times) use this clock;
 * everything else in the recordings is fixed so unchanged state hashes the same.
 */
export const SAMPLE_START_DATE = '2025-07-01';

const DAY_MS = 86_400_000;

export function parseStartDate(startDate: string): number {
  const ms = /^\d{4}-\d{2}-\d{2}$/.test(startDate) ? Date.parse(`${startDate}T00:00:00Z`) : Number.NaN;
  if (Number.isNaN(ms)) {
    throw new EvidenceError('CONFIG_INVALID', `sample startDate must be a calendar date like 2025-07-01, found "${startDate}"`);
  }
  return ms;
}

/** Epoch milliseconds of `hh:mm:ss.mmm` UTC on simulated `day`. */
export function simulatedTime(startMs: number, day: number, hh: number, mm: number, ss: number, ms = 0): number {
  return startMs + day * DAY_MS + ((hh * 60 + mm) * 60 + ss) * 1000 + ms;
}

/** awsJson timestamps are epoch seconds as a JSON number (fractional milliseconds allowed). */
export function epochSeconds(ms: number): number {
  return ms / 1000;
}

/** The "no longer in use" string timestamps CloudTrail still returns, second precision. */
export function isoSeconds(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}
