import type { RuleParams } from '../rule-params';
import type { DayArtifact, EvalContext, ResourceResult, Rule } from '../types';
import { byKey, inputOf, num, obj, objs, str } from './answer-fields';
import { GET_BUCKET_TAGGING, LIST_BUCKETS, bucketAnswer, bucketResult, selectBuckets, type BucketSelector, type SelectedBucket } from './s3-buckets';
import { tlsOnly } from './s3-tls';
import { checkResult, errorCodeOf, notEvidenced, responseOf, type JsonObject } from './util';

/**
 * S3 controls on the buckets that hold student data and course content (SOC 2 CC6.1/CC6.7,
 * ISO 27001 A.8.10-A.8.13, A.8.24): one result per bucket in scope (resource = bucket name,
 * region = its BucketRegion), judged from the answer about that bucket.
 */
type Judge<P> = (answer: DayArtifact, b: SelectedBucket, params: P) => { pass: boolean; reason: string };

function perBucket(ctx: EvalContext, sel: BucketSelector, judge: (b: SelectedBucket) => ResourceResult): ResourceResult[] {
  const { buckets, others } = selectBuckets(ctx, sel);
  return [...buckets.map(judge), ...others];
}

function bucketRule<R extends 's3.versioning' | 's3.object-lock' | 's3.access-logging' | 's3.default-encryption' | 's3.tls-only'>(
  id: R,
  operation: string,
  judge: Judge<RuleParams<R>>,
): Rule<RuleParams<R>> {
  return {
    id,
    reads: [LIST_BUCKETS, GET_BUCKET_TAGGING, operation],
    evaluate(ctx, params) {
      return checkResult(id, perBucket(ctx, params, (b) => {
        const answer = bucketAnswer(ctx, operation, b.name, b.account);
        if (!answer) return { ...notEvidenced(ctx, b.name, b.account, b.region, [operation]), evidence: [] };
        const { pass, reason } = judge(answer, b, params);
        return bucketResult(b, pass ? 'pass' : 'fail', reason, b.tagging, answer);
      }));
    },
  };
}

/** Versioning keeps overwritten and deleted objects recoverable: Status Enabled. Suspended or never set fails. */
export const s3Versioning = bucketRule('s3.versioning', 's3:GetBucketVersioning', (a) => {
  const status = str(responseOf(a), 'Status');
  return { pass: status === 'Enabled', reason: `Status is ${status ?? 'absent (versioning was never enabled)'}` };
});

/** The default retention of an ObjectLockConfiguration, for the reason. */
export function retention(cfg: JsonObject | undefined): string {
  const d = obj(obj(cfg, 'Rule'), 'DefaultRetention');
  if (!d) return 'no default retention';
  const days = num(d, 'Days');
  const years = num(d, 'Years');
  return `default retention ${str(d, 'Mode') ?? '?'} ${days !== undefined ? `${days} days` : `${years ?? '?'} years`}`;
}

/** ObjectLockEnabled Enabled (as AWS Security Hub S3.15); the default retention is reported, not required. */
export const s3ObjectLock = bucketRule('s3.object-lock', 's3:GetObjectLockConfiguration', (a) => {
  const code = errorCodeOf(a);
  if (code) return { pass: false, reason: `no Object Lock configuration (${code})` };
  const cfg = obj(responseOf(a), 'ObjectLockConfiguration');
  const enabled = str(cfg, 'ObjectLockEnabled');
  return { pass: enabled === 'Enabled', reason: `ObjectLockEnabled is ${enabled ?? 'absent'}${enabled === 'Enabled' ? `, ${retention(cfg)}` : ''}` };
});

/** Server access logs record every request to the bucket: LoggingEnabled with a TargetBucket. */
export const s3AccessLogging = bucketRule('s3.access-logging', 's3:GetBucketLogging', (a) => {
  const target = str(obj(responseOf(a), 'LoggingEnabled'), 'TargetBucket');
  return target
    ? { pass: true, reason: `LoggingEnabled.TargetBucket is ${target}` }
    : { pass: false, reason: 'LoggingEnabled is absent (server access logging is off)' };
});

const KMS_ALGORITHMS = ['aws:kms', 'aws:kms:dsse'];

/** Default encryption; with requireKms, SSEAlgorithm aws:kms or aws:kms:dsse (SSE-S3 AES256 fails). */
export const s3DefaultEncryption = bucketRule('s3.default-encryption', 's3:GetBucketEncryption', (a, _b, params) => {
  const code = errorCodeOf(a);
  if (code) return { pass: false, reason: `no default encryption configuration (${code})` };
  const defaults = objs(obj(responseOf(a), 'ServerSideEncryptionConfiguration'), 'Rules').map((r) => obj(r, 'ApplyServerSideEncryptionByDefault'));
  const algorithms = defaults.map((d) => str(d, 'SSEAlgorithm')).filter((x): x is string => x !== undefined);
  if (algorithms.length === 0) return { pass: false, reason: 'no rule has ApplyServerSideEncryptionByDefault.SSEAlgorithm' };
  const kms = defaults.find((d) => KMS_ALGORITHMS.includes(str(d, 'SSEAlgorithm') ?? ''));
  if (kms) return { pass: true, reason: `SSEAlgorithm is ${str(kms, 'SSEAlgorithm')}${str(kms, 'KMSMasterKeyID') ? ` with KMSMasterKeyID ${str(kms, 'KMSMasterKeyID')}` : ''}` };
  return params.requireKms
    ? { pass: false, reason: `SSEAlgorithm is ${algorithms.join(', ')}, not aws:kms or aws:kms:dsse (requireKms)` }
    : { pass: true, reason: `SSEAlgorithm is ${algorithms.join(', ')}` };
});

/** A Deny for Principal * when aws:SecureTransport is "false" (s3-tls.ts); no bucket policy fails. */
export const s3TlsOnly = bucketRule('s3.tls-only', 's3:GetBucketPolicy', (a, b) => {
  const code = errorCodeOf(a);
  if (code) return { pass: false, reason: `no bucket policy (${code})` };
  const policy = str(responseOf(a), 'Policy');
  if (!policy) return { pass: false, reason: 'Policy is absent' };
  const v = tlsOnly(policy, b.name);
  return v.ok ? { pass: true, reason: `Policy statement ${v.statement} denies Principal * when aws:SecureTransport is "false"` } : { pass: false, reason: v.why };
});

const PAB_FLAGS = ['BlockPublicAcls', 'IgnorePublicAcls', 'BlockPublicPolicy', 'RestrictPublicBuckets'];
const BUCKET_PAB = 's3:GetPublicAccessBlock';
const ACCOUNT_PAB = 's3-control:GetPublicAccessBlock';

/** All four flags true, or why not (undefined when there is no answer). */
function pabOff(a: DayArtifact | undefined): string | undefined {
  if (!a) return undefined;
  const code = errorCodeOf(a);
  if (code) return `no configuration (${code})`;
  const cfg = obj(responseOf(a), 'PublicAccessBlockConfiguration');
  const off = PAB_FLAGS.filter((f) => cfg?.[f] !== true);
  return off.length === 0 ? '' : `${off.join(', ')} not true`;
}

/** Bucket-level block with all four flags true, or the account-level block (S3 Control) with all four true. */
export const s3PublicAccessBlock: Rule<RuleParams<'s3.public-access-block'>> = {
  id: 's3.public-access-block',
  reads: [LIST_BUCKETS, GET_BUCKET_TAGGING, BUCKET_PAB, ACCOUNT_PAB],
  evaluate(ctx, params) {
    return checkResult(this.id, perBucket(ctx, params, (b) => {
      const bucket = bucketAnswer(ctx, BUCKET_PAB, b.name, b.account);
      const account = byKey(ctx.answers(ACCOUNT_PAB)).find((a) => (inputOf(a, 'AccountId') ?? a.artifact.request.account) === b.account);
      const [atBucket, atAccount] = [pabOff(bucket), pabOff(account)];
      if (atBucket === '') return bucketResult(b, 'pass', 'bucket-level PublicAccessBlockConfiguration has all four flags true', b.tagging, bucket);
      if (atAccount === '') return bucketResult(b, 'pass', `account-level PublicAccessBlockConfiguration of ${b.account} has all four flags true`, b.tagging, account);
      const gap = (op: string, region?: string): string => {
        const g = ctx.gaps(op, b.account, region)[0];
        return g ? `${op} was not answered (${g.errorCode})` : `no ${op} answer was collected`;
      };
      const reason = `bucket level: ${atBucket ?? gap(BUCKET_PAB, b.region)}; account level: ${atAccount ?? gap(ACCOUNT_PAB)}`;
      const verdict = atBucket === undefined || atAccount === undefined ? 'not-evidenced' : 'fail';
      return bucketResult(b, verdict, reason, b.tagging, bucket, account);
    }));
  },
};

export const S3_RULES = [s3Versioning, s3ObjectLock, s3AccessLogging, s3DefaultEncryption, s3PublicAccessBlock, s3TlsOnly] as const;
