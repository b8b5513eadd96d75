import type { DayArtifact, EvalContext, ResourceResult } from '../types';
import { byKey, compareText, inputOf, objs, str } from './answer-fields';
import { answersFor, evidence, notEvidenced, responseOf, type JsonObject } from './util';

/**
 * The day's CloudTrail trails as the rules see them. DescribeTrails (with shadow trails) lists,
 * in every account × region, each trail that logs there; GetTrailStatus and GetEventSelectors are
 * collected once per trail, in the account and home region that own it (an organization trail:
 * the management account).
 */
export const DESCRIBE_TRAILS = 'cloudtrail:DescribeTrails';
export const GET_TRAIL_STATUS = 'cloudtrail:GetTrailStatus';
export const GET_EVENT_SELECTORS = 'cloudtrail:GetEventSelectors';

export interface Trail {
  arn: string;
  /** The owning account, from the trail ARN. */
  account: string;
  homeRegion: string;
  partition: string;
  fields: JsonObject;
  /** The DescribeTrails answer the trail was read from. */
  seenIn: DayArtifact;
}

/** The DescribeTrails answer of one account × region. */
export function describeTrails(ctx: EvalContext, account: string, region: string): DayArtifact | undefined {
  return byKey(answersFor(ctx, DESCRIBE_TRAILS, account, region))[0];
}

/** Trails listed in one DescribeTrails answer, by ARN. */
export function trailsIn(answer: DayArtifact): Trail[] {
  const trails: Trail[] = [];
  for (const fields of objs(responseOf(answer), 'trailList')) {
    const arn = str(fields, 'TrailARN');
    const parts = arn?.split(':') ?? [];
    if (!arn || parts.length < 6 || !parts[4]) continue;
    trails.push({ arn, account: parts[4], homeRegion: str(fields, 'HomeRegion') ?? parts[3] ?? '', partition: parts[1] ?? 'aws', fields, seenIn: answer });
  }
  return trails.sort((a, b) => compareText(a.arn, b.arn));
}

/**
 * Every trail of the day once, read from its home account and region when that answer was
 * collected, else from a shadow listing (a member account sees the organization trail's full
 * configuration).
 */
export function allTrails(ctx: EvalContext): Trail[] {
  const found = new Map<string, Trail>();
  for (const answer of byKey(ctx.answers(DESCRIBE_TRAILS))) {
    for (const t of trailsIn(answer)) {
      const atHome = (x: Trail): boolean => x.seenIn.artifact.request.account === x.account && x.seenIn.artifact.request.region === x.homeRegion;
      const known = found.get(t.arn);
      if (!known || (!atHome(known) && atHome(t))) found.set(t.arn, t);
    }
  }
  return [...found.values()].sort((a, b) => compareText(a.arn, b.arn));
}

/** The answer about one trail (`Name` / `TrailName` = its ARN), preferring the owner's home region. */
function answerAbout(ctx: EvalContext, operation: string, inputKey: string, t: Trail): DayArtifact | undefined {
  const about = byKey(ctx.answers(operation)).filter((a) => inputOf(a, inputKey) === t.arn);
  const home = about.find((a) => a.artifact.request.account === t.account && a.artifact.request.region === t.homeRegion);
  return home ?? about[0];
}

export function trailStatus(ctx: EvalContext, t: Trail): DayArtifact | undefined {
  return answerAbout(ctx, GET_TRAIL_STATUS, 'Name', t);
}

export function trailSelectors(ctx: EvalContext, t: Trail): DayArtifact | undefined {
  return answerAbout(ctx, GET_EVENT_SELECTORS, 'TrailName', t);
}

/** IsLogging of a status answer: true, false, or undefined when the status was not collected. */
export function isLogging(status: DayArtifact | undefined): boolean | undefined {
  if (!status) return undefined;
  return responseOf(status)?.IsLogging === true;
}

/** Why a per-trail answer is missing, naming the gap in the trail's home account and region. */
export function trailGapReason(ctx: EvalContext, t: Trail, operation: string): string {
  return `trail ${t.arn}: ${notEvidenced(ctx, t.arn, t.account, t.homeRegion, [operation]).reason}`;
}

/** Not evidenced: a trail whose per-trail answer is missing. */
export function trailNotEvidenced(ctx: EvalContext, t: Trail, operation: string): ResourceResult {
  return { resource: t.arn, account: t.account, region: t.homeRegion, verdict: 'not-evidenced', reason: trailGapReason(ctx, t, operation), evidence: evidence(t.seenIn) };
}

/** Not-evidenced results for every account × region of the scope whose DescribeTrails is missing. */
export function missingTrailLists(ctx: EvalContext): ResourceResult[] {
  const missing: ResourceResult[] = [];
  for (const account of ctx.accounts) {
    for (const region of ctx.regions) {
      if (!describeTrails(ctx, account, region)) missing.push(notEvidenced(ctx, `${account}/${region}`, account, region, [DESCRIBE_TRAILS]));
    }
  }
  return missing;
}
