import { EvidenceError } from '../core/errors';

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Parses a YYYY-MM-DD calendar date (UTC) or refuses it, naming the option. */
export function parseDate(value: string, option: string): Date {
  const m = DATE.exec(value);
  const date = m ? new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))) : undefined;
  if (!date || date.toISOString().slice(0, 10) !== value) {
    throw new EvidenceError('USAGE', `${option}: '${value}' is not a calendar date in the form YYYY-MM-DD`);
  }
  return date;
}

export function isoDate(date: Date): string {
  return date.toISOString().slice(0, 10);
}

export function addDays(date: Date, days: number): Date {
  return new Date(date.getTime() + days * 86_400_000);
}

export function parsePositiveInt(value: string, option: string, max: number): number {
  if (!/^\d+$/.test(value) || Number(value) < 1 || Number(value) > max) {
    throw new EvidenceError('USAGE', `${option}: '${value}' must be a whole number from 1 to ${max}`);
  }
  return Number(value);
}
