import { SAMPLE_ORGANIZATION } from '../organization';
import { SAMPLE_BUCKETS } from './buckets';
import { SAMPLE_IAM } from './iam';
import { logGroupsOnDay } from './log-groups';
import { alarmFilters } from './alarms';
import { vpcsIn } from './network';
import { topicArn, topicsIn } from './topics';
import { SAMPLE_TRAILS } from './trails';

/**
 * The AWS Config inventory of one account × region on a day: what SelectResourceConfig and
 * SelectAggregateResourceConfig query. Items carry the advanced-query properties the
 * collectors select (resourceId, resourceName, resourceType, awsRegion, accountId, tags as
 * `{key, value, tag: "key=value"}`). IAM is global: recorded in the home region, awsRegion "global".
 */
export interface InventoryItem {
  readonly resourceId: string;
  readonly resourceName?: string;
  readonly resourceType: string;
  readonly awsRegion: string;
  readonly accountId: string;
  readonly tags: readonly { readonly key: string; readonly value: string; readonly tag: string }[];
}

const tag = (key: string, value: string) => ({ key, value, tag: `${key}=${value}` });

export function inventory(account: string, region: string, day: number): InventoryItem[] {
  const item = (resourceType: string, resourceId: string, resourceName: string | undefined, tags: InventoryItem['tags'] = [], awsRegion = region): InventoryItem =>
    ({ resourceId, ...(resourceName === undefined ? {} : { resourceName }), resourceType, awsRegion, accountId: account, tags });
  const items: InventoryItem[] = [
    ...SAMPLE_BUCKETS.filter((b) => b.account === account && b.region === region).map((b) => item('AWS::S3::Bucket', b.name, b.name, (b.tags ?? []).map((t) => tag(t.key, t.value)))),
    ...vpcsIn(account, region).map((v) => item('AWS::EC2::VPC', v.vpcId, undefined, v.name ? [tag('Name', v.name)] : [])),
    ...logGroupsOnDay(account, region, day).map((g) => item('AWS::Logs::LogGroup', g.logGroupName, g.logGroupName)),
    ...SAMPLE_TRAILS.filter((t) => t.owner === account && t.trail.HomeRegion === region).map((t) => item('AWS::CloudTrail::Trail', t.trail.Name, t.trail.Name)),
    ...topicsIn(account, region).map((t) => item('AWS::SNS::Topic', topicArn(t), t.name)),
    ...alarmFilters(account, region).map((f) => item('AWS::CloudWatch::Alarm', f.alarmName, f.alarmName)),
  ];
  const iam = SAMPLE_IAM[account];
  if (iam && region === SAMPLE_ORGANIZATION.homeRegion) {
    items.push(...iam.roles.map((r) => item('AWS::IAM::Role', r.id, r.name, [], 'global')));
    items.push(...iam.users.map((u) => item('AWS::IAM::User', u.id, u.name, [], 'global')));
  }
  return items.sort((a, b) => (a.resourceType + a.resourceId < b.resourceType + b.resourceId ? -1 : 1));
}
