import type { JsonValue } from '../core/canonical';
import type { PackGap } from '../pack/model';
import type { OscalContext } from './oscal-context';
import { buildReviewedControls } from './oscal-controls';
import { buildFindings } from './oscal-findings';
import { buildInventoryItems, buildObservations, platformUuid } from './oscal-observations';
import { buildReadinessObservations } from './oscal-readiness';
import { dateRangesText, dayEnd, dayStart, prop, rangeText, type JsonObject } from './oscal-common';

/** Collection gaps, grouped by what failed (one line per collector, operation and error code). */
function gapLines(gaps: PackGap[]): string[] {
  const groups = new Map<string, { gaps: PackGap[] }>();
  for (const gap of gaps) {
    const key = `${gap.collector} ${gap.operation} ${gap.errorCode}`;
    const group = groups.get(key) ?? { gaps: [] };
    group.gaps.push(gap);
    groups.set(key, group);
  }
  return [...groups.entries()].map(([key, { gaps: g }]) => {
    const dates = g.map((x) => x.date).sort();
    const accounts = new Set(g.map((x) => x.account)).size;
    return `- ${key}: ${g.length} gap(s), ${rangeText(dates[0]!, dates[dates.length - 1]!)}, ${accounts} account(s)`;
  });
}

function remarks(ctx: OscalContext): string {
  const { pack } = ctx;
  const lines = [
    pack.missingDays.length ? `Days with no sealed manifest (no verdict for any control): ${dateRangesText(pack.missingDays)} (${pack.missingDays.length} day(s)).` : 'A manifest was sealed on every day of the period.',
  ];
  if (pack.gaps.length) {
    lines.push(`Collection gaps (a collector could not read an answer; affected resources are "not evidenced" that day):`, ...gapLines(pack.gaps));
  } else {
    lines.push('No collection gaps.');
  }
  return lines.join('\n');
}

function description(ctx: OscalContext): string {
  const { pack } = ctx;
  const operated = pack.controls.filter((c) => c.operatedEveryDay).length;
  return (
    `Evidence Vault evaluated every control of the catalog on every day of ${pack.period.quarter} ` +
    `(${pack.period.start} to ${pack.period.end}, ${pack.period.days} days) from AWS answers collected and sealed daily ` +
    `for ${pack.organization}: ${operated} of ${pack.controls.length} controls operated every day. ` +
    `Scope: ${pack.scope.accounts.length} account(s), ${pack.scope.regions.length} region(s).`
  );
}

function scopeProps(ctx: OscalContext): JsonValue[] {
  const { pack } = ctx;
  return [
    prop('quarter', pack.period.quarter),
    prop('days', pack.period.days),
    prop('missing-days', pack.missingDays.length),
    prop('collection-gaps', pack.gaps.length),
    ...pack.scope.accounts.map((a) => prop('account', a)),
    ...pack.scope.regions.map((r) => prop('region', r)),
    ...pack.scope.collectors.map((c) => prop('collector', c)),
  ];
}

/** The quarter's single result: start and end are the period's, UTC days (manifest-v1.md §date). */
export function buildResult(ctx: OscalContext): JsonObject {
  const items = buildInventoryItems(ctx);
  const localDefinitions: JsonObject = {
    'assessment-assets': { 'assessment-platforms': [{ uuid: platformUuid(ctx), title: 'Evidence Vault' }] },
  };
  if (items.length) localDefinitions['inventory-items'] = items;
  const result: JsonObject = {
    uuid: ctx.uuid('result'),
    title: `${ctx.pack.period.quarter}: daily control evaluation`,
    description: description(ctx),
    start: dayStart(ctx.pack.period.start),
    end: dayEnd(ctx.pack.period.end),
    props: scopeProps(ctx),
    'local-definitions': localDefinitions,
    'reviewed-controls': buildReviewedControls(ctx),
  };
  const readiness = ctx.pack.readiness;
  const observations = [...buildObservations(ctx), ...(readiness === undefined ? [] : buildReadinessObservations(ctx, readiness))];
  if (observations.length) result.observations = observations;
  const findings = buildFindings(ctx);
  if (findings.length) result.findings = findings;
  result.remarks = remarks(ctx);
  return result;
}
