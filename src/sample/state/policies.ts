import { SAMPLE_ACCOUNTS, SAMPLE_ORGANIZATION } from '../organization';

/**
 * Bucket policies of the sample organization, minified as S3 returns them. The archive
 * policy is the one the CloudTrail User Guide documents for organization trails
 * (AWSCloudTrailAclCheck + AWSCloudTrailWrite scoped by aws:SourceArn).
 */
const mgmt = SAMPLE_ACCOUNTS.management.id;
const orgId = SAMPLE_ORGANIZATION.organizationId;

function denyInsecureTransport(bucket: string): object {
  return {
    Sid: 'DenyInsecureTransport',
    Effect: 'Deny',
    Principal: '*',
    Action: 's3:*',
    Resource: [`arn:aws:s3:::${bucket}`, `arn:aws:s3:::${bucket}/*`],
    Condition: { Bool: { 'aws:SecureTransport': 'false' } },
  };
}

function policy(statements: readonly object[]): string {
  return JSON.stringify({ Version: '2012-10-17', Statement: statements });
}

export function tlsOnlyPolicy(bucket: string): string {
  return policy([denyInsecureTransport(bucket)]);
}

export function cloudTrailArchivePolicy(bucket: string, trailArn: string): string {
  return policy([
    {
      Sid: 'AWSCloudTrailAclCheck',
      Effect: 'Allow',
      Principal: { Service: 'cloudtrail.amazonaws.com' },
      Action: 's3:GetBucketAcl',
      Resource: `arn:aws:s3:::${bucket}`,
      Condition: { StringEquals: { 'aws:SourceArn': trailArn } },
    },
    {
      Sid: 'AWSCloudTrailWrite',
      Effect: 'Allow',
      Principal: { Service: 'cloudtrail.amazonaws.com' },
      Action: 's3:PutObject',
      Resource: [`arn:aws:s3:::${bucket}/AWSLogs/${mgmt}/*`, `arn:aws:s3:::${bucket}/AWSLogs/${orgId}/*`],
      Condition: { StringEquals: { 's3:x-amz-acl': 'bucket-owner-full-control', 'aws:SourceArn': trailArn } },
    },
    denyInsecureTransport(bucket),
  ]);
}

/** Server access log delivery by the logging service principal (bucket-owner-enforced buckets). */
export function accessLogDeliveryPolicy(bucket: string, sourceAccount: string): string {
  return policy([
    {
      Sid: 'S3ServerAccessLogsPolicy',
      Effect: 'Allow',
      Principal: { Service: 'logging.s3.amazonaws.com' },
      Action: 's3:PutObject',
      Resource: `arn:aws:s3:::${bucket}/*`,
      Condition: { StringEquals: { 'aws:SourceAccount': sourceAccount } },
    },
    denyInsecureTransport(bucket),
  ]);
}
