import { cloudtrailCollector } from './cloudtrail';
import { cloudwatchCollector } from './cloudwatch';
import { configCollector } from './config';
import { ec2Collector } from './ec2';
import { eventbridgeCollector } from './eventbridge';
import { guarddutyCollector } from './guardduty';
import { iamCollector } from './iam';
import { logsCollector } from './logs';
import { organizationsCollector } from './organizations';
import { s3Collector } from './s3';
import { snsCollector } from './sns';
import type { Collector } from './types';

/**
 * Every collector the daily run uses: one per AWS service, each asked in every account ×
 * region (account-wide services answer only in the home region). docs/collectors.md lists
 * exactly what each one asks.
 */
export const COLLECTORS: readonly Collector[] = [
  organizationsCollector,
  configCollector,
  cloudtrailCollector,
  s3Collector,
  logsCollector,
  cloudwatchCollector,
  snsCollector,
  eventbridgeCollector,
  guarddutyCollector,
  ec2Collector,
  iamCollector,
];

export function collectorNames(): string[] {
  return COLLECTORS.map((c) => c.name);
}
