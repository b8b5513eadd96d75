import type { ServiceRoute } from './route-types';
import { CLOUDTRAIL_ROUTE } from './services/cloudtrail';
import { S3_ROUTE } from './services/s3';
import { STS_ROUTE } from './services/sts';
import { awsJson, awsQuery, ec2Query, restJson1 } from './wire/protocols';

/**
 * Every service the collectors may call, keyed by SigV4 signing name. A service without
 * recordings still answers in its own wire protocol, so an unrecorded operation reaches the
 * SDK as that service's typed "unknown operation" error and is recorded as a gap. Adding a
 * service's recordings means filling its `recordings` (see services/*.ts); the protocols
 * below are those the installed SDK clients use.
 */
function pending(signingName: string, protocol: ServiceRoute['protocol']): ServiceRoute {
  return { signingName, protocol, recordings: {} };
}

export const SERVICE_ROUTES: readonly ServiceRoute[] = [
  STS_ROUTE,
  CLOUDTRAIL_ROUTE,
  S3_ROUTE,
  pending('config', awsJson('1.1', 'StarlingDoveService')),
  pending('logs', awsJson('1.1', 'Logs_20140328')),
  pending('events', awsJson('1.1', 'AWSEvents')),
  pending('organizations', awsJson('1.1', 'AWSOrganizationsV20161128')),
  pending('kms', awsJson('1.1', 'TrentService')),
  pending('monitoring', awsJson('1.0', 'GraniteServiceVersion20100801')),
  pending('iam', awsQuery('https://iam.amazonaws.com/doc/2010-05-08/', '2010-05-08')),
  pending('sns', awsQuery('http://sns.amazonaws.com/doc/2010-03-31/', '2010-03-31')),
  pending('ec2', ec2Query()),
  pending('guardduty', restJson1((req) => `${req.method} ${req.path}`)),
];

export function findRoute(signingName: string | undefined): ServiceRoute | undefined {
  return SERVICE_ROUTES.find((r) => r.signingName === signingName);
}
