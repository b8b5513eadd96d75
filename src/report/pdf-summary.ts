import type { ControlSummary, PackJson } from '../pack/model';
import { plural } from './pdf-format';
import { field, heading, para, subheading, type ReportCtx } from './pdf-layout';
import { drawTable } from './pdf-table';

/** The numbers of the executive summary, computed once from the pack's per-control summaries. */
export interface PeriodSummary {
  enabled: number;
  operatedEveryDay: string[];
  /** Passed whenever evaluated, but some day had no manifest (so not "every day"). */
  passedEveryEvidencedDay: string[];
  withFailures: string[];
  notEvidenced: string[];
  disabled: ControlSummary[];
  missingDays: string[];
  gaps: number;
  gapDays: number;
}

export function summarize(pack: PackJson): PeriodSummary {
  const enabled = pack.controls.filter((c) => c.disabled === null);
  const ids = (pred: (c: ControlSummary) => boolean): string[] => enabled.filter(pred).map((c) => c.id);
  return {
    enabled: enabled.length,
    operatedEveryDay: ids((c) => c.operatedEveryDay),
    passedEveryEvidencedDay: ids((c) => !c.operatedEveryDay && c.days.pass > 0 && c.days.fail === 0 && c.days['not-evidenced'] === 0),
    withFailures: ids((c) => c.days.fail > 0),
    notEvidenced: ids((c) => c.days['not-evidenced'] > 0),
    disabled: pack.controls.filter((c) => c.disabled !== null),
    missingDays: [...pack.missingDays].sort(),
    gaps: pack.gaps.length,
    gapDays: new Set(pack.gaps.map((g) => g.date)).size,
  };
}

/** Scope: what was asked, where, and how; an auditor's first question about any population. */
export function drawScope(ctx: ReportCtx): void {
  const { doc, pack } = ctx;
  heading(ctx, 'scope', 'Scope', 1);
  para(doc, 'Every day of the period the collectors below asked AWS for the state of the controls in every listed account and region. Each day was sealed as a manifest, chained to the previous one and signed.');
  doc.y += 4;
  field(doc, 'Accounts', `${pack.scope.accounts.join(', ')} (${plural(pack.scope.accounts.length, 'account')})`);
  field(doc, 'Regions', pack.scope.regions.join(', '));
  field(doc, 'Collectors', pack.scope.collectors.join(', '));
  field(doc, 'Collection mode', pack.scope.modes.join(', ') || 'not recorded');
  field(doc, 'Period', `${pack.period.start} to ${pack.period.end}, ${plural(pack.period.days, 'day')}`);
  field(doc, 'Manifests', `${pack.chain.manifests.length} in the pack (the last of each day is used for the day's verdicts)`);
  field(doc, 'Controls', `${pack.controls.length} in the catalog, ${plural(pack.controls.filter((c) => c.disabled !== null).length, 'disabled control')}`);
  doc.y += 10;
}

/** One sentence per finding, each with its numbers, then the controls that need attention. */
export function drawExecutiveSummary(ctx: ReportCtx): void {
  const { doc, pack } = ctx;
  const s = summarize(pack);
  const days = pack.period.days;
  heading(ctx, 'summary', 'Executive summary', 1);
  const lines = [
    `${s.operatedEveryDay.length} of ${s.enabled} enabled controls passed on every one of the ${days} days of the period.` +
      (s.passedEveryEvidencedDay.length > 0 ? ` ${s.passedEveryEvidencedDay.length} more passed on every day that had a manifest.` : ''),
    s.withFailures.length === 0
      ? 'No control failed on any day.'
      : `${plural(s.withFailures.length, 'control')} failed on at least one day (${plural(sumDays(pack, 'fail'), 'control-day')} in total); their exceptions, with dates and resources, are on each control's page.`,
    s.notEvidenced.length === 0
      ? 'Every enabled control was evidenced on every day that had a manifest.'
      : `${plural(s.notEvidenced.length, 'control')} could not be evidenced on at least one day (the answer was missing or its collector had a gap): ${plural(sumDays(pack, 'not-evidenced'), 'control-day')} in total.`,
    s.missingDays.length === 0
      ? `Every one of the ${days} days has a sealed manifest.`
      : `${plural(s.missingDays.length, 'day')} of ${days} ${s.missingDays.length === 1 ? 'has' : 'have'} no manifest: ${s.missingDays.join(', ')}.`,
    s.gaps === 0 ? 'No collection gap was recorded.' : `${plural(s.gaps, 'collection gap')} ${s.gaps === 1 ? 'was' : 'were'} recorded on ${plural(s.gapDays, 'day')}; each is listed under "Gaps and missed days".`,
    s.disabled.length === 0
      ? 'No control is disabled.'
      : `${plural(s.disabled.length, 'control')} ${s.disabled.length === 1 ? 'is' : 'are'} disabled by the organization, with the reason shown on ${s.disabled.length === 1 ? 'its' : 'their'} page: ${s.disabled.map((c) => c.id).join(', ')}.`,
  ];
  for (const line of lines) para(doc, `-  ${line}`, { gap: 5, indent: 4 });
  const attention = pack.controls.filter((c) => c.disabled === null && (c.days.fail > 0 || c.days['not-evidenced'] > 0));
  if (attention.length === 0) return;
  subheading(doc, 'Controls that did not pass every evidenced day');
  drawTable(
    doc,
    [
      { header: 'Control', share: 0.4 },
      { header: 'Fail days', share: 0.12 },
      { header: 'Not evidenced days', share: 0.16 },
      { header: 'First and last exception', share: 0.32 },
    ],
    attention.map((c) => {
      const first = c.exceptions[0];
      const last = c.exceptions[c.exceptions.length - 1];
      return [{ head: c.id, body: c.title }, String(c.days.fail), String(c.days['not-evidenced']), first && last ? `${first.from} to ${last.to} (${plural(c.exceptions.length, 'period')})` : '-'];
    }),
  );
}

function sumDays(pack: PackJson, verdict: 'fail' | 'not-evidenced'): number {
  return pack.controls.reduce((n, c) => n + (c.disabled === null ? c.days[verdict] : 0), 0);
}
