import type { JsonValue } from '../../core/canonical';
import type { DayArtifact, EvalContext } from '../types';
import { answersFor, isObject, responseOf, type JsonObject } from './util';

/**
 * Reading the CloudWatch side of the detection chain: CloudTrail log group → metric filter →
 * metric → alarm → actions (SOC 2 CC7.2/CC7.3, ISO 27001 A.8.16). Answers are read in artifact
 * key order (content addresses), so the result never depends on the manifest's order.
 */

export const METRIC_FILTERS = 'logs:DescribeMetricFilters';
export const ALARMS = 'cloudwatch:DescribeAlarms';

export const objects = (v: JsonValue | undefined): JsonObject[] => (Array.isArray(v) ? v.filter(isObject) : []);
export const text = (v: JsonValue | undefined): string | undefined => (typeof v === 'string' ? v : undefined);
export const texts = (v: JsonValue | undefined): string[] => (Array.isArray(v) ? v.filter((s): s is string => typeof s === 'string') : []);
export const byKey = (a: DayArtifact, b: DayArtifact): number => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);
export const compare = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

export interface Metric {
  name: string;
  namespace: string;
}

export interface MetricFilter {
  name: string;
  pattern: string;
  logGroup: string;
  region: string;
  metrics: Metric[];
  source: DayArtifact;
}

export interface Alarm {
  kind: 'MetricAlarm' | 'CompositeAlarm';
  name: string;
  arn: string;
  account: string;
  region: string;
  actionsEnabled: boolean;
  actions: string[];
  /** The metrics it watches: MetricName/Namespace, or each MetricStat of a metric-math alarm. */
  metrics: Metric[];
  alarmRule: string;
  source: DayArtifact;
}

/** Every metric filter of the account, all regions, sorted by region and name. */
export function metricFiltersOf(ctx: EvalContext, account: string): MetricFilter[] {
  const seen = new Map<string, MetricFilter>();
  for (const a of [...answersFor(ctx, METRIC_FILTERS, account)].sort(byKey)) {
    for (const f of objects(responseOf(a)?.metricFilters)) {
      const region = a.artifact.request.region;
      const name = text(f.filterName) ?? '';
      const metrics = objects(f.metricTransformations).map((t) => ({ name: text(t.metricName) ?? '', namespace: text(t.metricNamespace) ?? '' }));
      const key = `${region}\u0000${text(f.logGroupName) ?? ''}\u0000${name}`;
      if (!seen.has(key)) seen.set(key, { name, pattern: text(f.filterPattern) ?? '', logGroup: text(f.logGroupName) ?? '', region, metrics, source: a });
    }
  }
  return [...seen.values()].sort((x, y) => compare(`${x.region}\u0000${x.name}\u0000${x.logGroup}`, `${y.region}\u0000${y.name}\u0000${y.logGroup}`));
}

/** A CloudWatch Logs log group named by its ARN. */
export interface LogGroupRef {
  account: string;
  region: string;
  name: string;
}

// `arn:<partition>:logs:<region>:<account>:log-group:<name>` with CloudTrail's trailing `:*` (Trail.CloudWatchLogsLogGroupArn); names have no colon.
const LOG_GROUP_ARN = /^arn:[\w-]+:logs:([a-z0-9-]+):(\d{12}):log-group:([^:]+)(?::\*)?$/;

export function parseLogGroupArn(arn: string): LogGroupRef | undefined {
  const m = LOG_GROUP_ARN.exec(arn);
  return m?.[1] && m[2] && m[3] ? { region: m[1], account: m[2], name: m[3] } : undefined;
}

// Whitespace-insensitive: `$.errorCode = "*UnauthorizedOperation"` and `$.errorCode="*UnauthorizedOperation"` are the same filter.
const squeeze = (s: string): string => s.replace(/\s+/g, '');

/** Whether the filter pattern contains every one of the required strings. */
export function patternContains(pattern: string, required: readonly string[]): boolean {
  return required.every((r) => squeeze(pattern).includes(squeeze(r)));
}

/** Every metric and composite alarm of the account (one region when given), sorted by ARN. */
export function alarmsOf(ctx: EvalContext, account: string, region?: string): Alarm[] {
  const seen = new Map<string, Alarm>();
  for (const a of [...answersFor(ctx, ALARMS, account, region)].sort(byKey)) {
    const response = responseOf(a);
    for (const kind of ['MetricAlarm', 'CompositeAlarm'] as const) {
      for (const al of objects(response?.[`${kind}s`])) {
        const name = text(al.AlarmName) ?? '';
        const arn = text(al.AlarmArn) ?? `${a.artifact.request.region}:${name}`;
        if (seen.has(arn)) continue;
        const stats = objects(al.Metrics).flatMap((q) => (isObject(q.MetricStat) && isObject(q.MetricStat.Metric) ? [q.MetricStat.Metric] : []));
        const metrics = [al, ...stats].filter((m) => typeof m.MetricName === 'string').map((m) => ({ name: text(m.MetricName) ?? '', namespace: text(m.Namespace) ?? '' }));
        seen.set(arn, {
          kind, name, arn, account, region: a.artifact.request.region, actionsEnabled: al.ActionsEnabled === true,
          actions: texts(al.AlarmActions), metrics, alarmRule: text(al.AlarmRule) ?? '', source: a,
        });
      }
    }
  }
  return [...seen.values()].sort((x, y) => compare(x.arn, y.arn));
}

export const watches = (alarm: Alarm, m: Metric): boolean => alarm.metrics.some((w) => w.name === m.name && w.namespace === m.namespace);

/** The reason an alarm does not notify anyone by itself, or undefined when it does. */
export function silentBecause(alarm: Alarm): string | undefined {
  if (!alarm.actionsEnabled) return `alarm "${alarm.name}" has ActionsEnabled false`;
  if (alarm.actions.length === 0) return `alarm "${alarm.name}" has no AlarmActions`;
  return undefined;
}

/**
 * A composite alarm that notifies for this one: a metric alarm without actions of its own is
 * the usual child of a composite alarm (AlarmRule `ALARM("name")` or by ARN) that notifies.
 */
export function notifyingParent(alarm: Alarm, all: readonly Alarm[]): Alarm | undefined {
  return all.find(
    (p) => p.kind === 'CompositeAlarm' && p.region === alarm.region && silentBecause(p) === undefined
      && (p.alarmRule.includes(alarm.arn) || p.alarmRule.includes(`"${alarm.name}"`) || p.alarmRule.includes(`(${alarm.name})`)),
  );
}
