import {
  ConfigServiceClient,
  DescribeComplianceByConfigRuleCommand,
  DescribeConfigRulesCommand,
  DescribeConfigurationRecordersCommand,
  DescribeConfigurationRecorderStatusCommand,
  DescribeConformancePackComplianceCommand,
  DescribeConformancePacksCommand,
  DescribeDeliveryChannelsCommand,
  DescribeDeliveryChannelStatusCommand,
  GetComplianceDetailsByConfigRuleCommand,
  SelectAggregateResourceConfigCommand,
  SelectResourceConfigCommand,
  type ComplianceType,
} from '@aws-sdk/client-config-service';
import type { Recorder } from './recorder';
import type { CollectTarget, Collector } from './types';

/**
 * The resource inventory the data-leak controls are evaluated against (SOC 2 CC6.1 / ISO 27001
 * A.5.9 inventory of assets): where student data can live (buckets, VPCs), where its access is
 * logged (trails, log groups) and who is alerted (topics, alarms), and the identities that reach it.
 */
export const INVENTORY_EXPRESSION =
  "SELECT resourceId, resourceName, resourceType, awsRegion, accountId, tags WHERE resourceType IN ('AWS::S3::Bucket', 'AWS::EC2::VPC', 'AWS::Logs::LogGroup', 'AWS::CloudTrail::Trail', 'AWS::SNS::Topic', 'AWS::CloudWatch::Alarm', 'AWS::IAM::Role', 'AWS::IAM::User')";

const NON_COMPLIANT: ComplianceType = 'NON_COMPLIANT';

/** Asks every page of a Config listing, each recorded with the input that fetched it. */
async function allPages<I extends object, O extends { NextToken?: string }>(
  rec: Recorder,
  operation: string,
  base: I,
  send: (input: I & { NextToken?: string }) => Promise<O>,
  answers?: readonly string[],
): Promise<O[]> {
  return rec.pages({ service: 'config', operation, input: base, answers, tokenIn: 'NextToken' }, send, (p: O) => p.NextToken);
}

/**
 * AWS Config: is the recorder on and delivering (continuous monitoring of configuration changes,
 * SOC 2 CC7.1), which rules and conformance packs judge the data-leak controls and what they find
 * non-compliant (CC4.1 monitoring activities), and the resource inventory.
 */
export const configCollector: Collector = {
  name: 'config',
  async collect(target: CollectTarget, rec: Recorder): Promise<void> {
    const client = target.clients.get(ConfigServiceClient, target.region);
    const ask = (operation: string, send: () => Promise<object>): Promise<object | undefined> => rec.ask({ service: 'config', operation, input: {} }, send);
    // A region where Config was never set up answers empty lists: that is the evidence.
    await ask('DescribeConfigurationRecorders', () => client.send(new DescribeConfigurationRecordersCommand({})));
    await ask('DescribeConfigurationRecorderStatus', () => client.send(new DescribeConfigurationRecorderStatusCommand({})));
    await ask('DescribeDeliveryChannels', () => client.send(new DescribeDeliveryChannelsCommand({})));
    await ask('DescribeDeliveryChannelStatus', () => client.send(new DescribeDeliveryChannelStatusCommand({})));

    await allPages(rec, 'DescribeConfigRules', {}, (i) => client.send(new DescribeConfigRulesCommand(i)));
    const compliance = await allPages(rec, 'DescribeComplianceByConfigRule', {}, (i) => client.send(new DescribeComplianceByConfigRuleCommand(i)));
    // Which resources each failing rule names: the findings an auditor follows up.
    for (const page of compliance) {
      for (const rule of page.ComplianceByConfigRules ?? []) {
        if (!rule.ConfigRuleName || rule.Compliance?.ComplianceType !== NON_COMPLIANT) continue;
        const base = { ConfigRuleName: rule.ConfigRuleName, ComplianceTypes: [NON_COMPLIANT], Limit: 100 };
        await allPages(rec, 'GetComplianceDetailsByConfigRule', base, (i) => client.send(new GetComplianceDetailsByConfigRuleCommand(i)));
      }
    }

    const packs = await allPages(rec, 'DescribeConformancePacks', {}, (i) => client.send(new DescribeConformancePacksCommand(i)));
    for (const pack of packs.flatMap((p) => p.ConformancePackDetails ?? [])) {
      if (!pack.ConformancePackName) continue;
      const base = { ConformancePackName: pack.ConformancePackName };
      await allPages(rec, 'DescribeConformancePackCompliance', base, (i) => client.send(new DescribeConformancePackComplianceCommand(i)));
    }

    // Inventory: one organization-wide query from the aggregator's home (management account,
    // home region), or, without an aggregator, each account × region answers for itself.
    const aggregator = target.settings.configAggregator;
    if (aggregator) {
      if (target.account !== target.settings.managementAccount || !target.isHomeRegion) return;
      const base = { ConfigurationAggregatorName: aggregator, Expression: INVENTORY_EXPRESSION, Limit: 100 };
      // A missing aggregator is a fact about the organization's setup, sealed as such.
      await allPages(rec, 'SelectAggregateResourceConfig', base, (i) => client.send(new SelectAggregateResourceConfigCommand(i)), ['NoSuchConfigurationAggregatorException']);
    } else {
      const base = { Expression: INVENTORY_EXPRESSION, Limit: 100 };
      await allPages(rec, 'SelectResourceConfig', base, (i) => client.send(new SelectResourceConfigCommand(i)));
    }
  },
};
