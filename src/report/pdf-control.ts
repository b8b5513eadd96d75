import type { ControlSummary } from '../pack/model';
import { drawEvidence, drawExceptions } from './pdf-control-detail';
import { formatParams } from './pdf-format';
import { contentWidth, ensureSpace, field, font, FONT, heading, INK, MARGIN, newPage, para, SIZE, subheading, type ReportCtx } from './pdf-layout';
import { statusText } from './pdf-matrix';
import { drawStrip, stripCells } from './pdf-strip';

/**
 * One control: what it tests and how, its whole quarter as a strip of days, its exceptions with
 * dates and resources, and the evidence behind it. Each control starts a page so that a page
 * can be handed to the control's owner on its own.
 */
export function drawControlPages(ctx: ReportCtx): void {
  heading(ctx, 'controls', 'Controls', 1, 200);
  para(ctx.doc, 'One page per control, in catalog order. The strip shows every day of the period: one row per month, one cell per day, the day of the month on the scale above. The legend under each strip gives the shapes; they read the same in black and white.');
  ctx.pack.controls.forEach((control, i) => {
    if (i > 0) newPage(ctx.doc);
    else ctx.doc.y += 14;
    drawControl(ctx, control);
  });
}

function drawControl(ctx: ReportCtx, c: ControlSummary): void {
  const { doc, pack } = ctx;
  heading(ctx, `control:${c.id}`, c.id, 2, 120);
  font(doc, FONT.body, SIZE.h3).text(c.title, MARGIN.left, doc.y, { width: contentWidth(doc) });
  doc.y += 8;
  if (c.disabled !== null) drawDisabled(ctx, c.disabled.reason);
  field(doc, 'What it tests', c.tests, { labelWidth: 100 });
  field(doc, 'Kind', c.kind === 'automated' ? 'automated: evaluated every day from the collected AWS answers' : 'process: evidenced by attested documents and records', { labelWidth: 100 });
  field(doc, c.checks.length === 1 ? 'Check' : 'Checks', c.checks.map((k) => `${k.rule}: ${formatParams(k.params)}`).join('\n'), { labelWidth: 100 });
  field(doc, 'SOC 2', c.mappings.soc2.join(', ') || '-', { labelWidth: 100 });
  field(doc, 'ISO 27001:2022', c.mappings.iso27001_2022.join(', ') || '-', { labelWidth: 100 });
  field(doc, 'ISO 27001:2013', c.mappings.iso27001_2013.join(', ') || '-', { labelWidth: 100 });
  field(doc, 'Over the period', statusText(pack, c), { labelWidth: 100 });
  subheading(doc, `${pack.period.quarter}, day by day`, 110);
  drawStrip(doc, stripCells(pack, c.id));
  // A long list of exceptions flows onto further pages; each one says whose list it continues.
  const continued = (): void => {
    font(doc, FONT.bold, SIZE.h3, INK.soft).text(`${c.id} (continued)`, MARGIN.left, doc.y, { width: contentWidth(doc) });
    doc.y += 6;
  };
  doc.on('pageAdded', continued);
  drawExceptions(doc, c);
  drawEvidence(doc, c);
  doc.off('pageAdded', continued);
}

/** A boxed notice: a disabled control is a choice the auditor must see, with its reason. */
function drawDisabled(ctx: ReportCtx, reason: string): void {
  const { doc } = ctx;
  const width = contentWidth(doc) - 16;
  const text = `Disabled by the organization. Reason: ${reason}`;
  font(doc, FONT.bold, SIZE.body);
  const height = doc.heightOfString(text, { width }) + 12;
  ensureSpace(doc, height);
  const y = doc.y;
  doc.rect(MARGIN.left, y, contentWidth(doc), height).lineWidth(1.5).strokeColor(INK.rule).stroke();
  font(doc, FONT.bold, SIZE.body).text(text, MARGIN.left + 8, y + 6, { width });
  doc.y = y + height + 8;
}
