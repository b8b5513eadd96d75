import type { ControlSummary, PackJson } from '../pack/model';
import { heading, para, type ReportCtx } from './pdf-layout';
import { drawTable } from './pdf-table';

/**
 * The control matrix: each control against SOC 2, ISO/IEC 27001:2022 and the 2013 crosswalk,
 * with its status over the quarter. It is what an auditor maps their own test plan onto, so
 * every framework id is listed, not summarized.
 */
export function drawMatrix(ctx: ReportCtx): void {
  const { doc, pack } = ctx;
  heading(ctx, 'matrix', 'Control matrix', 1);
  para(doc, `Status counts days of the ${pack.period.days}-day period by the control's verdict; the days add up to the period, days without a manifest included. Framework ids are listed as mapped in the catalog (docs/controls.md gives the source of each).`, { gap: 8 });
  drawTable(
    doc,
    [
      { header: 'Control', share: 0.34 },
      { header: 'SOC 2', share: 0.13 },
      { header: 'ISO 27001:2022', share: 0.15 },
      { header: 'ISO 27001:2013', share: 0.17 },
      { header: 'Status over the period', share: 0.21 },
    ],
    pack.controls.map((c) => [
      { head: c.id, body: c.title },
      c.mappings.soc2.join(', ') || '-',
      c.mappings.iso27001_2022.join(', ') || '-',
      c.mappings.iso27001_2013.join(', ') || '-',
      statusText(pack, c),
    ]),
  );
}

/** "Operated every day", "Disabled", or the day counts, e.g. "pass 83, fail 7, no manifest 2". */
export function statusText(pack: PackJson, c: ControlSummary): string {
  if (c.disabled !== null) return 'Disabled (reason on its page)';
  if (c.operatedEveryDay) return `Operated every day (pass ${c.days.pass})`;
  const noManifest = pack.period.days - Object.values(c.days).reduce((a, b) => a + b, 0);
  const parts: Array<[string, number]> = [
    ['pass', c.days.pass],
    ['fail', c.days.fail],
    ['not evidenced', c.days['not-evidenced']],
    ['not applicable', c.days['not-applicable']],
    ['no manifest', noManifest],
  ];
  return parts.filter(([, n]) => n > 0).map(([label, n]) => `${label} ${n}`).join(', ');
}
