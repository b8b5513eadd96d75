import { DescribeAlarmsCommand, ListTagsForResourceCommand } from '@aws-sdk/client-cloudwatch';
import { EvidenceError, describeError } from '../core/errors';
import type { Signer } from '../signing/signer';
import type { Vault } from '../vault/vault';
import { realClock, resolveDrillTarget, runDrill, type DrillClients, type DrillClock } from './drill-run';
import type { DrillRecord } from './model';
import { sealRecords } from './seal-records';

/**
 * The scheduled drill (docs/drills.md §The drill function): every alarm of the region tagged
 * `<tagKey>` = `true` is drilled, side by side, and the drills are sealed together as one
 * manifest. A failed drill is sealed like a passed one (it fails the process control); an
 * opted-in alarm that cannot be drilled (no SNS action) is reported as a problem, after the
 * others are sealed, so the invocation fails visibly.
 */
export interface ScheduledDrillOptions {
  clients: DrillClients;
  vault: Vault;
  signer: Signer;
  tagKey: string;
  timeoutMs: number;
  resetToOk: boolean;
  organization?: string;
  clock?: DrillClock;
  warn?: (text: string) => void;
}

export interface ScheduledDrillResult {
  drills: DrillRecord[];
  /** The manifest that sealed them, null when no alarm is opted in. */
  manifest: { key: string; sha256: string } | null;
  /** Opted-in alarms that could not be drilled, with why. */
  problems: string[];
}

/** Alarm names tagged `tagKey` = `true` (DescribeAlarms pages, then ListTagsForResource per alarm). */
export async function optedInAlarms(clients: DrillClients, tagKey: string): Promise<string[]> {
  const arns: [string, string][] = [];
  let token: string | undefined;
  do {
    const page = await clients.cloudwatch.send(new DescribeAlarmsCommand({ AlarmTypes: ['MetricAlarm', 'CompositeAlarm'], NextToken: token }));
    for (const a of [...(page.MetricAlarms ?? []), ...(page.CompositeAlarms ?? [])]) if (a.AlarmName && a.AlarmArn) arns.push([a.AlarmName, a.AlarmArn]);
    token = page.NextToken;
  } while (token);
  const out: string[] = [];
  for (const [name, arn] of arns) {
    const tags = await clients.cloudwatch.send(new ListTagsForResourceCommand({ ResourceARN: arn }));
    if ((tags.Tags ?? []).some((t) => t.Key === tagKey && t.Value === 'true')) out.push(name);
  }
  return out;
}

export async function runScheduledDrills(o: ScheduledDrillOptions): Promise<ScheduledDrillResult> {
  const clock = o.clock ?? realClock;
  const alarms = await optedInAlarms(o.clients, o.tagKey).catch((e: unknown) => {
    throw new EvidenceError('AWS_UNAVAILABLE', `listing the alarms tagged ${o.tagKey}=true: ${describeError(e)}`, { cause: e });
  });
  const problems: string[] = [];
  const outcomes = await Promise.all(alarms.map(async (alarmName) => {
    try {
      const target = await resolveDrillTarget(o.clients, alarmName);
      return await runDrill(o.clients, target, { alarmName, trigger: 'scheduled', recordedBy: 'drill-scheduler', timeoutMs: o.timeoutMs, resetToOk: o.resetToOk, warn: o.warn }, clock);
    } catch (e) {
      problems.push(`${alarmName}: ${describeError(e)}`);
      return undefined;
    }
  }));
  const drills = outcomes.filter((d): d is DrillRecord => d !== undefined);
  if (drills.length === 0) return { drills, manifest: null, problems };
  const sealed = await sealRecords(o.vault, o.signer, drills, { now: clock.now(), organization: o.organization });
  return { drills, manifest: { key: sealed.key, sha256: sealed.sha256 }, problems };
}
