import type { RuleParams } from '../rule-params';
import type { DayArtifact, EvalContext, ResourceResult } from '../types';
import { byKey, inputOf, objs, str } from './answer-fields';
import { answersFor, errorCodeOf, evidence, notEvidenced, responseOf } from './util';

/**
 * Which buckets the S3 controls apply to: those ListBuckets names in each account whose
 * GetBucketTagging answer carries tag `tagKey` with one of `tagValues` (student data, course
 * content …). A bucket whose tags are unknown cannot be ruled out, so it is not evidenced.
 */
export const LIST_BUCKETS = 's3:ListBuckets';
export const GET_BUCKET_TAGGING = 's3:GetBucketTagging';

export type BucketSelector = RuleParams<'s3.versioning'>;

export interface ListedBucket {
  name: string;
  account: string;
  /** BucketRegion from ListBuckets: where the per-bucket questions were asked. */
  region: string;
  listedIn: DayArtifact;
}

export interface SelectedBucket extends ListedBucket {
  tagging: DayArtifact;
  tagValue: string;
}

/** An account's ListBuckets pages, its buckets, and whether every ContinuationToken was followed. */
export function listedBuckets(ctx: EvalContext, account: string): { pages: DayArtifact[]; buckets: ListedBucket[]; missingToken?: string } {
  const pages = byKey(answersFor(ctx, LIST_BUCKETS, account));
  const asked = new Set(pages.map((p) => inputOf(p, 'ContinuationToken')));
  const missingToken = pages.map((p) => str(responseOf(p), 'ContinuationToken')).find((t) => t !== undefined && !asked.has(t));
  const buckets = new Map<string, ListedBucket>();
  for (const page of pages) {
    for (const b of objs(responseOf(page), 'Buckets')) {
      const name = str(b, 'Name');
      if (name && !buckets.has(name)) buckets.set(name, { name, account, region: str(b, 'BucketRegion') ?? page.artifact.request.region, listedIn: page });
    }
  }
  return { pages, buckets: [...buckets.values()].sort((a, b) => (a.name < b.name ? -1 : 1)), missingToken };
}

/** Every bucket listed in any account of the day, by name (bucket names are global). */
export function allListedBuckets(ctx: EvalContext): Map<string, ListedBucket> {
  const all = new Map<string, ListedBucket>();
  const accounts = [...new Set(ctx.answers(LIST_BUCKETS).map((a) => a.artifact.request.account))].sort();
  for (const account of accounts) for (const b of listedBuckets(ctx, account).buckets) if (!all.has(b.name)) all.set(b.name, b);
  return all;
}

/** The answer of a per-bucket question (`input.Bucket`), in the bucket's own account when given. */
export function bucketAnswer(ctx: EvalContext, operation: string, bucket: string, account?: string): DayArtifact | undefined {
  return byKey(ctx.answers(operation)).find((a) => inputOf(a, 'Bucket') === bucket && (account === undefined || a.artifact.request.account === account));
}

function tagValue(tagging: DayArtifact, key: string): string | undefined {
  if (errorCodeOf(tagging) === 'NoSuchTagSet') return undefined;
  return str(objs(responseOf(tagging), 'TagSet').find((t) => str(t, 'Key') === key), 'Value');
}

/**
 * The buckets in scope, plus results for what could not be decided: an account without a
 * ListBuckets answer or with an unfollowed page, a bucket without a tagging answer (not
 * evidenced), and an account with no bucket in scope (not applicable).
 */
export function selectBuckets(ctx: EvalContext, sel: BucketSelector): { buckets: SelectedBucket[]; others: ResourceResult[] } {
  const buckets: SelectedBucket[] = [];
  const others: ResourceResult[] = [];
  const wanted = `${sel.tagKey} = ${sel.tagValues.join(' | ')}`;
  for (const account of ctx.accounts) {
    const list = listedBuckets(ctx, account);
    if (list.pages.length === 0) {
      others.push({ ...notEvidenced(ctx, account, account, ctx.gaps(LIST_BUCKETS, account)[0]?.region ?? '*', [LIST_BUCKETS]), region: '*' });
      continue;
    }
    let undecided = 0;
    const taggings: DayArtifact[] = [];
    for (const b of list.buckets) {
      const tagging = bucketAnswer(ctx, GET_BUCKET_TAGGING, b.name, account);
      if (!tagging) {
        undecided++;
        const ne = notEvidenced(ctx, b.name, account, b.region, [GET_BUCKET_TAGGING]);
        others.push({ ...ne, reason: `cannot tell whether the bucket has tag ${wanted}: ${ne.reason}` });
        continue;
      }
      taggings.push(tagging);
      const value = tagValue(tagging, sel.tagKey);
      if (value !== undefined && sel.tagValues.includes(value)) buckets.push({ ...b, tagging, tagValue: value });
    }
    const base = { resource: account, account, region: '*' };
    if (list.missingToken !== undefined) {
      undecided++;
      others.push({ ...base, verdict: 'not-evidenced', reason: `the ListBuckets page after ContinuationToken ${list.missingToken} was not answered: the bucket list is incomplete`, evidence: evidence(...list.pages) });
    }
    if (undecided === 0 && !buckets.some((b) => b.account === account)) {
      const reason = `no bucket in ${account} has tag ${wanted} (${list.buckets.length} buckets listed, GetBucketTagging TagSet read for each)`;
      others.push({ ...base, verdict: 'not-applicable', reason, evidence: evidence(...list.pages, ...taggings) });
    }
  }
  return { buckets, others };
}

/** The result skeleton of a selected bucket: resource = bucket name, region = BucketRegion. */
export function bucketResult(b: ListedBucket, verdict: ResourceResult['verdict'], reason: string, ...from: Array<DayArtifact | undefined>): ResourceResult {
  return { resource: b.name, account: b.account, region: b.region, verdict, reason, evidence: evidence(...from) };
}
