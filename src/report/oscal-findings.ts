import type { ControlSummary } from '../pack/model';
import type { OscalContext } from './oscal-context';
import { dateRangesText, listText, prop, rangeText, type JsonObject } from './oscal-common';
import { VERDICT_TEXT, dayCountsText, exceptionObservationUuid, platformUuid, summaryObservationUuid } from './oscal-observations';

/**
 * OSCAL status reasons are tokens (allowed values pass, fail, other): "fail" when any day
 * failed, "other" when the control did not fail but was not shown to operate (not evidenced,
 * disabled, no verdict on some days); the remarks say which.
 */
function statusReason(control: ControlSummary): 'pass' | 'fail' | 'other' {
  if (control.operatedEveryDay) return 'pass';
  const failed = control.days.fail > 0 || control.exceptions.some((ex) => ex.verdict === 'fail');
  return failed ? 'fail' : 'other';
}

function exceptionsText(control: ControlSummary): string {
  return listText(
    control.exceptions.map((ex) => {
      const who = ex.resources.length ? ` (${listText(ex.resources.map((r) => r.resource))})` : '';
      return `${VERDICT_TEXT[ex.verdict]} ${rangeText(ex.from, ex.to)}${who}`;
    }),
  );
}

function whyNotSatisfied(ctx: OscalContext, control: ControlSummary): string {
  if (control.disabled) return `Disabled by the organization's catalog overrides, so not evaluated: ${control.disabled.reason}.`;
  const parts: string[] = [];
  if (control.exceptions.length) parts.push(`Exceptions: ${exceptionsText(control)}.`);
  const missing = ctx.pack.missingDays;
  if (missing.length) parts.push(`No manifest was sealed on ${dateRangesText(missing)} (${missing.length} day(s)), so no verdict exists for those days.`);
  if (!parts.length) parts.push('It did not pass on every day of the period.');
  return parts.join(' ');
}

function description(ctx: OscalContext, control: ControlSummary): string {
  const { quarter, start, end } = ctx.pack.period;
  const period = `${quarter} (${start} to ${end})`;
  if (control.operatedEveryDay) return `${control.title} operated on every day of ${period}: ${dayCountsText(ctx, control)}.`;
  return `${control.title} did not operate on every day of ${period}: ${dayCountsText(ctx, control)}. ${whyNotSatisfied(ctx, control)}`;
}

function finding(ctx: OscalContext, control: ControlSummary): JsonObject {
  const satisfied = control.operatedEveryDay;
  const status: JsonObject = { state: satisfied ? 'satisfied' : 'not-satisfied', reason: statusReason(control) };
  if (!satisfied) status.remarks = whyNotSatisfied(ctx, control);
  return {
    uuid: ctx.uuid(`finding:${control.id}`),
    title: `${control.id}: ${control.title}`,
    description: description(ctx, control),
    props: [prop('operated-every-day', satisfied ? 'true' : 'false'), prop('exception-runs', control.exceptions.length)],
    origins: [{ actors: [{ type: 'assessment-platform', 'actor-uuid': platformUuid(ctx) }] }],
    target: { type: 'objective-id', 'target-id': control.id, title: control.title, status },
    'related-observations': [
      { 'observation-uuid': summaryObservationUuid(ctx, control) },
      ...control.exceptions.map((_, i) => ({ 'observation-uuid': exceptionObservationUuid(ctx, control, i) })),
    ],
  };
}

/** One finding per control of the catalog, disabled ones included, targeting its objective. */
export function buildFindings(ctx: OscalContext): JsonObject[] {
  return ctx.pack.controls.map((control) => finding(ctx, control));
}
