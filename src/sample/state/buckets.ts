import { ORG_TRAIL_ARN, SAMPLE_DRIFT, STUDENT_RECORDS_BUCKET, driftOfKind, isDriftActive, type DriftItem } from '../drift';
import { SAMPLE_ACCOUNTS, STUDENT_DATA_TAG } from '../organization';
import { ALL_BLOCKED, type SampleBucket } from './bucket-types';
import { accessLogDeliveryPolicy, cloudTrailArchivePolicy, tlsOnlyPolicy } from './policies';

/**
 * Baseline S3 state of the sample organization, before drift. Deliberately imperfect where
 * real organizations are: the course-content bucket has no server access logging and no
 * lifecycle, the production access-log bucket was never versioned, and the management
 * account's artifacts bucket relies on the account-level public access block (none on the bucket).
 */
const prod = SAMPLE_ACCOUNTS.production.id;
const logs = SAMPLE_ACCOUNTS.logArchive.id;
const mgmt = SAMPLE_ACCOUNTS.management.id;

const PROD_KMS_KEY = `arn:aws:kms:us-east-1:${prod}:key/5f3c1a2e-8b7d-4e19-a6c4-2d9e0f713b58`;
const ARCHIVE_KMS_KEY = `arn:aws:kms:us-east-1:${logs}:key/b81e4c07-3a95-4f2d-9e6a-7c0d1f8a2b36`;

export const COURSE_CONTENT_BUCKET = 'brightpath-prod-course-content';
export const PROD_ACCESS_LOGS_BUCKET = 'brightpath-prod-s3-access-logs-us-east-1';
export const CLOUDTRAIL_ARCHIVE_BUCKET = 'brightpath-org-cloudtrail-archive';
export const ARCHIVE_ACCESS_LOGS_BUCKET = 'brightpath-log-archive-access-logs';
export const MGMT_ARTIFACTS_BUCKET = 'brightpath-mgmt-iac-artifacts';

const kms = (key: string) => ({ algorithm: 'aws:kms', kmsKeyArn: key, bucketKeyEnabled: true }) as const;
const sseS3 = { algorithm: 'AES256', bucketKeyEnabled: false } as const;

/** Sorted by name, the order ListBuckets uses. */
export const SAMPLE_BUCKETS: readonly SampleBucket[] = [
  {
    name: ARCHIVE_ACCESS_LOGS_BUCKET, account: logs, region: 'us-east-1', creationDate: '2021-02-17T15:04:51.000Z',
    versioning: { status: 'Enabled' }, objectLock: null, logging: null, encryption: sseS3, publicAccessBlock: ALL_BLOCKED,
    lifecycle: [{ id: 'expire-access-logs-2y', prefix: '', expirationDays: 730, noncurrentExpirationDays: 30, abortIncompleteMultipartUploadDays: 7 }],
    tags: [{ key: STUDENT_DATA_TAG.key, value: STUDENT_DATA_TAG.auditLogs }, { key: 'owner', value: 'security-engineering' }],
    policy: accessLogDeliveryPolicy(ARCHIVE_ACCESS_LOGS_BUCKET, logs),
  },
  {
    name: MGMT_ARTIFACTS_BUCKET, account: mgmt, region: 'us-east-1', creationDate: '2020-11-09T19:22:37.000Z',
    versioning: { status: 'Enabled' }, objectLock: null, logging: null, encryption: sseS3, publicAccessBlock: null,
    lifecycle: null, tags: null, policy: null,
  },
  {
    name: CLOUDTRAIL_ARCHIVE_BUCKET, account: logs, region: 'us-east-1', creationDate: '2021-02-17T14:58:12.000Z',
    versioning: { status: 'Enabled', mfaDelete: 'Disabled' }, objectLock: { mode: 'COMPLIANCE', days: 365 },
    logging: { targetBucket: ARCHIVE_ACCESS_LOGS_BUCKET, targetPrefix: `${CLOUDTRAIL_ARCHIVE_BUCKET}/`, partitionedByEventTime: true },
    encryption: kms(ARCHIVE_KMS_KEY), publicAccessBlock: ALL_BLOCKED,
    lifecycle: [{
      id: 'cloudtrail-archive-7y', prefix: 'AWSLogs/', transitions: [{ days: 90, storageClass: 'GLACIER' }, { days: 365, storageClass: 'DEEP_ARCHIVE' }],
      expirationDays: 2557, noncurrentExpirationDays: 2557,
    }],
    tags: [{ key: STUDENT_DATA_TAG.key, value: STUDENT_DATA_TAG.auditLogs }, { key: 'owner', value: 'security-engineering' }],
    policy: cloudTrailArchivePolicy(CLOUDTRAIL_ARCHIVE_BUCKET, ORG_TRAIL_ARN),
  },
  {
    name: COURSE_CONTENT_BUCKET, account: prod, region: 'us-west-2', creationDate: '2022-08-15T17:42:09.000Z',
    versioning: { status: 'Enabled' }, objectLock: null, logging: null, encryption: sseS3, publicAccessBlock: ALL_BLOCKED,
    lifecycle: null,
    tags: [{ key: STUDENT_DATA_TAG.key, value: STUDENT_DATA_TAG.courseContent }, { key: 'owner', value: 'curriculum-platform' }],
    policy: tlsOnlyPolicy(COURSE_CONTENT_BUCKET),
  },
  {
    name: PROD_ACCESS_LOGS_BUCKET, account: prod, region: 'us-east-1', creationDate: '2021-03-02T10:11:45.000Z',
    versioning: {}, objectLock: null, logging: null, encryption: sseS3, publicAccessBlock: ALL_BLOCKED,
    lifecycle: [{ id: 'expire-access-logs-400d', prefix: '', expirationDays: 400 }],
    tags: null, policy: accessLogDeliveryPolicy(PROD_ACCESS_LOGS_BUCKET, prod),
  },
  {
    name: STUDENT_RECORDS_BUCKET, account: prod, region: 'us-east-1', creationDate: '2021-03-02T10:09:18.000Z',
    versioning: { status: 'Enabled', mfaDelete: 'Disabled' }, objectLock: null,
    logging: { targetBucket: PROD_ACCESS_LOGS_BUCKET, targetPrefix: `${STUDENT_RECORDS_BUCKET}/`, partitionedByEventTime: false },
    encryption: kms(PROD_KMS_KEY), publicAccessBlock: ALL_BLOCKED,
    lifecycle: [{ id: 'expire-noncurrent-versions-1y', prefix: '', noncurrentExpirationDays: 365, abortIncompleteMultipartUploadDays: 7 }],
    tags: [
      { key: STUDENT_DATA_TAG.key, value: STUDENT_DATA_TAG.studentData },
      { key: 'owner', value: 'student-information-systems' },
      { key: 'compliance', value: 'ferpa' },
    ],
    policy: tlsOnlyPolicy(STUDENT_RECORDS_BUCKET),
  },
];

/** The bucket as it stands on `day`, drift applied. */
export function bucketOnDay(bucket: SampleBucket, day: number, drift: readonly DriftItem[] = SAMPLE_DRIFT): SampleBucket {
  const suspended = driftOfKind('bucket-versioning-suspended', drift).some(
    (d) => d.effect.bucket === bucket.name && isDriftActive(d, day),
  );
  return suspended ? { ...bucket, versioning: { ...bucket.versioning, status: 'Suspended' } } : bucket;
}

export function findBucket(name: string): SampleBucket | undefined {
  return SAMPLE_BUCKETS.find((b) => b.name === name);
}
