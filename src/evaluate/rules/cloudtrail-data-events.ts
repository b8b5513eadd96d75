import type { RuleParams } from '../rule-params';
import type { DayArtifact, ResourceResult, Rule } from '../types';
import { describeRw, s3DataCoverage, type Coverage } from './cloudtrail-selectors';
import { DESCRIBE_TRAILS, GET_EVENT_SELECTORS, GET_TRAIL_STATUS, allTrails, describeTrails, isLogging, trailGapReason, trailSelectors, trailStatus, type Trail } from './cloudtrail-trails';
import { GET_BUCKET_TAGGING, LIST_BUCKETS, bucketResult, selectBuckets, type SelectedBucket } from './s3-buckets';
import { checkResult, responseOf } from './util';

/**
 * Object-level access to student data is recorded (who read which object: the first question of
 * a leak investigation, SOC 2 CC7.2 / ISO 27001 A.8.15). A trail applies to a bucket when it is
 * an organization trail or in the bucket's account, and multi-region or homed in the bucket's
 * region; the logging ones must together record object reads and writes on the whole bucket.
 */
interface Judged { t: Trail; status?: DayArtifact; selectors?: DayArtifact; c?: Coverage }

function applies(t: Trail, b: SelectedBucket): boolean {
  return (t.fields.IsOrganizationTrail === true || t.account === b.account) && (t.fields.IsMultiRegionTrail === true || t.homeRegion === b.region);
}

function judgeBucket(trails: readonly Judged[], b: SelectedBucket, gapOf: (t: Judged) => string | undefined, listed: boolean): ResourceResult {
  const objects = `arn:aws:s3:::${b.name}/`;
  const applicable = trails.filter((j) => applies(j.t, b));
  const logging = applicable.filter((j) => isLogging(j.status) === true);
  const recording = logging.filter((j) => j.c && (j.c.read || j.c.write));
  const read = recording.some((j) => j.c?.read);
  const write = recording.some((j) => j.c?.write);
  const cited = recording.flatMap((j) => [j.t.seenIn, j.status, j.selectors]);
  if (read && write) {
    const via = recording.map((j) => `${j.t.arn} records ${describeRw(j.c ?? { read, write, via: [] })} (${j.c?.via.join('; ') ?? ''})`).join('; ');
    return bucketResult(b, 'pass', `object reads and writes on ${objects} are recorded: ${via}`, b.tagging, ...cited);
  }
  const unknown = applicable.map(gapOf).find((g) => g !== undefined);
  if (unknown) return bucketResult(b, 'not-evidenced', unknown, b.tagging);
  if (!listed) return bucketResult(b, 'not-evidenced', `no ${DESCRIBE_TRAILS} answer for ${b.account} ${b.region}: a trail there may record the bucket`, b.tagging);
  const details = applicable.length === 0
    ? `no trail applies to ${b.account} ${b.region}`
    : applicable.map((j) => (isLogging(j.status) ? `${j.t.arn} records ${describeRw(j.c ?? { read: false, write: false, via: [] })}` : `${j.t.arn} has IsLogging false`)).join('; ');
  return bucketResult(b, 'fail', `no logging trail records object reads and writes on ${objects} (${details})`, b.tagging, ...applicable.flatMap((j) => [j.t.seenIn, j.status, j.selectors]));
}

export const s3DataEvents: Rule<RuleParams<'cloudtrail.s3-data-events'>> = {
  id: 'cloudtrail.s3-data-events',
  reads: [LIST_BUCKETS, GET_BUCKET_TAGGING, DESCRIBE_TRAILS, GET_TRAIL_STATUS, GET_EVENT_SELECTORS],
  evaluate(ctx, params) {
    const { buckets, others } = selectBuckets(ctx, params);
    const trails: Judged[] = allTrails(ctx).map((t) => ({ t, status: trailStatus(ctx, t), selectors: trailSelectors(ctx, t) }));
    const gapOf = (j: Judged): string | undefined =>
      !j.status ? trailGapReason(ctx, j.t, GET_TRAIL_STATUS) : isLogging(j.status) && !j.selectors ? trailGapReason(ctx, j.t, GET_EVENT_SELECTORS) : undefined;
    const results = buckets.map((b) => {
      const forBucket = trails.map((j) => ({ ...j, c: j.selectors ? s3DataCoverage(responseOf(j.selectors), j.t.partition, b.name) : undefined }));
      return judgeBucket(forBucket, b, gapOf, describeTrails(ctx, b.account, b.region) !== undefined);
    });
    return checkResult(this.id, [...results, ...others]);
  },
};
