import { plural } from './pdf-format';
import { heading, para, subheading, type ReportCtx } from './pdf-layout';
import { drawTable } from './pdf-table';

/**
 * Gaps and missed days: what could not be collected, where and why. A gap is not an integrity
 * failure (docs/verification.md) but it is a day of missing evidence the auditor must weigh.
 */
export function drawGaps(ctx: ReportCtx): void {
  const { doc, pack } = ctx;
  heading(ctx, 'gaps', 'Gaps and missed days', 1);
  subheading(doc, `Days without a manifest (${pack.missingDays.length})`, 30);
  para(doc, pack.missingDays.length === 0
    ? 'None: every day of the period was sealed.'
    : `No collection was sealed on ${[...pack.missingDays].sort().join(', ')}. Every control shows these days as "no manifest" on its strip.`, { gap: 8 });
  subheading(doc, `Collection gaps (${pack.gaps.length})`, 60);
  if (pack.gaps.length === 0) {
    para(doc, 'None: every call the collectors made was answered.');
    return;
  }
  para(doc, `${plural(pack.gaps.length, 'call')} failed after the SDK's retries and ${pack.gaps.length === 1 ? 'was' : 'were'} recorded in the day's manifest. Controls that needed the missing answer are "not evidenced" that day.`, { gap: 8 });
  drawTable(
    doc,
    [
      { header: 'Date', share: 0.12 },
      { header: 'Account, region', share: 0.15 },
      { header: 'Collector, operation', share: 0.35 },
      { header: 'Error', share: 0.38 },
    ],
    [...pack.gaps]
      .sort((a, b) => a.date.localeCompare(b.date) || a.account.localeCompare(b.account) || a.region.localeCompare(b.region) || a.operation.localeCompare(b.operation))
      .map((g) => [g.date, `${g.account}\n${g.region}`, `${g.collector}\n${g.operation}`, `${g.errorCode}: ${g.message}`]),
  );
}
