import type { ServiceRoute } from './route-types';
import { CLOUDTRAIL_ROUTE } from './services/cloudtrail';
import { CLOUDWATCH_ROUTE } from './services/cloudwatch';
import { CONFIG_ROUTE } from './services/config';
import { EC2_ROUTE } from './services/ec2';
import { EVENTS_ROUTE } from './services/events';
import { GUARDDUTY_ROUTE } from './services/guardduty';
import { IAM_ROUTE } from './services/iam';
import { LOGS_ROUTE } from './services/logs';
import { ORGANIZATIONS_ROUTE } from './services/organizations';
import { S3_ROUTE } from './services/s3';
import { S3_CONTROL_ROUTE } from './services/s3-control';
import { SNS_ROUTE } from './services/sns';
import { STS_ROUTE } from './services/sts';
import { awsJson } from './wire/protocols';

/**
 * Every service the collectors may call, keyed by SigV4 signing name (S3 Control, which signs
 * as s3, by "s3-control": see router.ts). A service without recordings still answers in its
 * own wire protocol, so an unrecorded operation reaches the SDK as that service's typed
 * "unknown operation" error and is recorded as a gap. Adding a service means a
 * services/<service>.ts file and one line below; the protocols are those the installed SDK
 * clients use.
 */
function pending(signingName: string, protocol: ServiceRoute['protocol']): ServiceRoute {
  return { signingName, protocol, recordings: {} };
}

export const SERVICE_ROUTES: readonly ServiceRoute[] = [
  STS_ROUTE,
  CLOUDTRAIL_ROUTE,
  S3_ROUTE,
  S3_CONTROL_ROUTE,
  CONFIG_ROUTE,
  LOGS_ROUTE,
  EVENTS_ROUTE,
  ORGANIZATIONS_ROUTE,
  CLOUDWATCH_ROUTE,
  IAM_ROUTE,
  SNS_ROUTE,
  EC2_ROUTE,
  GUARDDUTY_ROUTE,
  pending('kms', awsJson('1.1', 'TrentService')),
];

export function findRoute(signingName: string | undefined): ServiceRoute | undefined {
  return SERVICE_ROUTES.find((r) => r.signingName === signingName);
}
