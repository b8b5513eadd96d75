import type { ControlVerdict } from '../evaluate/engine';
import type { PackJson, PackPeriod } from '../pack/model';

/**
 * Text helpers for the report. Pure: dates are computed from the pack's calendar strings in UTC
 * so the report never depends on the machine's clock or time zone.
 */

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** "2026-Q3 (2026-07-01 to 2026-09-30)": the period as auditors quote it. */
export function periodLabel(period: PackPeriod): string {
  return `${period.quarter} (${period.start} to ${period.end})`;
}

/** Every calendar day from start to end inclusive (YYYY-MM-DD), whatever pack.days holds. */
export function calendarDays(period: PackPeriod): string[] {
  const out: string[] = [];
  const end = Date.parse(`${period.end}T00:00:00Z`);
  for (let t = Date.parse(`${period.start}T00:00:00Z`); t <= end && out.length < 400; t += 86_400_000) {
    out.push(new Date(t).toISOString().slice(0, 10));
  }
  return out;
}

/** "July 2026" for "2026-07". */
export function monthName(yearMonth: string): string {
  const [year, month] = yearMonth.split('-');
  return `${MONTHS[Number(month) - 1] ?? yearMonth} ${year ?? ''}`.trim();
}

/** "2026-07-21 to 2026-07-27 (7 days)" or "2026-07-21 (1 day)". */
export function dateRange(from: string, to: string): string {
  const days = Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000) + 1;
  const span = from === to ? from : `${from} to ${to}`;
  return `${span} (${days} ${days === 1 ? 'day' : 'days'})`;
}

export const VERDICT_LABEL: Record<ControlVerdict, string> = {
  pass: 'pass',
  fail: 'fail',
  'not-applicable': 'not applicable',
  'not-evidenced': 'not evidenced',
  disabled: 'disabled',
};

/** `tagKey=data-classification, tagValues=student-data|course-content`; "no parameters" if empty. */
export function formatParams(params: unknown): string {
  if (params === null || typeof params !== 'object' || Array.isArray(params)) return params === undefined ? 'no parameters' : JSON.stringify(params);
  const entries = Object.entries(params as Record<string, unknown>);
  if (entries.length === 0) return 'no parameters';
  const value = (v: unknown): string => (Array.isArray(v) ? v.map(value).join(' | ') : typeof v === 'string' ? v : JSON.stringify(v));
  return entries.map(([k, v]) => `${k} = ${value(v)}`).join('; ');
}

/**
 * Splits a hash into groups a reader can compare by eye ("3f2a 9c01 …"); spaces also give the
 * line wrapper places to break, so a 64-hex value never overflows a narrow column.
 */
export function groupHex(hex: string, group = 8): string {
  const parts: string[] = [];
  for (let i = 0; i < hex.length; i += group) parts.push(hex.slice(i, i + group));
  return parts.join(' ');
}

/** Fingerprint as stored (e.g. "sha256:…") without the prefix for the `sha256sum` comparison. */
export function bareHex(value: string): string {
  return value.replace(/^sha256:/i, '');
}

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** The footer's left side: who and when, so a loose printed page still says what it belongs to. */
export function footerLabel(pack: PackJson): string {
  return `${pack.organization} - evidence report ${periodLabel(pack.period)}`;
}
