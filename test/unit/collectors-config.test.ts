import {
  ConfigServiceClient,
  ConfigServiceServiceException,
  DescribeComplianceByConfigRuleCommand,
  DescribeConfigRulesCommand,
  DescribeConfigurationRecordersCommand,
  DescribeConfigurationRecorderStatusCommand,
  DescribeConformancePackComplianceCommand,
  DescribeConformancePacksCommand,
  DescribeDeliveryChannelsCommand,
  DescribeDeliveryChannelStatusCommand,
  GetComplianceDetailsByConfigRuleCommand,
  NoSuchConfigurationAggregatorException,
  SelectAggregateResourceConfigCommand,
  SelectResourceConfigCommand,
} from '@aws-sdk/client-config-service';
import { mockClient } from 'aws-sdk-client-mock';
import { SdkClientProvider } from '../../src/collectors/clients';
import { INVENTORY_EXPRESSION, configCollector } from '../../src/collectors/config';
import { artifactsOf, oneClient, recorder, target } from '../support/collect';
import { ScriptedHandler, TEST_CREDENTIALS, jsonThrottle } from '../support/scripted-handler';

const MANAGEMENT = '111122223333';
const MEMBER = '444455556666';
const AGGREGATOR = 'brightpath-org-aggregator';

// Fixtures follow the AWS Config API Reference response syntax of each operation.
const recorders = {
  ConfigurationRecorders: [
    { name: 'default', roleARN: 'arn:aws:iam::111122223333:role/aws-service-role/config.amazonaws.com/AWSServiceRoleForConfig', recordingGroup: { allSupported: true, includeGlobalResourceTypes: true, resourceTypes: [] } },
  ],
};
const recorderStatus = {
  ConfigurationRecordersStatus: [
    { name: 'default', lastStartTime: new Date('2026-01-10T09:00:00Z'), recording: true, lastStatus: 'Success' as const, lastStatusChangeTime: new Date('2026-07-01T05:40:00Z') },
  ],
};
const channels = {
  DeliveryChannels: [{ name: 'default', s3BucketName: 'brightpath-config-archive', snsTopicARN: 'arn:aws:sns:us-east-1:111122223333:config-changes', configSnapshotDeliveryProperties: { deliveryFrequency: 'TwentyFour_Hours' as const } }],
};
const channelStatus = {
  DeliveryChannelsStatus: [
    { name: 'default', configSnapshotDeliveryInfo: { lastStatus: 'Success' as const, lastAttemptTime: new Date('2026-07-01T03:00:00Z'), lastSuccessfulTime: new Date('2026-07-01T03:00:00Z') }, configHistoryDeliveryInfo: { lastStatus: 'Success' as const } },
  ],
};
function rule(name: string): { ConfigRuleName: string; ConfigRuleArn: string; ConfigRuleId: string; Source: { Owner: 'AWS'; SourceIdentifier: string }; ConfigRuleState: 'ACTIVE' } {
  return { ConfigRuleName: name, ConfigRuleArn: `arn:aws:config:us-east-1:111122223333:config-rule/config-rule-${name}`, ConfigRuleId: `config-rule-${name}`, Source: { Owner: 'AWS', SourceIdentifier: name.toUpperCase().replace(/-/g, '_') }, ConfigRuleState: 'ACTIVE' };
}
function compliance(name: string, type: 'COMPLIANT' | 'NON_COMPLIANT' | 'INSUFFICIENT_DATA'): { ConfigRuleName: string; Compliance: { ComplianceType: typeof type; ComplianceContributorCount?: { CappedCount: number; CapExceeded: boolean } } } {
  return { ConfigRuleName: name, Compliance: { ComplianceType: type, ...(type === 'NON_COMPLIANT' ? { ComplianceContributorCount: { CappedCount: 1, CapExceeded: false } } : {}) } };
}
function evaluation(ruleName: string, bucket: string): object {
  return {
    EvaluationResultIdentifier: { EvaluationResultQualifier: { ConfigRuleName: ruleName, ResourceType: 'AWS::S3::Bucket', ResourceId: bucket }, OrderingTimestamp: new Date('2026-06-30T22:00:00Z') },
    ComplianceType: 'NON_COMPLIANT',
    ResultRecordedTime: new Date('2026-06-30T22:01:00Z'),
    ConfigRuleInvokedTime: new Date('2026-06-30T22:00:30Z'),
  };
}
const pack = { ConformancePackName: 'soc2-data-leak', ConformancePackArn: 'arn:aws:config:us-east-1:111122223333:conformance-pack/soc2-data-leak/conformance-pack-abc123', ConformancePackId: 'conformance-pack-abc123' };
const packCompliance = { ConformancePackName: 'soc2-data-leak', ConformancePackRuleComplianceList: [{ ConfigRuleName: 's3-bucket-logging-enabled-conformance-pack-abc', ComplianceType: 'NON_COMPLIANT' as const, Controls: [] }] };
const inventory = {
  Results: ['{"resourceId":"brightpath-prod-student-records","resourceName":"brightpath-prod-student-records","resourceType":"AWS::S3::Bucket","awsRegion":"us-east-1","accountId":"444455556666","tags":[{"key":"data-classification","value":"student-data"}]}'],
  QueryInfo: { SelectFields: [{ Name: 'resourceId' }, { Name: 'resourceName' }, { Name: 'resourceType' }, { Name: 'awsRegion' }, { Name: 'accountId' }, { Name: 'tags' }] },
};

function configError(name: string, message: string): ConfigServiceServiceException {
  return new ConfigServiceServiceException({ name, message, $fault: 'client', $metadata: { httpStatusCode: 400 } });
}

describe('config collector', () => {
  const config = mockClient(ConfigServiceClient);
  beforeEach(() => {
    config.reset();
    config.on(DescribeConfigurationRecordersCommand).resolves(recorders);
    config.on(DescribeConfigurationRecorderStatusCommand).resolves(recorderStatus);
    config.on(DescribeDeliveryChannelsCommand).resolves(channels);
    config.on(DescribeDeliveryChannelStatusCommand).resolves(channelStatus);
    config.on(DescribeConfigRulesCommand).resolves({ ConfigRules: [rule('s3-bucket-logging-enabled'), rule('cloudtrail-enabled')] });
    config.on(DescribeComplianceByConfigRuleCommand).resolves({ ComplianceByConfigRules: [compliance('s3-bucket-logging-enabled', 'NON_COMPLIANT'), compliance('cloudtrail-enabled', 'COMPLIANT')] });
    config.on(GetComplianceDetailsByConfigRuleCommand).resolves({ EvaluationResults: [evaluation('s3-bucket-logging-enabled', 'brightpath-prod-s3-access-logs-us-east-1')] });
    config.on(DescribeConformancePacksCommand).resolves({ ConformancePackDetails: [pack] });
    config.on(DescribeConformancePackComplianceCommand).resolves(packCompliance);
    config.on(SelectResourceConfigCommand).resolves(inventory);
    config.on(SelectAggregateResourceConfigCommand).resolves(inventory);
  });
  // mockClient stubs every ConfigServiceClient; the retry tests below need the real one.
  afterAll(() => config.restore());

  it('records recorder, delivery, rules, the failing rule details, packs and the inventory (one page each)', async () => {
    // Prepare
    const rec = recorder('config', MEMBER);
    // Act
    await configCollector.collect(target({ account: MEMBER, clients: oneClient(new ConfigServiceClient({})) }), rec);
    // Assess
    expect(config).toHaveReceivedCommandWith(DescribeConfigurationRecordersCommand, {});
    expect(config).toHaveReceivedCommandWith(DescribeConfigRulesCommand, {});
    expect(config).toHaveReceivedCommandTimes(GetComplianceDetailsByConfigRuleCommand, 1);
    expect(config).toHaveReceivedCommandWith(GetComplianceDetailsByConfigRuleCommand, { ConfigRuleName: 's3-bucket-logging-enabled', ComplianceTypes: ['NON_COMPLIANT'], Limit: 100 });
    expect(config).toHaveReceivedCommandWith(DescribeConformancePackComplianceCommand, { ConformancePackName: 'soc2-data-leak' });
    expect(config).toHaveReceivedCommandWith(SelectResourceConfigCommand, { Expression: INVENTORY_EXPRESSION, Limit: 100 });
    expect(config).toHaveReceivedCommandTimes(SelectAggregateResourceConfigCommand, 0);
    expect(rec.gaps).toEqual([]);
    const artifacts = artifactsOf(rec);
    expect(artifacts.map((a) => [a.request.service, a.request.operation])).toEqual([
      ['config', 'DescribeConfigurationRecorders'], ['config', 'DescribeConfigurationRecorderStatus'], ['config', 'DescribeDeliveryChannels'],
      ['config', 'DescribeDeliveryChannelStatus'], ['config', 'DescribeConfigRules'], ['config', 'DescribeComplianceByConfigRule'],
      ['config', 'GetComplianceDetailsByConfigRule'], ['config', 'DescribeConformancePacks'], ['config', 'DescribeConformancePackCompliance'],
      ['config', 'SelectResourceConfig'],
    ]);
    expect(artifacts[1]).toMatchObject({ response: { ConfigurationRecordersStatus: [{ recording: true, lastStartTime: '2026-01-10T09:00:00.000Z' }] } });
  });

  it('follows every paginated listing to the end, each page recorded with its own input', async () => {
    // Prepare
    config.on(DescribeConfigRulesCommand, {}).resolves({ ConfigRules: [rule('a')], NextToken: 'rules-2' });
    config.on(DescribeConfigRulesCommand, { NextToken: 'rules-2' }).resolves({ ConfigRules: [rule('b')] });
    config.on(DescribeComplianceByConfigRuleCommand, {}).resolves({ ComplianceByConfigRules: [compliance('a', 'NON_COMPLIANT')], NextToken: 'comp-2' });
    config.on(DescribeComplianceByConfigRuleCommand, { NextToken: 'comp-2' }).resolves({ ComplianceByConfigRules: [compliance('b', 'NON_COMPLIANT')] });
    const details = { ComplianceTypes: ['NON_COMPLIANT' as const], Limit: 100 };
    config.on(GetComplianceDetailsByConfigRuleCommand, { ConfigRuleName: 'a', ...details }).resolves({ EvaluationResults: [evaluation('a', 'x')], NextToken: 'eval-a-2' });
    config.on(GetComplianceDetailsByConfigRuleCommand, { ConfigRuleName: 'a', ...details, NextToken: 'eval-a-2' }).resolves({ EvaluationResults: [evaluation('a', 'y')] });
    config.on(GetComplianceDetailsByConfigRuleCommand, { ConfigRuleName: 'b', ...details }).resolves({ EvaluationResults: [evaluation('b', 'z')] });
    config.on(DescribeConformancePacksCommand, {}).resolves({ ConformancePackDetails: [pack], NextToken: 'packs-2' });
    config.on(DescribeConformancePacksCommand, { NextToken: 'packs-2' }).resolves({ ConformancePackDetails: [{ ...pack, ConformancePackName: 'iso27001-logging' }] });
    config.on(DescribeConformancePackComplianceCommand, { ConformancePackName: 'soc2-data-leak' }).resolves({ ...packCompliance, NextToken: 'pc-2' });
    config.on(DescribeConformancePackComplianceCommand, { ConformancePackName: 'soc2-data-leak', NextToken: 'pc-2' }).resolves(packCompliance);
    config.on(DescribeConformancePackComplianceCommand, { ConformancePackName: 'iso27001-logging' }).resolves({ ConformancePackName: 'iso27001-logging', ConformancePackRuleComplianceList: [] });
    const query = { Expression: INVENTORY_EXPRESSION, Limit: 100 };
    config.on(SelectResourceConfigCommand, query).resolves({ ...inventory, NextToken: 'inv-2' });
    config.on(SelectResourceConfigCommand, { ...query, NextToken: 'inv-2' }).resolves({ ...inventory, NextToken: 'inv-3' });
    config.on(SelectResourceConfigCommand, { ...query, NextToken: 'inv-3' }).resolves(inventory);
    const rec = recorder('config', MEMBER);
    // Act
    await configCollector.collect(target({ account: MEMBER, clients: oneClient(new ConfigServiceClient({})) }), rec);
    // Assess
    expect(rec.gaps).toEqual([]);
    const inputs = (operation: string): unknown[] => artifactsOf(rec).filter((a) => a.request.operation === operation).map((a) => a.request.input);
    expect(inputs('DescribeConfigRules')).toEqual([{}, { NextToken: 'rules-2' }]);
    expect(inputs('DescribeComplianceByConfigRule')).toEqual([{}, { NextToken: 'comp-2' }]);
    expect(inputs('GetComplianceDetailsByConfigRule')).toEqual([
      { ConfigRuleName: 'a', ...details }, { ConfigRuleName: 'a', ...details, NextToken: 'eval-a-2' }, { ConfigRuleName: 'b', ...details },
    ]);
    expect(inputs('DescribeConformancePacks')).toEqual([{}, { NextToken: 'packs-2' }]);
    expect(inputs('DescribeConformancePackCompliance')).toEqual([
      { ConformancePackName: 'soc2-data-leak' }, { ConformancePackName: 'soc2-data-leak', NextToken: 'pc-2' }, { ConformancePackName: 'iso27001-logging' },
    ]);
    expect(inputs('SelectResourceConfig')).toEqual([query, { ...query, NextToken: 'inv-2' }, { ...query, NextToken: 'inv-3' }]);
  });

  describe('resource inventory with an organization aggregator', () => {
    const settings = { managementAccount: MANAGEMENT, configAggregator: AGGREGATOR };
    const query = { ConfigurationAggregatorName: AGGREGATOR, Expression: INVENTORY_EXPRESSION, Limit: 100 };

    it('asks SelectAggregateResourceConfig once, from the management account home region, and SelectResourceConfig never', async () => {
      // Prepare
      const clients = oneClient(new ConfigServiceClient({}));
      const runs = [
        { account: MANAGEMENT, region: 'us-east-1', isHomeRegion: true },
        { account: MANAGEMENT, region: 'us-west-2', isHomeRegion: false },
        { account: MEMBER, region: 'us-east-1', isHomeRegion: true },
        { account: MEMBER, region: 'us-west-2', isHomeRegion: false },
      ];
      // Act
      for (const run of runs) await configCollector.collect(target({ ...run, clients }, settings), recorder('config', run.account, run.region));
      // Assess
      expect(config).toHaveReceivedCommandTimes(SelectAggregateResourceConfigCommand, 1);
      expect(config).toHaveReceivedCommandWith(SelectAggregateResourceConfigCommand, query);
      expect(config).toHaveReceivedCommandTimes(SelectResourceConfigCommand, 0);
      // Everything else is still asked in every account and region.
      expect(config).toHaveReceivedCommandTimes(DescribeConfigurationRecorderStatusCommand, 4);
    });

    it('follows the aggregate query pages', async () => {
      config.on(SelectAggregateResourceConfigCommand, query).resolves({ ...inventory, NextToken: 'agg-2' });
      config.on(SelectAggregateResourceConfigCommand, { ...query, NextToken: 'agg-2' }).resolves(inventory);
      const rec = recorder('config', MANAGEMENT);
      await configCollector.collect(target({ account: MANAGEMENT, clients: oneClient(new ConfigServiceClient({})) }, settings), rec);
      const pages = artifactsOf(rec).filter((a) => a.request.operation === 'SelectAggregateResourceConfig');
      expect(pages.map((a) => a.request.input)).toEqual([query, { ...query, NextToken: 'agg-2' }]);
    });

    it('seals a missing aggregator as an error answer, not a gap', async () => {
      config.on(SelectAggregateResourceConfigCommand).rejects(new NoSuchConfigurationAggregatorException({ message: 'The configuration aggregator does not exist.', $metadata: { httpStatusCode: 400 } }));
      const rec = recorder('config', MANAGEMENT);
      await configCollector.collect(target({ account: MANAGEMENT, clients: oneClient(new ConfigServiceClient({})) }, settings), rec);
      expect(rec.gaps).toEqual([]);
      const answer = artifactsOf(rec).find((a) => a.request.operation === 'SelectAggregateResourceConfig');
      expect(answer).toMatchObject({ request: { input: query }, error: { code: 'NoSuchConfigurationAggregatorException' } });
      expect(config).toHaveReceivedCommandTimes(SelectAggregateResourceConfigCommand, 1);
    });
  });

  it('without an aggregator asks SelectResourceConfig in every account and region, and the aggregate query never', async () => {
    const clients = oneClient(new ConfigServiceClient({}));
    await configCollector.collect(target({ account: MANAGEMENT, clients }, { managementAccount: MANAGEMENT }), recorder('config', MANAGEMENT));
    await configCollector.collect(target({ account: MEMBER, region: 'us-west-2', isHomeRegion: false, clients }, { managementAccount: MANAGEMENT }), recorder('config', MEMBER, 'us-west-2'));
    expect(config).toHaveReceivedCommandTimes(SelectResourceConfigCommand, 2);
    expect(config).toHaveReceivedCommandTimes(SelectAggregateResourceConfigCommand, 0);
  });

  it('records AccessDeniedException as a gap and carries on with what it can still ask', async () => {
    // Prepare: rules cannot be listed, and the first failing rule's details are denied.
    config.on(DescribeConfigRulesCommand).rejects(configError('AccessDeniedException', 'User is not authorized to perform: config:DescribeConfigRules'));
    config.on(DescribeComplianceByConfigRuleCommand).resolves({ ComplianceByConfigRules: [compliance('a', 'NON_COMPLIANT'), compliance('b', 'NON_COMPLIANT')] });
    config.on(GetComplianceDetailsByConfigRuleCommand, { ConfigRuleName: 'a' }).rejects(configError('AccessDeniedException', 'User is not authorized to perform: config:GetComplianceDetailsByConfigRule'));
    const rec = recorder('config', MEMBER);
    // Act
    await configCollector.collect(target({ account: MEMBER, clients: oneClient(new ConfigServiceClient({})) }), rec);
    // Assess
    expect(rec.gaps).toEqual([
      { collector: 'config', account: MEMBER, region: 'us-east-1', operation: 'config:DescribeConfigRules', errorCode: 'AccessDeniedException', message: 'User is not authorized to perform: config:DescribeConfigRules' },
      { collector: 'config', account: MEMBER, region: 'us-east-1', operation: 'config:GetComplianceDetailsByConfigRule', errorCode: 'AccessDeniedException', message: 'User is not authorized to perform: config:GetComplianceDetailsByConfigRule' },
    ]);
    expect(config).toHaveReceivedCommandWith(GetComplianceDetailsByConfigRuleCommand, { ConfigRuleName: 'b' });
    expect(artifactsOf(rec).map((a) => a.request.operation)).toEqual([
      'DescribeConfigurationRecorders', 'DescribeConfigurationRecorderStatus', 'DescribeDeliveryChannels', 'DescribeDeliveryChannelStatus',
      'DescribeComplianceByConfigRule', 'GetComplianceDetailsByConfigRule', 'DescribeConformancePacks', 'DescribeConformancePackCompliance', 'SelectResourceConfig',
    ]);
  });

  it('records an empty answer in a region where Config was never set up', async () => {
    config.on(DescribeConfigurationRecordersCommand).resolves({ ConfigurationRecorders: [] });
    config.on(DescribeConfigurationRecorderStatusCommand).resolves({ ConfigurationRecordersStatus: [] });
    config.on(DescribeDeliveryChannelsCommand).resolves({ DeliveryChannels: [] });
    config.on(DescribeDeliveryChannelStatusCommand).resolves({ DeliveryChannelsStatus: [] });
    config.on(DescribeConfigRulesCommand).resolves({ ConfigRules: [] });
    config.on(DescribeComplianceByConfigRuleCommand).resolves({ ComplianceByConfigRules: [] });
    config.on(DescribeConformancePacksCommand).resolves({ ConformancePackDetails: [] });
    config.on(SelectResourceConfigCommand).resolves({ Results: [], QueryInfo: inventory.QueryInfo });
    const rec = recorder('config', MEMBER, 'eu-west-1');
    await configCollector.collect(target({ account: MEMBER, region: 'eu-west-1', isHomeRegion: false, clients: oneClient(new ConfigServiceClient({})) }), rec);
    expect(rec.gaps).toEqual([]);
    expect(rec.artifacts).toHaveLength(8);
    expect(config).toHaveReceivedCommandTimes(GetComplianceDetailsByConfigRuleCommand, 0);
    expect(config).toHaveReceivedCommandTimes(DescribeConformancePackComplianceCommand, 0);
  });
});

describe('config collector through the real SDK retry strategy', () => {
  it('records a gap when throttling outlasts the retries, and carries on with the next question', async () => {
    // Prepare: the first call is throttled on both attempts; everything after answers empty.
    const empty = { statusCode: 200, headers: { 'content-type': 'application/x-amz-json-1.1' }, body: '{}' };
    const handler = new ScriptedHandler([jsonThrottle('ThrottlingException'), jsonThrottle('ThrottlingException'), empty]);
    const clients = new SdkClientProvider({ credentials: TEST_CREDENTIALS, requestHandler: handler, maxAttempts: 2 });
    const rec = recorder('config', MEMBER);
    // Act
    await configCollector.collect(target({ account: MEMBER, clients }), rec);
    clients.destroy();
    // Assess
    expect(handler.requests.map((r) => r.headers['x-amz-target'])).toEqual([
      'StarlingDoveService.DescribeConfigurationRecorders', 'StarlingDoveService.DescribeConfigurationRecorders',
      'StarlingDoveService.DescribeConfigurationRecorderStatus', 'StarlingDoveService.DescribeDeliveryChannels',
      'StarlingDoveService.DescribeDeliveryChannelStatus', 'StarlingDoveService.DescribeConfigRules',
      'StarlingDoveService.DescribeComplianceByConfigRule', 'StarlingDoveService.DescribeConformancePacks',
      'StarlingDoveService.SelectResourceConfig',
    ]);
    expect(rec.gaps.map((g) => [g.operation, g.errorCode])).toEqual([['config:DescribeConfigurationRecorders', 'ThrottlingException']]);
    expect(rec.artifacts).toHaveLength(7);
  });
});
