import type { JsonValue } from '../../core/canonical';
import type { RuleParams } from '../rule-params';
import type { DayArtifact, EvalContext, ResourceResult, Rule } from '../types';
import { answersFor, checkResult, evidence, isObject, notEvidenced, responseOf, type JsonObject } from './util';

/**
 * GuardDuty: threat detection that turns suspicious access to data (S3 exfiltration patterns,
 * credential misuse) into findings someone must triage — SOC 2 CC7.2/CC7.3, ISO 27001 A.5.25,
 * A.8.16. A region has at most one detector per account.
 */

export const LIST_DETECTORS = 'guardduty:ListDetectors';
export const GET_DETECTOR = 'guardduty:GetDetector';

const byKey = (a: DayArtifact, b: DayArtifact): number => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);
const objects = (v: JsonValue | undefined): JsonObject[] => (Array.isArray(v) ? v.filter(isObject) : []);
const str = (v: JsonValue | undefined): string => (typeof v === 'string' ? v : 'absent');

export interface Detector {
  id: string;
  account: string;
  region: string;
  listed: DayArtifact;
  /** The GetDetector answer, when collected. */
  detail?: { source: DayArtifact; response: JsonObject };
}

export interface RegionDetectors {
  /** The ListDetectors pages (empty: not collected). */
  pages: DayArtifact[];
  /** Whether a ListDetectors page is missing (a gap). */
  partial: boolean;
  detectors: Detector[];
}

export function detectorsIn(ctx: EvalContext, account: string, region: string): RegionDetectors {
  const pages = answersFor(ctx, LIST_DETECTORS, account, region).sort(byKey);
  const details = answersFor(ctx, GET_DETECTOR, account, region).sort(byKey);
  const detectors = new Map<string, Detector>();
  for (const listed of pages) {
    const ids = responseOf(listed)?.DetectorIds;
    for (const id of Array.isArray(ids) ? ids : []) {
      if (typeof id !== 'string' || detectors.has(id)) continue;
      const source = details.find((a) => a.artifact.request.input.DetectorId === id);
      const response = source && responseOf(source);
      detectors.set(id, { id, account, region, listed, ...(source && response ? { detail: { source, response } } : {}) });
    }
  }
  return { pages, partial: ctx.gaps(LIST_DETECTORS, account, region).length > 0, detectors: [...detectors.values()].sort((x, y) => (x.id < y.id ? -1 : 1)) };
}

export const isEnabled = (d: Detector): boolean => d.detail?.response.Status === 'ENABLED';

function enabledResult(ctx: EvalContext, account: string, region: string): ResourceResult {
  const resource = `${account}/${region}`;
  const { pages, partial, detectors } = detectorsIn(ctx, account, region);
  const on = detectors.find(isEnabled);
  if (on?.detail) return { resource, account, region, verdict: 'pass', reason: `detector ${on.id} has Status ENABLED`, evidence: evidence(on.listed, on.detail.source) };
  if (pages.length === 0 || partial) return notEvidenced(ctx, resource, account, region, [LIST_DETECTORS]);
  if (detectors.length === 0) return { resource, account, region, verdict: 'fail', reason: 'ListDetectors DetectorIds is empty: GuardDuty is not enabled in this region', evidence: evidence(...pages) };
  const unread = detectors.find((d) => !d.detail);
  if (unread) return notEvidenced(ctx, resource, account, region, [GET_DETECTOR]);
  const states = detectors.map((d) => `detector ${d.id} has Status ${str(d.detail?.response.Status)}`).join('; ');
  return { resource, account, region, verdict: 'fail', reason: states, evidence: evidence(...detectors.flatMap((d) => [d.listed, d.detail?.source])) };
}

export const guarddutyEnabled: Rule<RuleParams<'guardduty.enabled'>> = {
  id: 'guardduty.enabled',
  reads: [LIST_DETECTORS, GET_DETECTOR],
  evaluate(ctx) {
    return checkResult('guardduty.enabled', ctx.accounts.flatMap((account) => ctx.regions.map((region) => enabledResult(ctx, account, region))));
  },
};

/** Per detector of every region, plus "not evidenced" for regions whose detectors could not be listed. */
function perDetector(ctx: EvalContext, check: (d: Detector) => ResourceResult[]): ResourceResult[] {
  return ctx.accounts.flatMap((account) => ctx.regions.flatMap((region) => {
    const { pages, partial, detectors } = detectorsIn(ctx, account, region);
    const unlisted = pages.length === 0 || partial ? [notEvidenced(ctx, `${account}/${region}`, account, region, [LIST_DETECTORS])] : [];
    return [...unlisted, ...detectors.flatMap(check)];
  }));
}

// The Features list (S3_DATA_EVENTS) supersedes the legacy DataSources.S3Logs when present; a disabled detector protects nothing.
function s3Result(ctx: EvalContext, d: Detector): ResourceResult {
  const base = { resource: d.id, account: d.account, region: d.region };
  if (!d.detail) return notEvidenced(ctx, d.id, d.account, d.region, [GET_DETECTOR]);
  const { response, source } = d.detail;
  const cited = evidence(d.listed, source);
  if (response.Status !== 'ENABLED') return { ...base, verdict: 'fail', reason: `detector Status is ${str(response.Status)}: nothing is monitored`, evidence: cited };
  const feature = objects(response.Features).find((f) => f.Name === 'S3_DATA_EVENTS');
  if (feature) {
    const ok = feature.Status === 'ENABLED';
    return { ...base, verdict: ok ? 'pass' : 'fail', reason: `Features S3_DATA_EVENTS has Status ${str(feature.Status)}`, evidence: cited };
  }
  const s3Logs = isObject(response.DataSources) && isObject(response.DataSources.S3Logs) ? response.DataSources.S3Logs.Status : undefined;
  const ok = s3Logs === 'ENABLED';
  return { ...base, verdict: ok ? 'pass' : 'fail', reason: `no S3_DATA_EVENTS in Features; legacy DataSources.S3Logs.Status is ${str(s3Logs)}`, evidence: cited };
}

export const s3Protection: Rule<RuleParams<'guardduty.s3-protection'>> = {
  id: 'guardduty.s3-protection',
  reads: [LIST_DETECTORS, GET_DETECTOR],
  evaluate(ctx) {
    return checkResult('guardduty.s3-protection', perDetector(ctx, (d) => [s3Result(ctx, d)]));
  },
};

const LIST_FINDINGS = 'guardduty:ListFindings';
const GET_FINDINGS = 'guardduty:GetFindings';
const HOUR_MS = 3_600_000;

// The collector asks only for findings from some severity up (FindingCriteria severity GreaterThanOrEqual/Gte, GreaterThan/Gt): a lower minSeverity is not evidenced by that list.
function severityOf(page: DayArtifact): JsonValue | undefined {
  const criteria = page.artifact.request.input.FindingCriteria;
  return isObject(criteria) && isObject(criteria.Criterion) ? criteria.Criterion.severity : undefined;
}

function coversSeverity(page: DayArtifact, min: number): boolean {
  const severity = severityOf(page);
  if (!isObject(severity)) return true;
  const num = (...vs: Array<JsonValue | undefined>): number | undefined => vs.find((v): v is number => typeof v === 'number');
  const floor = num(severity.GreaterThanOrEqual, severity.Gte);
  const above = num(severity.GreaterThan, severity.Gt);
  return (floor === undefined || floor <= min) && (above === undefined || above < min);
}

// Findings of the detector with Severity >= minSeverity, not archived, open longer than maxOpenHours at the time GetFindings answered.
function findingsResults(ctx: EvalContext, d: Detector, p: RuleParams<'guardduty.high-findings-triaged'>): ResourceResult[] {
  const mine = (a: DayArtifact): boolean => a.artifact.request.input.DetectorId === d.id;
  const lists = answersFor(ctx, LIST_FINDINGS, d.account, d.region).filter(mine).sort(byKey);
  const gets = answersFor(ctx, GET_FINDINGS, d.account, d.region).filter(mine).sort(byKey);
  const found = new Map<string, { finding: JsonObject; source: DayArtifact }>();
  for (const source of gets) for (const finding of objects(responseOf(source)?.Findings)) {
    if (typeof finding.Id === 'string' && !found.has(finding.Id)) found.set(finding.Id, { finding, source });
  }
  const out: ResourceResult[] = [];
  const young: string[] = [];
  for (const [id, { finding, source }] of [...found].sort(([x], [y]) => (x < y ? -1 : 1))) {
    const severity = typeof finding.Severity === 'number' ? finding.Severity : NaN;
    const isArchived = isObject(finding.Service) && finding.Service.Archived === true;
    if (!(severity >= p.minSeverity) || isArchived) continue;
    const hours = (Date.parse(source.observedAt) - Date.parse(str(finding.CreatedAt))) / HOUR_MS;
    const resource = typeof finding.Arn === 'string' ? finding.Arn : id;
    const what = `finding ${id} (${str(finding.Type)}, Severity ${severity})`;
    if (Number.isNaN(hours)) out.push({ resource, account: d.account, region: d.region, verdict: 'not-evidenced', reason: `${what} has no readable CreatedAt (${str(finding.CreatedAt)})`, evidence: evidence(source) });
    else if (hours > p.maxOpenHours) out.push({ resource, account: d.account, region: d.region, verdict: 'fail', reason: `${what} is not archived ${Math.floor(hours)} hours after CreatedAt ${str(finding.CreatedAt)}, more than ${p.maxOpenHours}`, evidence: evidence(source) });
    else young.push(id);
  }
  const listed = lists.flatMap((a) => { const ids = responseOf(a)?.FindingIds; return Array.isArray(ids) ? ids.filter((i): i is string => typeof i === 'string') : []; });
  const missing = [...new Set(listed.filter((id) => !found.has(id)))].sort();
  const partial = ctx.gaps(LIST_FINDINGS, d.account, d.region).length > 0 || ctx.gaps(GET_FINDINGS, d.account, d.region).length > 0;
  const narrow = lists.find((a) => !coversSeverity(a, p.minSeverity));
  const base = { resource: d.id, account: d.account, region: d.region };
  if (lists.length === 0 || partial) out.push(notEvidenced(ctx, d.id, d.account, d.region, [LIST_FINDINGS, GET_FINDINGS]));
  else if (narrow) out.push({ ...base, verdict: 'not-evidenced', reason: `ListFindings FindingCriteria severity ${JSON.stringify(severityOf(narrow))} leaves out findings from Severity ${p.minSeverity}`, evidence: evidence(narrow) });
  else if (missing.length > 0) out.push({ ...base, verdict: 'not-evidenced', reason: `ListFindings FindingIds ${missing.join(', ')} have no GetFindings answer`, evidence: evidence(...lists, ...gets) });
  else if (out.length === 0) {
    const within = young.length > 0 ? `; ${young.length} younger open finding(s): ${young.join(', ')}` : '';
    out.push({ ...base, verdict: 'pass', reason: `no finding with Severity >= ${p.minSeverity} left unarchived more than ${p.maxOpenHours} hours (${listed.length} listed)${within}`, evidence: evidence(...lists, ...gets) });
  }
  return out;
}

export const highFindingsTriaged: Rule<RuleParams<'guardduty.high-findings-triaged'>> = {
  id: 'guardduty.high-findings-triaged',
  reads: [LIST_DETECTORS, LIST_FINDINGS, GET_FINDINGS],
  evaluate(ctx, params) {
    return checkResult('guardduty.high-findings-triaged', perDetector(ctx, (d) => findingsResults(ctx, d, params)));
  },
};

export const GUARDDUTY_RULES = [guarddutyEnabled, s3Protection, highFindingsTriaged] as const;
