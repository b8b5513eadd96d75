import { SAMPLE_ACCOUNTS, type SampleRegion } from '../organization';
import { detectorId } from './guardduty';
import { topicArn, topicsIn } from './topics';

/**
 * EventBridge rules on the default bus. Wherever GuardDuty has a detector, an ENABLED rule
 * matching source aws.guardduty sends its findings on:
 * - management account: to the region's security topic; a region without one forwards to the
 *   management account's us-east-1 default bus;
 * - member accounts: to the management account's default bus of the same region (the
 *   cross-account forwarding pattern of the EventBridge User Guide, "Sending and receiving
 *   events between AWS accounts").
 * Event-bus targets carry a RoleArn: the bus policy grants the organization, and an account
 * that has its permission through an organization must name a role in the Target
 * (EventBridge API Reference, PutPermission and Target); the User Guide recommends a role for
 * every event-bus target. Where a security topic exists, Security Hub findings are routed too.
 * Field names are those of ListRules (Rule) and ListTargetsByRule (Target).
 */
const mgmt = SAMPLE_ACCOUNTS.management.id;
const HOME_REGION: SampleRegion = 'us-east-1';
export const FORWARD_ROLE = 'brightpath-eventbridge-forward-findings';

export interface SampleEventTarget {
  readonly Id: string;
  readonly Arn: string;
  readonly RoleArn?: string;
}

export interface SampleEventRule {
  readonly name: string;
  readonly description: string;
  readonly pattern: object;
  readonly targets: readonly SampleEventTarget[];
}

export const defaultBusArn = (region: string, account: string): string => `arn:aws:events:${region}:${account}:event-bus/default`;

const GUARDDUTY_FINDINGS = { source: ['aws.guardduty'], 'detail-type': ['GuardDuty Finding'] };

function toTopic(topic: string): SampleEventRule[] {
  const target = [{ Id: 'security-alerts-topic', Arn: topic }];
  return [
    {
      name: 'brightpath-guardduty-findings-to-sns', description: 'GuardDuty findings of severity 7 or more to the security topic', targets: target,
      pattern: { ...GUARDDUTY_FINDINGS, detail: { severity: [{ numeric: ['>=', 7] }] } },
    },
    {
      name: 'brightpath-securityhub-findings-to-sns', description: 'Security Hub HIGH and CRITICAL findings to the security topic', targets: target,
      pattern: { source: ['aws.securityhub'], 'detail-type': ['Security Hub Findings - Imported'], detail: { findings: { Severity: { Label: ['HIGH', 'CRITICAL'] }, Workflow: { Status: ['NEW'] } } } },
    },
  ];
}

function forward(name: string, description: string, id: string, account: string, bus: string): SampleEventRule {
  return { name, description, pattern: GUARDDUTY_FINDINGS, targets: [{ Id: id, Arn: bus, RoleArn: `arn:aws:iam::${account}:role/${FORWARD_ROLE}` }] };
}

/** The rules of the default bus of `account` in `region`, in name order as ListRules lists them. */
export function eventRulesIn(account: string, region: string): SampleEventRule[] {
  const topic = topicsIn(account, region)[0];
  const rules = topic ? toTopic(topicArn(topic)) : [];
  if (detectorId(account, region) !== '') {
    if (account !== mgmt) {
      rules.push(forward('brightpath-guardduty-findings-to-management', 'GuardDuty findings to the management account\'s default event bus',
        'management-event-bus', account, defaultBusArn(region, mgmt)));
    } else if (!topic) {
      rules.push(forward('brightpath-guardduty-findings-to-home-region', `GuardDuty findings to the ${HOME_REGION} default event bus`,
        'home-region-event-bus', account, defaultBusArn(HOME_REGION, mgmt)));
    }
  }
  return rules.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}
