import { simulatedTime } from '../clock';
import { ORG_TRAIL_ARN, SAMPLE_DRIFT, driftOfKind, type DriftItem } from '../drift';
import { SAMPLE_METRIC_FILTERS, TRAIL_CHANGES_ALARM, UNAUTHORIZED_API_CALLS_ALARM, type SampleMetricFilter } from './metric-filters';

/**
 * Alarm state over time. Each alarm (one per metric filter: Sum >= 1 over 5 minutes, missing
 * data not breaching) is OK except for the short ALARM spells the drift causes: StopLogging
 * and StartLogging on the organization trail trip the CloudTrail-changes alarm, and the denied
 * AssumeRole calls into log-archive trip the unauthorized-API-calls alarm. Transitions are
 * computed from the drift table; answers show the ones before the asked time.
 */
export interface AlarmTransition {
  readonly alarmName: string;
  /** Epoch ms. */
  readonly at: number;
  readonly from: 'INSUFFICIENT_DATA' | 'OK' | 'ALARM';
  readonly to: 'OK' | 'ALARM';
  readonly reason: string;
  /** The datapoint that crossed the threshold (ALARM only), epoch ms of its period start. */
  readonly datapointAt?: number;
}

const MINUTE = 60_000;
const NON_BREACHING = 'Threshold Crossed: no datapoints were received for 1 period and 1 missing datapoint was treated as [NonBreaching].';

function crossed(datapointAt: number): string {
  const d = new Date(datapointAt);
  const pad = (n: number) => String(n).padStart(2, '0');
  const when = `${pad(d.getUTCDate())}/${pad(d.getUTCMonth() + 1)}/${pad(d.getUTCFullYear() % 100)} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:00`;
  return `Threshold Crossed: 1 datapoint [1.0 (${when})] was greater than or equal to the threshold (1.0).`;
}

/** An event at `eventAt` trips the alarm at the end of its 5-minute period; OK one period later. */
function spell(alarmName: string, eventAt: number): AlarmTransition[] {
  const periodStart = Math.floor(eventAt / (5 * MINUTE)) * 5 * MINUTE;
  const alarmAt = periodStart + 5 * MINUTE + 38_412;
  return [
    { alarmName, at: alarmAt, from: 'OK', to: 'ALARM', reason: crossed(periodStart), datapointAt: periodStart },
    { alarmName, at: alarmAt + 5 * MINUTE, from: 'ALARM', to: 'OK', reason: NON_BREACHING },
  ];
}

export function alarmTransitions(f: SampleMetricFilter, startMs: number, drift: readonly DriftItem[] = SAMPLE_DRIFT): AlarmTransition[] {
  const out: AlarmTransition[] = [{ alarmName: f.alarmName, at: f.creationTime + 2 * MINUTE + 7_301, from: 'INSUFFICIENT_DATA', to: 'OK', reason: NON_BREACHING }];
  if (f.alarmName === TRAIL_CHANGES_ALARM) {
    for (const d of driftOfKind('trail-stopped', drift).filter((x) => x.effect.trailArn === ORG_TRAIL_ARN)) {
      // The same StopLogging / StartLogging times GetTrailStatus reports (state/trails.ts).
      out.push(...spell(f.alarmName, simulatedTime(startMs, d.firstDay - 1, 22, 31, 8, 604)));
      out.push(...spell(f.alarmName, simulatedTime(startMs, d.lastDay + 1, 3, 12, 55, 208)));
    }
  }
  if (f.alarmName === UNAUTHORIZED_API_CALLS_ALARM) {
    for (const d of driftOfKind('assume-role-denied', drift)) {
      // The daily collection's AssumeRole attempts at 06:00 are logged as AccessDenied.
      for (let day = d.firstDay; day <= d.lastDay; day++) out.push(...spell(f.alarmName, simulatedTime(startMs, day, 6, 0, 4, 117)));
    }
  }
  return out.sort((a, b) => a.at - b.at);
}

export function alarmFilters(account: string, region: string): SampleMetricFilter[] {
  return SAMPLE_METRIC_FILTERS.filter((f) => f.account === account && f.region === region)
    .sort((a, b) => (a.alarmName < b.alarmName ? -1 : 1));
}

/** The alarm's latest transition at or before `now`. */
export function alarmStateAt(f: SampleMetricFilter, startMs: number, now: number): AlarmTransition {
  const past = alarmTransitions(f, startMs).filter((t) => t.at <= now);
  return past.at(-1) ?? { alarmName: f.alarmName, at: f.creationTime, from: 'INSUFFICIENT_DATA', to: 'OK', reason: NON_BREACHING };
}
