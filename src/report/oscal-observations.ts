import type { JsonValue } from '../core/canonical';
import type { ControlVerdict } from '../evaluate/engine';
import type { ControlException, ControlSummary, EvidenceRef, PackDay } from '../pack/model';
import type { OscalContext } from './oscal-context';
import { manifestResourceUuid } from './oscal-back-matter';
import { dayEnd, packHref, prop, rangeText, type JsonObject } from './oscal-common';

export const VERDICT_TEXT: Record<ControlVerdict, string> = {
  pass: 'passed',
  fail: 'failed',
  'not-applicable': 'not applicable',
  'not-evidenced': 'not evidenced',
  disabled: 'disabled',
};

const VERDICTS = Object.keys(VERDICT_TEXT) as ControlVerdict[];
/** Bounds the artifacts cited per exception run; the day's control-results artifact lists them all. */
const MAX_DAY_EVIDENCE = 10;

export function platformUuid(ctx: OscalContext): string {
  return ctx.stableUuid('assessment-platform:evidence-vault');
}

export function inventoryItemUuid(ctx: OscalContext, r: { resource: string; account: string; region: string }): string {
  return ctx.uuid(`inventory-item:${JSON.stringify([r.account, r.region, r.resource])}`);
}

export function summaryObservationUuid(ctx: OscalContext, control: ControlSummary): string {
  return ctx.uuid(`observation:${control.id}:summary`);
}

export function exceptionObservationUuid(ctx: OscalContext, control: ControlSummary, index: number): string {
  return ctx.uuid(`observation:${control.id}:exception:${index}`);
}

/** "passed 88, failed 3, no verdict 1 of 92 days" (verdicts with no day are left out). */
export function dayCountsText(ctx: OscalContext, control: ControlSummary): string {
  const parts = VERDICTS.filter((v) => (control.days[v] ?? 0) > 0).map((v) => `${VERDICT_TEXT[v]} ${control.days[v]}`);
  // A day with no sealed manifest has no verdict at all (pack.json missingDays): say so.
  const counted = VERDICTS.reduce((n, v) => n + (control.days[v] ?? 0), 0);
  if (counted < ctx.pack.period.days) parts.push(`no verdict ${ctx.pack.period.days - counted}`);
  return `${parts.join(', ')} of ${ctx.pack.period.days} days`;
}

function methods(control: ControlSummary): string[] {
  // Automated controls are tested against the live configuration; process controls by examining documents.
  return control.kind === 'automated' ? ['TEST'] : ['EXAMINE'];
}

function evidence(ref: EvidenceRef, description: string, links?: JsonValue[]): JsonObject {
  const out: JsonObject = { href: packHref(ref.key), description, props: [prop('sha256', ref.sha256)] };
  if (links) out.links = links;
  return out;
}

function common(ctx: OscalContext, control: ControlSummary): JsonObject {
  return { methods: methods(control), origins: [{ actors: [{ type: 'assessment-platform', 'actor-uuid': platformUuid(ctx) }] }] };
}

function summaryObservation(ctx: OscalContext, control: ControlSummary): JsonObject {
  const { quarter } = ctx.pack.period;
  const what = control.disabled
    ? `disabled all period (${control.disabled.reason})`
    : control.operatedEveryDay ? `operated every day of ${quarter}` : `did not operate every day of ${quarter}`;
  const out: JsonObject = {
    uuid: summaryObservationUuid(ctx, control),
    title: `${control.id}: ${what}`,
    description: `${control.title}: ${dayCountsText(ctx, control)}, evaluated daily by Evidence Vault; ${control.evidenceCount} artifact(s) behind the verdicts.`,
    ...common(ctx, control),
    types: ['control-objective'],
    props: [...VERDICTS.map((v) => prop(`days-${v}`, control.days[v] ?? 0)), prop('evidence-count', control.evidenceCount)],
    collected: dayEnd(ctx.pack.period.end),
  };
  if (control.sampleEvidence.length) {
    out['relevant-evidence'] = control.sampleEvidence.map((ref) => evidence(ref, 'A sample artifact behind a verdict of this control.'));
  }
  return out;
}

function dayEvidence(ctx: OscalContext, control: ControlSummary, day: PackDay, first: boolean): JsonObject[] {
  const out: JsonObject[] = [];
  const known = new Set(ctx.pack.chain.manifests.map((m) => m.key));
  if (day.manifest) {
    const links = known.has(day.manifest.key) ? [{ href: `#${manifestResourceUuid(ctx, day.manifest.key)}`, rel: 'reference' }] : undefined;
    out.push(evidence(day.manifest, `Signed manifest of ${day.date}.`, links));
  }
  if (day.results) out.push(evidence(day.results, `Control results of ${day.date}: the verdict of every resource, with its reason.`));
  if (first) {
    const cited = day.controls.find((c) => c.id === control.id)?.evidence ?? [];
    out.push(...cited.slice(0, MAX_DAY_EVIDENCE).map((ref) => evidence(ref, `An artifact the ${day.date} verdict was read from.`)));
  }
  return out;
}

function exceptionEvidence(ctx: OscalContext, control: ControlSummary, ex: ControlException): JsonObject[] {
  const days = ctx.pack.days.filter((d) => d.date === ex.from || d.date === ex.to);
  const all = days.flatMap((d) => dayEvidence(ctx, control, d, d.date === ex.from));
  const seen = new Set<string>();
  return all.filter((e) => !seen.has(e.href as string) && seen.add(e.href as string));
}

function exceptionObservation(ctx: OscalContext, control: ControlSummary, ex: ControlException, index: number): JsonObject {
  const range = rangeText(ex.from, ex.to);
  const out: JsonObject = {
    uuid: exceptionObservationUuid(ctx, control, index),
    title: `${control.id}: ${VERDICT_TEXT[ex.verdict]} ${range}`,
    description:
      `${control.title}: ${VERDICT_TEXT[ex.verdict]} on every day from ${range}` +
      (ex.resources.length ? `, for ${ex.resources.length} resource(s) (each subject gives the reason).` : '.'),
    ...common(ctx, control),
    types: ['finding'],
    props: [prop('verdict', ex.verdict), prop('from', ex.from), prop('to', ex.to)],
    collected: dayEnd(ex.to),
  };
  if (ex.resources.length) {
    out.subjects = ex.resources.map((r) => ({
      'subject-uuid': inventoryItemUuid(ctx, r),
      type: 'inventory-item',
      title: r.resource,
      props: [prop('account', r.account), prop('region', r.region)],
      remarks: r.reason,
    }));
  }
  const cited = exceptionEvidence(ctx, control, ex);
  if (cited.length) out['relevant-evidence'] = cited;
  return out;
}

/** One observation per control for the period, and one per exception run (never per day or resource). */
export function buildObservations(ctx: OscalContext): JsonObject[] {
  return ctx.pack.controls.flatMap((control) => [
    summaryObservation(ctx, control),
    ...control.exceptions.map((ex, i) => exceptionObservation(ctx, control, ex, i)),
  ]);
}

/** Every resource named by an exception, once, as an inventory item of the result. */
export function buildInventoryItems(ctx: OscalContext): JsonObject[] {
  const items = new Map<string, JsonObject>();
  for (const control of ctx.pack.controls) {
    for (const r of control.exceptions.flatMap((ex) => ex.resources)) {
      const uuid = inventoryItemUuid(ctx, r);
      if (items.has(uuid)) continue;
      const props = [prop('asset-id', r.resource), prop('account', r.account), prop('region', r.region)];
      items.set(uuid, { uuid, description: r.resource, props });
    }
  }
  return [...items.values()];
}
