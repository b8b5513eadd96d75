import type { RuleParams } from '../rule-params';
import type { DayArtifact, EvalContext, ResourceResult, Rule } from '../types';
import { byKey, compareText, obj, objs, shown, str } from './answer-fields';
import { answersFor, checkResult, evidence, notEvidenced, responseOf, type JsonObject } from './util';

const RECORDERS = 'config:DescribeConfigurationRecorders';
const RECORDER_STATUS = 'config:DescribeConfigurationRecorderStatus';
const CHANNELS = 'config:DescribeDeliveryChannels';
const READS = [RECORDERS, RECORDER_STATUS, CHANNELS];

/**
 * AWS Config records configuration changes continuously (SOC 2 CC7.1, ISO 27001 A.8.9): in every
 * account × region the customer-managed recorder (service-linked recorders, which carry a
 * servicePrincipal, record for their service only) records all supported resource types
 * (recordingGroup.allSupported true, or recordingStrategy.useOnly ALL_SUPPORTED_RESOURCE_TYPES),
 * its status says recording true and lastStatus is not Failure, and a delivery channel exists.
 * Per account, one such region must also set includeGlobalResourceTypes true: IAM users, groups,
 * roles and policies are recorded only with that flag, whatever the recording strategy.
 */
interface RegionResult { result: ResourceResult; recorder?: JsonObject }

const first = (ctx: EvalContext, op: string, account: string, region: string): DayArtifact | undefined => byKey(answersFor(ctx, op, account, region))[0];

function judgeRegion(ctx: EvalContext, account: string, region: string): RegionResult {
  const resource = `${account}/${region}`;
  const [recs, status, channels] = READS.map((op) => first(ctx, op, account, region));
  if (!recs || !status || !channels) return { result: notEvidenced(ctx, resource, account, region, READS.filter((op) => !first(ctx, op, account, region))) };
  const base = { resource, account, region, evidence: evidence(recs, status, channels) };
  const fail = (reason: string): RegionResult => ({ result: { ...base, verdict: 'fail', reason } });
  const recorder = objs(responseOf(recs), 'ConfigurationRecorders')
    .filter((r) => !str(r, 'servicePrincipal'))
    .sort((a, b) => compareText(str(a, 'name') ?? '', str(b, 'name') ?? ''))[0];
  if (!recorder) return fail('ConfigurationRecorders has no customer-managed recorder: AWS Config is not recording in this region');
  const name = str(recorder, 'name') ?? '(unnamed)';
  const group = obj(recorder, 'recordingGroup');
  const strategy = str(obj(group, 'recordingStrategy'), 'useOnly');
  if (group?.allSupported !== true && strategy !== 'ALL_SUPPORTED_RESOURCE_TYPES') {
    return fail(`recorder ${name}: recordingGroup.allSupported is ${shown(group?.allSupported)} (recordingStrategy.useOnly ${strategy ?? 'absent'})`);
  }
  const st = objs(responseOf(status), 'ConfigurationRecordersStatus').find((s) => str(s, 'name') === name);
  if (st?.recording !== true) return fail(`recorder ${name}: recording is ${shown(st?.recording)}${str(st, 'lastStopTime') ? ` (lastStopTime ${str(st, 'lastStopTime')})` : ''}`);
  if (str(st, 'lastStatus') === 'Failure') return fail(`recorder ${name}: lastStatus is Failure (${str(st, 'lastErrorCode') ?? 'no lastErrorCode'})`);
  const channel = objs(responseOf(channels), 'DeliveryChannels')[0];
  if (!channel) return fail(`recorder ${name} is recording but DeliveryChannels is empty: configuration items are not delivered`);
  const reason = `recorder ${name} records all supported resource types and recording is true; delivery channel ${str(channel, 'name') ?? '(unnamed)'} delivers to ${str(channel, 's3BucketName') ?? '(no s3BucketName)'}`;
  return { result: { ...base, verdict: 'pass', reason }, recorder };
}

function judgeGlobal(account: string, regions: readonly RegionResult[]): ResourceResult {
  const base = { resource: `${account}/global-resource-types`, account, region: '*' };
  const withGlobal = regions.find((r) => r.result.verdict === 'pass' && obj(r.recorder, 'recordingGroup')?.includeGlobalResourceTypes === true);
  if (withGlobal) return { ...base, verdict: 'pass', reason: `recordingGroup.includeGlobalResourceTypes is true in ${withGlobal.result.region}`, evidence: withGlobal.result.evidence };
  const unknown = regions.find((r) => r.result.verdict === 'not-evidenced');
  if (unknown) return { ...base, verdict: 'not-evidenced', reason: `no recording region sets includeGlobalResourceTypes so far, and ${unknown.result.reason}`, evidence: [] };
  const reason = 'no recording region has recordingGroup.includeGlobalResourceTypes true: IAM users, groups, roles and policies are not recorded';
  return { ...base, verdict: 'fail', reason, evidence: evidence() };
}

export const configRecorder: Rule<RuleParams<'config.recorder'>> = {
  id: 'config.recorder',
  reads: READS,
  evaluate(ctx) {
    const resources = ctx.accounts.flatMap((account) => {
      const regions = ctx.regions.map((region) => judgeRegion(ctx, account, region));
      return [...regions.map((r) => r.result), judgeGlobal(account, regions)];
    });
    return checkResult(this.id, resources);
  },
};

export const CONFIG_RULES = [configRecorder] as const;
