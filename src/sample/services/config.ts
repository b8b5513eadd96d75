import { epochSeconds, simulatedTime } from '../clock';
import { SAMPLE_ACCOUNTS, SAMPLE_ORGANIZATION } from '../organization';
import type { Recording, SampleCall, ServiceRoute } from '../route-types';
import { CLOUDTRAIL_ARCHIVE_BUCKET } from '../state/buckets';
import { CONFORMANCE_PACK, PACK_HOME, evaluate, ruleCompliance, rulesIn, type SampleConfigRule } from '../state/config-rules';
import { inventory, type InventoryItem } from '../state/inventory';
import { awsJson, jsonOk } from '../wire/protocols';
import { pageOf, pageSize } from '../wire/paging';
import { jsonBody } from '../wire/request';
import type { SampleResponse } from '../wire/response';
import { parseQuery, resultRow } from './config-select';

/**
 * AWS Config (awsJson1_1, X-Amz-Target StarlingDoveService.*), per the AWS Config API
 * Reference: a recorder of all supported resources (global ones in the home region) and a
 * delivery channel in every account × region, the rules of state/config-rules.ts, one
 * conformance pack in production us-east-1, advanced queries over the inventory, and the
 * organization aggregator 'brightpath-org-aggregator' in the management account's home region.
 */
const PROTOCOL = awsJson('1.1', 'StarlingDoveService');
export const ORG_AGGREGATOR = 'brightpath-org-aggregator';

type Input = Readonly<Record<string, unknown>>;
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

function handler(answer: (call: SampleCall, input: Input) => SampleResponse): Recording {
  return (call) => {
    const input = jsonBody(call.req);
    if (!input) return PROTOCOL.error(call.seed, { status: 400, code: 'SerializationException', message: 'Request body is not a JSON object' });
    return answer(call, input);
  };
}

const err = (call: SampleCall, code: string, message: string) => PROTOCOL.error(call.seed, { status: 400, code, message });
const badToken = (call: SampleCall) => err(call, 'InvalidNextTokenException', 'The specified next token is invalid. Specify the nextToken string that was returned in the previous response to get the next page of results.');
const scopeOf = (call: SampleCall, extra = '') => `${call.operation}|${call.ctx.account.id}|${call.ctx.region}|${extra}`;
const now = (call: SampleCall) => simulatedTime(call.ctx.startMs, call.ctx.day, 6, 0, 0);

/** A list with NextToken; these operations have no Limit and page by 25 like Config. */
function listed<T>(call: SampleCall, input: Input, key: string, items: readonly T[], json: (t: T) => unknown, size = 25, extra = ''): SampleResponse {
  const page = pageOf(items, size, str(input['NextToken']), scopeOf(call, extra));
  if (!page) return badToken(call);
  return jsonOk(PROTOCOL, call.seed, { [key]: page.items.map(json), ...(page.next ? { NextToken: page.next } : {}) });
}

const recorderRole = (call: SampleCall) => `arn:aws:iam::${call.ctx.account.id}:role/aws-service-role/config.amazonaws.com/AWSServiceRoleForConfig`;
const isHome = (call: SampleCall) => call.ctx.region === SAMPLE_ORGANIZATION.homeRegion;

const ruleJson = (call: SampleCall) => (r: SampleConfigRule) => ({
  ConfigRuleName: r.name, ConfigRuleArn: `arn:aws:config:${call.ctx.region}:${call.ctx.account.id}:config-rule/${r.id}`, ConfigRuleId: r.id,
  Description: r.description, ...(r.resourceTypes ? { Scope: { ComplianceResourceTypes: r.resourceTypes } } : {}),
  Source: { Owner: 'AWS', SourceIdentifier: r.identifier }, InputParameters: JSON.stringify(r.inputParameters),
  ...(r.periodic ? { MaximumExecutionFrequency: 'TwentyFour_Hours' } : {}), ConfigRuleState: 'ACTIVE',
  ...(r.pack ? { CreatedBy: 'config-conforms.amazonaws.com' } : {}), EvaluationModes: [{ Mode: 'DETECTIVE' }],
});

function findRule(call: SampleCall, name: unknown): SampleConfigRule | SampleResponse {
  const rule = rulesIn(call.ctx.account.id, call.ctx.region).find((r) => r.name === name);
  return rule ?? err(call, 'NoSuchConfigRuleException', `The ConfigRule '${String(name)}' provided in the request is invalid. Please check the configRule name.`);
}

const evaluations = (call: SampleCall, r: SampleConfigRule) => evaluate(r, call.ctx.account.id, call.ctx.region, call.ctx.day, call.ctx.startMs);

function select(call: SampleCall, input: Input, items: readonly InventoryItem[]): SampleResponse {
  const query = parseQuery(str(input['Expression']) ?? '');
  if (typeof query === 'string') return err(call, 'InvalidExpressionException', query);
  const size = input['Limit'] === 0 ? 500 : pageSize(input['Limit'], 500, 500);
  if (size === undefined) return err(call, 'InvalidLimitException', 'The specified limit is outside the allowable range.');
  const page = pageOf(items.filter(query.matches), size, str(input['NextToken']), scopeOf(call, str(input['Expression'])));
  if (!page) return badToken(call);
  return jsonOk(PROTOCOL, call.seed, {
    Results: page.items.map((i) => resultRow(i, query.fields)), QueryInfo: { SelectFields: query.fields.map((Name) => ({ Name })) },
    ...(page.next ? { NextToken: page.next } : {}),
  });
}

export const CONFIG_ROUTE: ServiceRoute = {
  signingName: 'config',
  protocol: PROTOCOL,
  recordings: {
    DescribeConfigurationRecorders: handler((call) => jsonOk(PROTOCOL, call.seed, { ConfigurationRecorders: [{
      name: 'default', roleARN: recorderRole(call),
      recordingGroup: { allSupported: true, includeGlobalResourceTypes: isHome(call), resourceTypes: [], exclusionByResourceTypes: { resourceTypes: [] }, recordingStrategy: { useOnly: 'ALL_SUPPORTED_RESOURCE_TYPES' } },
      recordingMode: { recordingFrequency: 'CONTINUOUS', recordingModeOverrides: [] },
    }] })),
    DescribeConfigurationRecorderStatus: handler((call) => jsonOk(PROTOCOL, call.seed, { ConfigurationRecordersStatus: [{
      name: 'default', lastStartTime: epochSeconds(Date.parse('2021-02-17T15:44:09.871Z')), recording: true, lastStatus: 'Success',
      lastStatusChangeTime: epochSeconds(now(call) - 7 * 60_000 - 12_406),
    }] })),
    DescribeDeliveryChannels: handler((call) => jsonOk(PROTOCOL, call.seed, { DeliveryChannels: [{
      name: 'default', s3BucketName: CLOUDTRAIL_ARCHIVE_BUCKET, s3KeyPrefix: 'config', configSnapshotDeliveryProperties: { deliveryFrequency: 'TwentyFour_Hours' },
    }] })),
    DescribeDeliveryChannelStatus: handler((call) => {
      const snapshot = simulatedTime(call.ctx.startMs, call.ctx.day, 1, 22, 40, 319);
      const history = now(call) - 38 * 60_000 - 4_117;
      return jsonOk(PROTOCOL, call.seed, { DeliveryChannelsStatus: [{
        name: 'default',
        configSnapshotDeliveryInfo: { lastStatus: 'Success', lastAttemptTime: epochSeconds(snapshot), lastSuccessfulTime: epochSeconds(snapshot), nextDeliveryTime: epochSeconds(snapshot + 86_400_000) },
        configHistoryDeliveryInfo: { lastStatus: 'Success', lastAttemptTime: epochSeconds(history), lastSuccessfulTime: epochSeconds(history) },
        configStreamDeliveryInfo: { lastStatus: 'Not_Applicable', lastStatusChangeTime: epochSeconds(Date.parse('2021-02-17T15:44:10.002Z')) },
      }] });
    }),
    DescribeConfigRules: handler((call, input) => listed(call, input, 'ConfigRules', rulesIn(call.ctx.account.id, call.ctx.region), ruleJson(call))),
    DescribeComplianceByConfigRule: handler((call, input) => listed(call, input, 'ComplianceByConfigRules', rulesIn(call.ctx.account.id, call.ctx.region), (r) => {
      const results = evaluations(call, r);
      const non = results.filter((e) => e.compliance === 'NON_COMPLIANT').length;
      const type = ruleCompliance(results);
      return { ConfigRuleName: r.name, Compliance: { ComplianceType: type, ...(type === 'NON_COMPLIANT' ? { ComplianceContributorCount: { CappedCount: non, CapExceeded: false } } : {}) } };
    })),
    GetComplianceDetailsByConfigRule: handler((call, input) => {
      const rule = findRule(call, input['ConfigRuleName']);
      if ('statusCode' in rule) return rule;
      const types = Array.isArray(input['ComplianceTypes']) ? input['ComplianceTypes'].map(String) : [];
      const size = input['Limit'] === 0 ? 100 : pageSize(input['Limit'], 10, 100);
      if (size === undefined) return err(call, 'InvalidParameterValueException', 'The specified limit is outside the allowable range.');
      const results = evaluations(call, rule).filter((e) => types.length === 0 || types.includes(e.compliance));
      return listed(call, input, 'EvaluationResults', results, (e) => ({
        EvaluationResultIdentifier: { EvaluationResultQualifier: { ConfigRuleName: rule.name, ResourceType: e.resourceType, ResourceId: e.resourceId, EvaluationMode: 'DETECTIVE' }, OrderingTimestamp: epochSeconds(e.recordedAt) },
        ComplianceType: e.compliance, ResultRecordedTime: epochSeconds(e.recordedAt + 1_204), ConfigRuleInvokedTime: epochSeconds(e.recordedAt - 2_611),
      }), size, `${rule.name}|${types.join(',')}`);
    }),
    DescribeConformancePacks: handler((call, input) => {
      const here = call.ctx.account.id === PACK_HOME.account && call.ctx.region === PACK_HOME.region;
      return listed(call, input, 'ConformancePackDetails', here ? [CONFORMANCE_PACK] : [], (name) => ({
        ConformancePackName: name, ConformancePackArn: `arn:aws:config:${call.ctx.region}:${call.ctx.account.id}:conformance-pack/${name}/conformance-pack-k3x9q2m7d`,
        ConformancePackId: 'conformance-pack-k3x9q2m7d', ConformancePackInputParameters: [], LastUpdateRequestedTime: epochSeconds(Date.parse('2024-09-03T14:20:51.733Z')),
      }));
    }),
    DescribeConformancePackCompliance: handler((call, input) => {
      const rules = rulesIn(call.ctx.account.id, call.ctx.region).filter((r) => r.pack !== undefined && r.pack === input['ConformancePackName']);
      if (rules.length === 0) return err(call, 'NoSuchConformancePackException', 'One or more conformance packs do not exist.');
      const page = pageOf(rules, 100, str(input['NextToken']), scopeOf(call));
      if (!page) return badToken(call);
      return jsonOk(PROTOCOL, call.seed, {
        ConformancePackName: CONFORMANCE_PACK,
        ConformancePackRuleComplianceList: page.items.map((r) => ({ ConfigRuleName: r.name, ComplianceType: ruleCompliance(evaluations(call, r)), Controls: [] })),
        ...(page.next ? { NextToken: page.next } : {}),
      });
    }),
    SelectResourceConfig: handler((call, input) => select(call, input, inventory(call.ctx.account.id, call.ctx.region, call.ctx.day))),
    SelectAggregateResourceConfig: handler((call, input) => {
      const here = call.ctx.account.id === SAMPLE_ACCOUNTS.management.id && isHome(call);
      if (!here || input['ConfigurationAggregatorName'] !== ORG_AGGREGATOR) {
        return err(call, 'NoSuchConfigurationAggregatorException', 'The configuration aggregator does not exist. Check the configuration aggregator name and try again.');
      }
      const all = SAMPLE_ORGANIZATION.accounts.flatMap((a) => SAMPLE_ORGANIZATION.regions.flatMap((r) => inventory(a.id, r, call.ctx.day)));
      return select(call, input, all);
    }),
  },
};
