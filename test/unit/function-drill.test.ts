import { CloudWatchClient, DescribeAlarmHistoryCommand, DescribeAlarmsCommand, ListTagsForResourceCommand, SetAlarmStateCommand } from '@aws-sdk/client-cloudwatch';
import { CloudWatchLogsClient, FilterLogEventsCommand } from '@aws-sdk/client-cloudwatch-logs';
import { ListSubscriptionsByTopicCommand, SNSClient } from '@aws-sdk/client-sns';
import { Logger } from '@aws-lambda-powertools/logger';
import type { ScheduledEvent } from 'aws-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import * as path from 'node:path';
import { createDrillHandler } from '../../functions/drill';
import { simulatedClock } from '../../src/sample';
import { LocalKeySigner } from '../../src/signing/local-signer';
import { LocalObjectStore } from '../../src/vault/local-store';
import { Vault } from '../../src/vault/vault';
import { readDrillConfig } from '../../src/workflow/drill-config';
import { loadRecords } from '../../src/workflow/load-records';
import { ACCOUNT, ALARM, ALARM_ARN, PAGER, TOPIC, TRIGGER, actionItem, deliveryLine, subscription } from '../support/drill-fixtures';
import { TEST_KEY } from '../support/keys';
import { lambdaContext } from '../support/lambda-context';
import { useTempDir } from '../support/temp';

// EventBridge scheduled event (cron(0 10 1 * ? *)), as delivered to the function.
const event: ScheduledEvent = {
  version: '0', id: '53dc4d37-cffa-4f76-80c9-8b7d4a4d2eaa', 'detail-type': 'Scheduled Event', source: 'aws.events', account: ACCOUNT,
  time: '2026-10-05T09:00:00Z', region: 'eu-west-1', resources: [`arn:aws:events:eu-west-1:${ACCOUNT}:rule/evidence-vault-drill`], detail: {},
};
const OTHER = 'billing-5xx-errors';

describe('drill function (scheduled, opt-in by tag)', () => {
  const cw = mockClient(CloudWatchClient);
  const sns = mockClient(SNSClient);
  const logs = mockClient(CloudWatchLogsClient);
  const tmp = useTempDir();
  beforeEach(() => {
    cw.reset();
    sns.reset();
    logs.reset();
    // Two pages of alarms; tags decide who is drilled.
    cw.on(DescribeAlarmsCommand, { AlarmTypes: ['MetricAlarm', 'CompositeAlarm'], NextToken: undefined })
      .resolves({ MetricAlarms: [{ AlarmName: ALARM, AlarmArn: ALARM_ARN, AlarmActions: [TOPIC] }], NextToken: 'p2' })
      .on(DescribeAlarmsCommand, { AlarmTypes: ['MetricAlarm', 'CompositeAlarm'], NextToken: 'p2' })
      .resolves({ MetricAlarms: [{ AlarmName: OTHER, AlarmArn: `arn:aws:cloudwatch:eu-west-1:${ACCOUNT}:alarm:${OTHER}`, AlarmActions: [TOPIC] }] })
      .on(DescribeAlarmsCommand, { AlarmNames: [ALARM], AlarmTypes: ['MetricAlarm', 'CompositeAlarm'] })
      .resolves({ MetricAlarms: [{ AlarmName: ALARM, AlarmArn: ALARM_ARN, AlarmActions: [TOPIC] }] });
    // aws-sdk-client-mock: the generic behaviour first, the one for a given input after it.
    cw.on(ListTagsForResourceCommand).resolves({ Tags: [{ Key: 'evidence-vault:drill', Value: 'false' }] })
      .on(ListTagsForResourceCommand, { ResourceARN: ALARM_ARN }).resolves({ Tags: [{ Key: 'evidence-vault:drill', Value: 'true' }, { Key: 'owner', Value: 'security' }] });
    cw.on(SetAlarmStateCommand).resolves({});
    cw.on(DescribeAlarmHistoryCommand).resolves({ AlarmHistoryItems: [actionItem(new Date(TRIGGER.getTime() + 300))] });
    logs.on(FilterLogEventsCommand).resolves({ events: [] });
  });
  afterAll(() => {
    cw.restore();
    sns.restore();
    logs.restore();
  });

  function handlerWith(vaultDir: string, logger: Logger) {
    const vault = new Vault(new LocalObjectStore(vaultDir));
    const deps = () => ({
      clients: { cloudwatch: new CloudWatchClient({ region: 'eu-west-1' }), sns: new SNSClient({ region: 'eu-west-1' }), logs: new CloudWatchLogsClient({ region: 'eu-west-1' }) },
      vault, signer: LocalKeySigner.fromPem(TEST_KEY.privateKeyPem), tagKey: 'evidence-vault:drill', timeoutMs: 60_000, resetToOk: true,
      organization: 'Brightpath Learning', clock: simulatedClock(TRIGGER.getTime()),
    });
    return { vault, handler: createDrillHandler(deps, logger) };
  }

  it('drills only the alarm tagged true and seals the passed drill', async () => {
    // Prepare
    sns.on(ListSubscriptionsByTopicCommand).resolves({ Subscriptions: [subscription('https', PAGER)] });
    logs.on(FilterLogEventsCommand, { logGroupName: `sns/eu-west-1/${ACCOUNT}/dpo-escalation` }).resolves({ events: [deliveryLine(PAGER, TRIGGER.getTime() + 340, 1873)] });
    const logger = new Logger({ serviceName: 'test', logLevel: 'SILENT' });
    const info = jest.spyOn(logger, 'info');
    const { vault, handler } = handlerWith(path.join(tmp(), 'vault'), logger);
    // Act
    const result = await handler(event, lambdaContext());
    // Assess
    expect(cw.commandCalls(SetAlarmStateCommand).map((c) => [c.args[0].input.AlarmName, c.args[0].input.StateValue])).toEqual([[ALARM, 'ALARM'], [ALARM, 'OK']]);
    expect(result).toEqual({ manifest: expect.stringMatching(/^manifests\/2026-10-05\/00000000\.json$/) as unknown, drills: [{ drillId: 'drill-20261005T090000Z-student-records-exfiltration', alarm: ALARM, outcome: 'pass', failureReasons: [] }] });
    const records = await loadRecords(vault);
    expect(records.map((r) => r.record)).toEqual([expect.objectContaining({ kind: 'drill', trigger: 'scheduled', recordedBy: 'drill-scheduler', outcome: 'pass' })]);
    expect(info).toHaveBeenCalledWith('escalation drill passed', expect.objectContaining({ alarm: ALARM, secondsToDelivery: 2.213 }));
  });

  it('seals a failed drill and logs it at error level, without failing the invocation', async () => {
    sns.on(ListSubscriptionsByTopicCommand).resolves({ Subscriptions: [subscription('https', PAGER, false)] });
    const logger = new Logger({ serviceName: 'test', logLevel: 'SILENT' });
    const error = jest.spyOn(logger, 'error');
    const { vault, handler } = handlerWith(path.join(tmp(), 'vault'), logger);
    const result = await handler(event, lambdaContext());
    expect(result.drills.map((d) => d.outcome)).toEqual(['fail']);
    expect(error).toHaveBeenCalledWith('escalation drill FAILED: the chain did not deliver', expect.objectContaining({ failureReasons: [expect.stringMatching(/is pending confirmation/) as unknown] }));
    expect((await loadRecords(vault)).map((r) => r.record.kind === 'drill' && r.record.outcome)).toEqual(['fail']);
  });

  it('fails the invocation for an opted-in alarm without SNS actions, after sealing the others', async () => {
    sns.on(ListSubscriptionsByTopicCommand).resolves({ Subscriptions: [subscription('https', PAGER)] });
    cw.on(ListTagsForResourceCommand).resolves({ Tags: [{ Key: 'evidence-vault:drill', Value: 'true' }] });
    cw.on(DescribeAlarmsCommand, { AlarmNames: [OTHER], AlarmTypes: ['MetricAlarm', 'CompositeAlarm'] }).resolves({ MetricAlarms: [{ AlarmName: OTHER, AlarmArn: `arn:aws:cloudwatch:eu-west-1:${ACCOUNT}:alarm:${OTHER}`, AlarmActions: [] }] });
    const { vault, handler } = handlerWith(path.join(tmp(), 'vault'), new Logger({ serviceName: 'test', logLevel: 'SILENT' }));
    await expect(handler(event, lambdaContext())).rejects.toThrow(/opted-in alarm\(s\) could not be drilled \(the others were sealed in manifests\/2026-10-05\/00000000\.json\): billing-5xx-errors: --alarm: billing-5xx-errors has no SNS topic/);
    expect((await loadRecords(vault)).map((r) => r.record.kind === 'drill' && r.record.chain.alarmName)).toEqual([ALARM]);
  });

  it('checks its configuration at cold start, naming every bad variable', () => {
    expect(() => readDrillConfig({ EVIDENCE_VAULT_URL: 'file:///x', EVIDENCE_DRILL_TIMEOUT_SECONDS: '5', EVIDENCE_DRILL_RESET_TO_OK: 'yes', EVIDENCE_DRILL_TAG: 'aws:drill' })).toThrow(
      "drill function configuration: EVIDENCE_VAULT_URL must be s3://BUCKET/PREFIX, found 'file:///x'; EVIDENCE_KMS_KEY_ID is not set; EVIDENCE_DRILL_TAG must be a tag key (1-128 characters, not aws:), found 'aws:drill'; EVIDENCE_DRILL_TIMEOUT_SECONDS must be a whole number from 10 to 780, found '5'; EVIDENCE_DRILL_RESET_TO_OK must be true or false, found 'yes'",
    );
    expect(readDrillConfig({ EVIDENCE_VAULT_URL: 's3://vault/evidence', EVIDENCE_KMS_KEY_ID: 'alias/evidence-vault' })).toEqual({
      vaultUrl: 's3://vault/evidence', kmsKeyId: 'alias/evidence-vault', retentionDays: 400, organization: undefined, tagKey: 'evidence-vault:drill', timeoutMs: 300_000, resetToOk: true,
    });
  });
});
