import { CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import { CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';
import { SNSClient } from '@aws-sdk/client-sns';
import { parseStartDate } from './clock';
import { createSampleRequestHandler } from './handler';
import { SAMPLE_ACCOUNTS } from './organization';
import { runDrill, resolveDrillTarget, type DrillClients, type DrillClock } from '../workflow/drill-run';
import type { DrillAckRecord, DrillRecord, WorkflowRecord } from '../workflow/model';

/**
 * The sample organization's monthly escalation drills (docs/sample-organization.md §Escalation
 * drills): on the first day of every month of the period at 10:00 UTC the drill function puts
 * the production alarm `brightpath-prod-student-records-bulk-export` into ALARM. Each drill runs
 * through the real drill runner and SDK clients against the sample, with a simulated clock
 * shared by the runner and the sample, so what it records follows from the sample's state that
 * day: the drill on the first of a quarter's third month falls in the `prod-pager-subscription-pending`
 * drift (days 56–63), finds the pager subscription PendingConfirmation and fails.
 * On-call acknowledges every drill that reached the pager.
 */
export const SAMPLE_DRILL_ALARM = 'brightpath-prod-student-records-bulk-export';
export const SAMPLE_DRILL_CHAIN = 'student-data-exfiltration';
const SAMPLE_CREDENTIALS = { accessKeyId: 'AKIASAMPLEDRILLS0000', secretAccessKey: 'sample-organization-no-aws-account-used' };
const DAY_MS = 86_400_000;
/** Minutes from the trigger to on-call's acknowledgement, month by month. */
const ACK_MINUTES = [6, 4, 9];

export interface SampleDrillStep {
  /** Day index from the start date, and when the step's records are sealed. */
  day: number;
  at: Date;
  records: WorkflowRecord[];
}

/** The drill days of a period: the first of each month from `start` over `days` days. */
export function sampleDrillDays(start: string, days: number): number[] {
  const startMs = parseStartDate(start);
  const out: number[] = [];
  for (let day = 0; day < days; day++) if (new Date(startMs + day * DAY_MS).getUTCDate() === 1) out.push(day);
  return out;
}

/** A simulated clock: sleeping moves it on, nothing waits. */
export function simulatedClock(startMs: number): DrillClock & { ms: number } {
  const clock = { ms: startMs, now: () => new Date(clock.ms), sleep: (ms: number) => ((clock.ms += ms), Promise.resolve()) };
  return clock;
}

/** One drill of the sample on `day`, at 10:00 UTC, as the drill function runs it. */
export async function runSampleDrill(start: string, day: number): Promise<DrillRecord> {
  const clock = simulatedClock(parseStartDate(start) + day * DAY_MS + 10 * 3_600_000);
  const handler = createSampleRequestHandler({ account: SAMPLE_ACCOUNTS.production.id, day, startDate: start, now: () => clock.now() });
  const config = { region: 'us-east-1', credentials: SAMPLE_CREDENTIALS, maxAttempts: 1, requestHandler: handler };
  const clients: DrillClients = { cloudwatch: new CloudWatchClient(config), sns: new SNSClient(config), logs: new CloudWatchLogsClient(config) };
  try {
    const target = await resolveDrillTarget(clients, SAMPLE_DRILL_ALARM, SAMPLE_DRILL_CHAIN);
    return await runDrill(clients, target, { alarmName: SAMPLE_DRILL_ALARM, chain: SAMPLE_DRILL_CHAIN, trigger: 'scheduled', recordedBy: 'drill-scheduler', timeoutMs: 300_000, pollMs: 5_000, resetToOk: true }, clock);
  } finally {
    clients.cloudwatch.destroy();
    clients.sns.destroy();
    clients.logs.destroy();
  }
}

/**
 * The period's drills and acknowledgements as steps to seal at their times: each drill when it
 * was recorded, each acknowledgement a minute after on-call gave it. For the demo's quarter.
 */
export async function runSampleDrills(start: string, days = 92): Promise<SampleDrillStep[]> {
  const steps: SampleDrillStep[] = [];
  for (const [i, day] of sampleDrillDays(start, days).entries()) {
    const drill = await runSampleDrill(start, day);
    steps.push({ day, at: new Date(drill.recordedAt), records: [drill] });
    if (drill.deliveries.some((d) => d.status === 'delivered')) {
      const acknowledgedAt = new Date(Date.parse(drill.triggeredAt) + (ACK_MINUTES[i % ACK_MINUTES.length] ?? 5) * 60_000 + 17_000);
      const ack: DrillAckRecord = {
        kind: 'drill-ack', drillId: drill.drillId, acknowledgedAt: acknowledgedAt.toISOString(), by: 'on-call-primary',
        note: 'paged by the drill; acknowledged in the pager', recordedAt: new Date(acknowledgedAt.getTime() + 60_000).toISOString(),
      };
      steps.push({ day, at: new Date(ack.recordedAt), records: [ack] });
    }
  }
  return steps;
}
