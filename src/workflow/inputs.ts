import { EvidenceError } from '../core/errors';

/**
 * Checks of what people type into the workflow commands, each refusal naming the option and the
 * value (docs/cli.md). Pure: the clock is an argument.
 */
const INSTANT = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3}))?)?(Z|[+-]\d{2}:\d{2})$/;

/** An ISO 8601 time with a zone (Z or ±hh:mm), as UTC with milliseconds. */
export function parseInstant(value: string, option: string): string {
  const m = INSTANT.exec(value);
  const t = m === null ? Number.NaN : Date.parse(value);
  // A real calendar time: Date.parse rolls 2026-02-30 over, so compare the date part in its own zone.
  if (m === null || Number.isNaN(t) || !sameWallDate(value, t)) {
    throw new EvidenceError('USAGE', `${option}: '${value}' is not a time like 2026-10-05T09:00Z or 2026-10-05T11:00:00+02:00 (a zone is required)`);
  }
  return new Date(t).toISOString();
}

function sameWallDate(value: string, t: number): boolean {
  const zone = value.endsWith('Z') ? 0 : Number(value.slice(-6, -3)) * 60 + Math.sign(Number(value.slice(-6, -3)) || 1) * Number(value.slice(-2));
  const wall = new Date(t + zone * 60_000).toISOString();
  return wall.slice(0, 16) === value.slice(0, 16);
}

/** A time not after `now`: records state what happened, not what will. */
export function notInFuture(at: string, now: Date, option: string): string {
  if (Date.parse(at) > now.getTime()) throw new EvidenceError('USAGE', `${option}: ${at} is in the future (now is ${now.toISOString()})`);
  return at;
}

const ROLE = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;

export function parseRole(value: string, option: string): string {
  if (!ROLE.test(value)) throw new EvidenceError('USAGE', `${option}: '${value}' is not a role; name a role such as compliance-lead or on-call (lowercase, hyphens), never a person`);
  return value;
}

export function parseYesNo(value: string, option: string): boolean {
  if (value === 'yes' || value === 'true') return true;
  if (value === 'no' || value === 'false') return false;
  throw new EvidenceError('USAGE', `${option}: expected yes or no, found '${value}'`);
}

const ID = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$/;

export function parseId(value: string, option: string): string {
  if (!ID.test(value)) throw new EvidenceError('USAGE', `${option}: '${value}' is not an id (letters, digits, . _ : -, at most 128)`);
  return value;
}

export function requireText(value: string, option: string, max = 4000): string {
  if (value.length > max) throw new EvidenceError('USAGE', `${option}: at most ${max} characters, found ${value.length}`);
  return value;
}
