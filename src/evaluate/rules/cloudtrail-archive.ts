import type { RuleParams } from '../rule-params';
import type { DayArtifact, EvalContext, ResourceResult, Rule } from '../types';
import { compareText, num, obj, objs, str } from './answer-fields';
import { DESCRIBE_TRAILS, allTrails, type Trail } from './cloudtrail-trails';
import { LIST_BUCKETS, allListedBuckets, bucketAnswer } from './s3-buckets';
import { retention } from './s3';
import { checkResult, errorCodeOf, evidence, notEvidenced, responseOf, type JsonObject } from './util';

/**
 * The buckets trails deliver to (S3BucketName) keep log files unaltered and long enough for an
 * investigation (SOC 2 CC7.3, ISO 27001 A.5.28 collection of evidence). One result per bucket
 * (resource = bucket name), read wherever the bucket's account was collected.
 */
type Judge<P> = (answer: DayArtifact, trails: Trail[], params: P) => { pass: boolean; reason: string };

function trailBuckets(ctx: EvalContext): Array<{ bucket: string; trails: Trail[] }> {
  const by = new Map<string, Trail[]>();
  for (const t of allTrails(ctx)) {
    const bucket = str(t.fields, 'S3BucketName');
    if (bucket) by.set(bucket, [...(by.get(bucket) ?? []), t]);
  }
  return [...by].sort(([a], [b]) => compareText(a, b)).map(([bucket, trails]) => ({ bucket, trails }));
}

function archiveRule<R extends 'cloudtrail.archive-immutability' | 'cloudtrail.archive-retention'>(id: R, operation: string, judge: Judge<RuleParams<R>>): Rule<RuleParams<R>> {
  return {
    id,
    reads: [DESCRIBE_TRAILS, LIST_BUCKETS, operation],
    evaluate(ctx, params) {
      const listed = allListedBuckets(ctx);
      const resources = trailBuckets(ctx).map(({ bucket, trails }): ResourceResult => {
        const answer = bucketAnswer(ctx, operation, bucket);
        const home = listed.get(bucket);
        const first = trails[0] as Trail;
        const names = trails.map((t) => t.arn).join(', ');
        if (!answer && home) return { ...notEvidenced(ctx, bucket, home.account, home.region, [operation]), evidence: evidence(home.listedIn) };
        if (!answer) {
          // The bucket is in an account outside the collection (e.g. a log-archive account not in scope).
          const reason = `bucket ${bucket} (S3BucketName of ${names}) is not in the ListBuckets of any collected account: its account was not collected`;
          return { resource: bucket, account: first.account, region: first.homeRegion, verdict: 'not-evidenced', reason, evidence: evidence(...trails.map((t) => t.seenIn)) };
        }
        const { pass, reason } = judge(answer, trails, params);
        const { account, region } = answer.artifact.request;
        return { resource: bucket, account, region, verdict: pass ? 'pass' : 'fail', reason: `${reason} (archive of ${names})`, evidence: evidence(answer, ...trails.map((t) => t.seenIn)) };
      });
      return checkResult(id, resources);
    },
  };
}

/**
 * Object Lock enabled with a default retention: CloudTrail writes log files without a
 * retention period of its own, so only a default retention locks them.
 */
export const archiveImmutability = archiveRule('cloudtrail.archive-immutability', 's3:GetObjectLockConfiguration', (a) => {
  const code = errorCodeOf(a);
  if (code) return { pass: false, reason: `no Object Lock configuration (${code})` };
  const cfg = obj(responseOf(a), 'ObjectLockConfiguration');
  const enabled = str(cfg, 'ObjectLockEnabled');
  if (enabled !== 'Enabled') return { pass: false, reason: `ObjectLockEnabled is ${enabled ?? 'absent'}` };
  const defaults = obj(obj(cfg, 'Rule'), 'DefaultRetention');
  return defaults
    ? { pass: true, reason: `ObjectLockEnabled is Enabled, ${retention(cfg)}` }
    : { pass: false, reason: 'ObjectLockEnabled is Enabled but Rule.DefaultRetention is absent: log files are not locked' };
});

/** The key prefix a lifecycle rule is limited to (Filter.Prefix, Filter.And.Prefix or the legacy Prefix). */
function rulePrefix(rule: JsonObject): string {
  const filter = obj(rule, 'Filter');
  return str(filter, 'Prefix') ?? str(obj(filter, 'And'), 'Prefix') ?? str(rule, 'Prefix') ?? '';
}

/** Where a trail writes: `<S3KeyPrefix>/AWSLogs/` (log files and digests). */
function logPrefix(t: Trail): string {
  const p = str(t.fields, 'S3KeyPrefix');
  return `${p ? `${p}/` : ''}AWSLogs/`;
}

/**
 * No enabled lifecycle rule that reaches a trail's key prefix expires current objects
 * (Expiration.Days, or any Expiration.Date) or noncurrent versions (NoncurrentVersionExpiration
 * .NoncurrentDays) in fewer than minRetentionDays. No lifecycle at all passes: nothing expires
 * the logs (deleting them by hand is what archive-immutability guards against).
 */
export const archiveRetention = archiveRule('cloudtrail.archive-retention', 's3:GetBucketLifecycleConfiguration', (a, trails, params) => {
  const code = errorCodeOf(a);
  if (code) return { pass: true, reason: `no lifecycle configuration (${code}): nothing expires the log files` };
  const prefixes = trails.map(logPrefix);
  const rules = objs(responseOf(a), 'Rules').filter((r) => {
    const p = rulePrefix(r);
    return str(r, 'Status') === 'Enabled' && prefixes.some((lp) => lp.startsWith(p) || p.startsWith(lp));
  });
  const min = params.minRetentionDays;
  const short: string[] = [];
  for (const r of rules) {
    const id = str(r, 'ID') ?? '(no ID)';
    const days = num(obj(r, 'Expiration'), 'Days');
    const date = str(obj(r, 'Expiration'), 'Date');
    const noncurrent = num(obj(r, 'NoncurrentVersionExpiration'), 'NoncurrentDays');
    if (days !== undefined && days < min) short.push(`rule ${id} Expiration.Days is ${days}`);
    if (date !== undefined) short.push(`rule ${id} Expiration.Date is ${date}`);
    if (noncurrent !== undefined && noncurrent < min) short.push(`rule ${id} NoncurrentVersionExpiration.NoncurrentDays is ${noncurrent}`);
  }
  if (short.length > 0) return { pass: false, reason: `${short.join('; ')}: fewer than ${min} days` };
  return { pass: true, reason: `no enabled lifecycle rule reaching ${prefixes.join(', ')} expires objects in fewer than ${min} days (${rules.length} enabled ${rules.length === 1 ? 'rule reaches' : 'rules reach'} them)` };
});

export const CLOUDTRAIL_ARCHIVE_RULES = [archiveImmutability, archiveRetention] as const;
