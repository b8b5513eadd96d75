import { CONFIG_RULES, configRecorder } from '../../src/evaluate/rules/config';
import type { DayGap } from '../../src/evaluate/types';
import { evalContext, type Answer } from '../support/eval-context';

/**
 * config.recorder over answers shaped like the AWS Config API Reference
 * (DescribeConfigurationRecorders, DescribeConfigurationRecorderStatus, DescribeDeliveryChannels).
 */
const ACCOUNT = '123456789012';
const REGIONS = ['us-east-1', 'us-west-2'];

const recorder = (group: object = {}, extra: object = {}): object => ({
  arn: `arn:aws:config:us-east-1:${ACCOUNT}:configuration-recorder/default/abcdefghijklmnop`, name: 'default', roleARN: `arn:aws:iam::${ACCOUNT}:role/aws-service-role/config.amazonaws.com/AWSServiceRoleForConfig`,
  recordingGroup: { allSupported: true, includeGlobalResourceTypes: false, resourceTypes: [], exclusionByResourceTypes: { resourceTypes: [] }, recordingStrategy: { useOnly: 'ALL_SUPPORTED_RESOURCE_TYPES' }, ...group },
  recordingMode: { recordingFrequency: 'CONTINUOUS', recordingModeOverrides: [] }, recordingScope: 'PAID', ...extra,
});

interface Region { recorders?: object[]; status?: object; channels?: object[] }

function region(name: string, o: Region = {}): Answer[] {
  const ask = (operation: string, response: object): Answer => ({ service: 'config', operation, input: {}, account: ACCOUNT, region: name, response });
  return [
    ask('DescribeConfigurationRecorders', { ConfigurationRecorders: o.recorders ?? [recorder({ includeGlobalResourceTypes: name === 'us-east-1' })] }),
    ask('DescribeConfigurationRecorderStatus', { ConfigurationRecordersStatus: [{ name: 'default', lastStartTime: new Date('2025-02-03T17:42:05Z'), recording: true, lastStatus: 'Success', lastStatusChangeTime: new Date('2026-07-15T05:48:11Z'), ...o.status }] }),
    ask('DescribeDeliveryChannels', { DeliveryChannels: o.channels ?? [{ name: 'default', s3BucketName: 'config-bucket-123456789012', configSnapshotDeliveryProperties: { deliveryFrequency: 'TwentyFour_Hours' } }] }),
  ];
}

const verdicts = (r: { resources: Array<{ resource: string; verdict: string }> }): Record<string, string> => Object.fromEntries(r.resources.map((x) => [x.resource, x.verdict]));

describe('config.recorder', () => {
  it('recording all supported types in every region, with global types in the home region, passes', () => {
    const r = configRecorder.evaluate(evalContext([...region('us-east-1'), ...region('us-west-2')]), {});
    expect(verdicts(r)).toEqual({ [`${ACCOUNT}/global-resource-types`]: 'pass', [`${ACCOUNT}/us-east-1`]: 'pass', [`${ACCOUNT}/us-west-2`]: 'pass' });
    expect(r.resources.find((x) => x.resource === `${ACCOUNT}/us-west-2`)!.reason).toBe('recorder default records all supported resource types and recording is true; delivery channel default delivers to config-bucket-123456789012');
  });

  it('a stopped recorder (recording false) fails the region', () => {
    const r = configRecorder.evaluate(evalContext([...region('us-east-1'), ...region('us-west-2', { status: { recording: false, lastStopTime: new Date('2026-07-14T21:03:00Z') } })]), {});
    expect(r.resources.find((x) => x.resource === `${ACCOUNT}/us-west-2`)).toMatchObject({ verdict: 'fail', reason: 'recorder default: recording is false (lastStopTime 2026-07-14T21:03:00.000Z)' });
  });

  it('recording only chosen resource types (INCLUSION_BY_RESOURCE_TYPES) fails', () => {
    const only = recorder({ allSupported: false, resourceTypes: ['AWS::S3::Bucket'], recordingStrategy: { useOnly: 'INCLUSION_BY_RESOURCE_TYPES' } });
    const r = configRecorder.evaluate(evalContext([...region('us-east-1'), ...region('us-west-2', { recorders: [only] })]), {});
    expect(r.resources.find((x) => x.resource === `${ACCOUNT}/us-west-2`)!.reason).toBe('recorder default: recordingGroup.allSupported is false (recordingStrategy.useOnly INCLUSION_BY_RESOURCE_TYPES)');
  });

  it('a region where Config was never set up (empty lists) fails', () => {
    const r = configRecorder.evaluate(evalContext([...region('us-east-1'), ...region('us-west-2', { recorders: [], channels: [] })]), {});
    expect(verdicts(r)[`${ACCOUNT}/us-west-2`]).toBe('fail');
  });

  it('a service-linked recorder alone does not count', () => {
    const linked = recorder({}, { name: 'AWSConfigurationRecorderForSecurityHub', servicePrincipal: 'securityhub.amazonaws.com', recordingScope: 'INTERNAL' });
    const r = configRecorder.evaluate(evalContext([...region('us-east-1'), ...region('us-west-2', { recorders: [linked] })]), {});
    expect(r.resources.find((x) => x.resource === `${ACCOUNT}/us-west-2`)!.reason).toBe('ConfigurationRecorders has no customer-managed recorder: AWS Config is not recording in this region');
  });

  it('a recorder without a delivery channel fails', () => {
    const r = configRecorder.evaluate(evalContext([...region('us-east-1'), ...region('us-west-2', { channels: [] })]), {});
    expect(r.resources.find((x) => x.resource === `${ACCOUNT}/us-west-2`)!.reason).toBe('recorder default is recording but DeliveryChannels is empty: configuration items are not delivered');
  });

  it('no region recording global resource types fails the account-level check', () => {
    const r = configRecorder.evaluate(evalContext(REGIONS.flatMap((n) => region(n, { recorders: [recorder()] }))), {});
    expect(r.resources.find((x) => x.resource === `${ACCOUNT}/global-resource-types`)).toMatchObject({ region: '*', verdict: 'fail' });
  });

  it('a region whose recorders could not be described is not evidenced', () => {
    const g: DayGap = { collector: 'config', account: ACCOUNT, region: 'us-west-2', operation: 'config:DescribeConfigurationRecorders', errorCode: 'AccessDeniedException' };
    const answers = [...region('us-east-1'), ...region('us-west-2').filter((a) => a.operation !== 'DescribeConfigurationRecorders')];
    const r = configRecorder.evaluate(evalContext(answers, [g]), {});
    expect(r.resources.find((x) => x.resource === `${ACCOUNT}/us-west-2`)).toMatchObject({ verdict: 'not-evidenced', reason: `config:DescribeConfigurationRecorders was not answered (AccessDeniedException) in ${ACCOUNT} us-west-2` });
    expect(r.verdict).toBe('not-evidenced');
  });

  it('shuffled answers give byte-identical results', () => {
    const answers = [...region('us-east-1'), ...region('us-west-2', { status: { recording: false } }), ...region('us-west-2')];
    const run = (list: Answer[]): string => JSON.stringify(CONFIG_RULES.map((rule) => rule.evaluate(evalContext(list), {})));
    const reference = run(answers);
    for (let k = 1; k < answers.length; k++) expect(run([...answers.slice(k), ...answers.slice(0, k)].reverse())).toBe(reference);
  });
});
