import { EvidenceError } from '../core/errors';
import { SAMPLE_START_DATE, parseStartDate, simulatedTime } from './clock';
import { SAMPLE_ORGANIZATION, findSampleAccount } from './organization';
import type { SampleScope } from './router';

/** Options of createSampleRequestHandler (and, with host/port, of startSampleServer). */
export interface SampleHandlerOptions {
  /**
   * 12-digit id of the account whose credentials the caller holds: one of
   * SAMPLE_ORGANIZATION.accounts, or any 12-digit id when `actAs` names the sample account
   * whose recordings it reuses (a synthetic account, for benchmarks of large organizations).
   */
  readonly account: string;
  /** Sample account id whose recordings a synthetic `account` answers with. */
  readonly actAs?: string;
  /** 0-based simulated day (0 = startDate). */
  readonly day: number;
  /** Calendar date of day 0, default 2025-07-01 (Q3 2025 has 92 days). */
  readonly startDate?: string;
  /**
   * Simulated "now" for what the caller changes (SetAlarmState during an escalation drill) and
   * for what appears after it (alarm actions, SNS delivery logs); default 06:00 UTC of `day`.
   */
  readonly now?: () => Date;
}

/**
 * Checks the options once, at construction, so a typo fails at start-up rather than as a
 * stream of odd answers: unknown keys, an account outside the sample, a day that is not a
 * whole number >= 0, a start date that is not a calendar date.
 */
export function resolveSampleScope(options: SampleHandlerOptions, extraKeys: readonly string[] = []): SampleScope {
  const allowed = new Set(['account', 'day', 'startDate', 'actAs', 'now', ...extraKeys]);
  const unknown = Object.keys(options).filter((k) => !allowed.has(k));
  if (unknown.length > 0) {
    throw new EvidenceError('CONFIG_INVALID', `unknown sample option(s) ${unknown.join(', ')}; expected ${[...allowed].join(', ')}`);
  }
  const ids = SAMPLE_ORGANIZATION.accounts.map((a) => `${a.id} (${a.role})`).join(', ');
  if (options.actAs !== undefined && !/^\d{12}$/.test(options.account)) {
    throw new EvidenceError('CONFIG_INVALID', `a synthetic sample account must be 12 digits, found "${options.account}"`);
  }
  const account = findSampleAccount(options.actAs ?? options.account);
  if (!account) {
    const what = options.actAs === undefined ? 'sample account' : 'sample actAs';
    throw new EvidenceError('CONFIG_INVALID', `${what} must be one of ${ids}, found "${options.actAs ?? options.account}"`);
  }
  if (!Number.isInteger(options.day) || options.day < 0) {
    throw new EvidenceError('CONFIG_INVALID', `sample day must be a whole number >= 0, found ${String(options.day)}`);
  }
  if (options.now !== undefined && typeof options.now !== 'function') {
    throw new EvidenceError('CONFIG_INVALID', 'sample now must be a function answering the simulated time');
  }
  const startMs = parseStartDate(options.startDate ?? SAMPLE_START_DATE);
  const collectionTime = simulatedTime(startMs, options.day, 6, 0, 0);
  const now = options.now === undefined ? () => collectionTime : () => options.now!().getTime();
  return { account, accountId: options.account, day: options.day, startMs, now, drills: [] };
}
