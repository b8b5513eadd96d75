import { firstEvent, type Incident } from './incidents';
import type { NotificationPolicy, PolicyStep } from './policy';

/**
 * Each incident against the notification policy (templates/notification-policy.json): for every
 * step, met (with the margin), missed (by how much, done late or not done at all), still running
 * (time left as of `asOf`), or skipped because it does not apply, with the stated reason. Pure.
 */
export type DeadlineStatus = 'met' | 'missed' | 'running' | 'skipped';

export interface DeadlineResult {
  step: string;
  title: string;
  event: PolicyStep['event'];
  withinHours: number;
  /** Detection + withinHours; null when skipped. */
  dueAt: string | null;
  status: DeadlineStatus;
  /** When the step was done (its first event), or null. */
  doneAt: string | null;
  /** Seconds done before the deadline (met) or left (running); negative: how late (missed). */
  marginSeconds: number | null;
  reason: string;
}

export function evaluateDeadlines(incident: Incident, policy: NotificationPolicy, asOf: string): DeadlineResult[] {
  return policy.steps.map((step) => evaluateStep(incident, step, asOf));
}

function evaluateStep(incident: Incident, step: PolicyStep, asOf: string): DeadlineResult {
  const base = { step: step.id, title: step.title, event: step.event, withinHours: step.withinHours };
  const skip = skipReason(incident, step);
  const done = firstEvent(incident, step.event);
  if (skip !== null) return { ...base, dueAt: null, status: 'skipped', doneAt: done?.at ?? null, marginSeconds: null, reason: skip };
  const due = Date.parse(incident.detectedAt) + step.withinHours * 3_600_000;
  const dueAt = new Date(due).toISOString();
  if (done !== undefined) {
    const margin = Math.round((due - Date.parse(done.at)) / 1000);
    return margin >= 0
      ? { ...base, dueAt, status: 'met', doneAt: done.at, marginSeconds: margin, reason: `done ${formatDuration(elapsed(incident.detectedAt, done.at))} after detection, within ${step.withinHours} h` }
      : { ...base, dueAt, status: 'missed', doneAt: done.at, marginSeconds: margin, reason: `done ${formatDuration(elapsed(incident.detectedAt, done.at))} after detection: ${formatDuration(-margin)} past the ${step.withinHours} h deadline` };
  }
  const left = Math.round((due - Date.parse(asOf)) / 1000);
  return left >= 0
    ? { ...base, dueAt, status: 'running', doneAt: null, marginSeconds: left, reason: `not done yet; ${formatDuration(left)} left as of ${asOf}` }
    : { ...base, dueAt, status: 'missed', doneAt: null, marginSeconds: left, reason: `not done: ${formatDuration(-left)} past the ${step.withinHours} h deadline as of ${asOf}` };
}

function skipReason(incident: Incident, step: PolicyStep): string | null {
  const stated = incident.events.find((e) => e.event === 'detected')?.note ?? '';
  const why = (what: string): string => (stated === '' ? what : `${what}: ${stated}`);
  if (step.appliesWhen === 'customer-data' && !incident.detection.customerData) return why('no student or customer data involved (recorded at detection)');
  if (step.appliesWhen === 'regulator-required' && !incident.detection.regulatorRequired) return why('no customer contract or law requires regulator notification (recorded at detection)');
  return null;
}

function elapsed(from: string, to: string): number {
  return Math.round((Date.parse(to) - Date.parse(from)) / 1000);
}

/** 3 d 4 h, 26 h 10 min, 45 min, 30 s: whole units, for people. */
export function formatDuration(seconds: number): string {
  const s = Math.abs(seconds);
  if (s < 60) return `${s} s`;
  const minutes = Math.floor(s / 60);
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  return rest === 0 ? `${hours} h` : `${hours} h ${rest} min`;
}
