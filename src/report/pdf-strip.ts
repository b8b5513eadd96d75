import type { PackJson } from '../pack/model';
import { calendarDays, monthName } from './pdf-format';
import { contentWidth, ensureSpace, font, FONT, INK, MARGIN, SIZE, type Doc } from './pdf-layout';

/**
 * The quarter of one control drawn as a strip of days: one row per month, one cell per day,
 * aligned by day of month. Each state has its own shape (solid, hatched, cross, …) so it reads
 * the same on a black-and-white printout; docs/report.md shows the legend.
 */
export type CellKind = 'pass' | 'fail' | 'not-evidenced' | 'not-applicable' | 'no-manifest' | 'disabled';

export interface StripCell {
  date: string;
  kind: CellKind;
}

export const CELL_LABEL: Record<CellKind, string> = {
  pass: 'Pass',
  fail: 'Fail',
  'not-evidenced': 'Not evidenced',
  'not-applicable': 'Not applicable',
  'no-manifest': 'No manifest that day',
  disabled: 'Disabled',
};

const LEGEND_ORDER: readonly CellKind[] = ['pass', 'fail', 'not-evidenced', 'not-applicable', 'no-manifest', 'disabled'];

/**
 * One cell per calendar day of the period. A day without a manifest is "no manifest"; a day
 * whose manifest carries no verdict for the control (no evaluation ran) is "not evidenced".
 */
export function stripCells(pack: PackJson, controlId: string): StripCell[] {
  const byDate = new Map(pack.days.map((d) => [d.date, d]));
  const missing = new Set(pack.missingDays);
  return calendarDays(pack.period).map((date): StripCell => {
    const day = byDate.get(date);
    if (!day || day.manifest === null || missing.has(date)) return { date, kind: 'no-manifest' };
    const verdict = day.controls.find((c) => c.id === controlId)?.verdict;
    return { date, kind: verdict ?? 'not-evidenced' };
  });
}

const LABEL_W = 78;
const GAP = 2;

/** Draws the strip with day-of-month ticks above it, then its legend. */
export function drawStrip(doc: Doc, cells: readonly StripCell[]): void {
  const months = groupByMonth(cells);
  const size = Math.min(13, (contentWidth(doc) - LABEL_W) / 31 - GAP);
  const step = size + GAP;
  ensureSpace(doc, 14 + months.length * (step + 2) + 40);
  const x0 = MARGIN.left + LABEL_W;
  let y = doc.y;
  // Ticks on every day, numbers on 1, 5, 10, … so a date can be read off without counting.
  font(doc, FONT.body, SIZE.tick, INK.soft);
  for (let day = 1; day <= 31; day++) {
    const cx = x0 + (day - 1) * step + size / 2;
    if (day === 1 || day % 5 === 0) doc.text(String(day), cx - 8, y, { width: 16, align: 'center', lineBreak: false });
    doc.moveTo(cx, y + 9).lineTo(cx, y + (day === 1 || day % 5 === 0 ? 13 : 11.5)).lineWidth(0.5).strokeColor(INK.soft).stroke();
  }
  y += 15;
  for (const [month, days] of months) {
    font(doc, FONT.body, SIZE.small).text(monthName(month), MARGIN.left, y + (size - SIZE.small) / 2, { width: LABEL_W - 6, lineBreak: false });
    for (const cell of days) drawCell(doc, x0 + (Number(cell.date.slice(8, 10)) - 1) * step, y, size, cell.kind);
    y += step + 2;
  }
  doc.y = y + 4;
  drawLegend(doc);
}

/** The legend: every state's cell beside its name, on one or two lines. */
export function drawLegend(doc: Doc): void {
  const size = 9;
  ensureSpace(doc, 30);
  let x = MARGIN.left;
  let y = doc.y;
  font(doc, FONT.body, SIZE.small);
  for (const kind of LEGEND_ORDER) {
    const width = size + 4 + doc.widthOfString(CELL_LABEL[kind]) + 14;
    if (x + width > MARGIN.left + contentWidth(doc)) {
      x = MARGIN.left;
      y += size + 6;
    }
    drawCell(doc, x, y, size, kind);
    font(doc, FONT.body, SIZE.small).text(CELL_LABEL[kind], x + size + 4, y, { lineBreak: false });
    x += width;
  }
  doc.y = y + size + 8;
  doc.x = MARGIN.left;
}

/** One day's cell; the shapes are the legend's, chosen to survive grey-scale printing. */
export function drawCell(doc: Doc, x: number, y: number, s: number, kind: CellKind): void {
  doc.save().lineWidth(0.6).strokeColor(INK.rule);
  switch (kind) {
    case 'fail':
      doc.rect(x, y, s, s).fillAndStroke(INK.text, INK.rule);
      break;
    case 'disabled':
      doc.rect(x, y, s, s).fillAndStroke(INK.mid, INK.rule);
      break;
    case 'not-evidenced':
      doc.rect(x, y, s, s).stroke();
      doc.save().rect(x, y, s, s).clip().lineWidth(0.7);
      for (let t = -s; t < s; t += s / 3) doc.moveTo(x + t, y + s).lineTo(x + t + s, y).stroke();
      doc.restore();
      break;
    case 'not-applicable':
      doc.rect(x, y, s, s).stroke();
      doc.moveTo(x + s * 0.25, y + s / 2).lineTo(x + s * 0.75, y + s / 2).lineWidth(1).stroke();
      break;
    case 'no-manifest':
      doc.rect(x, y, s, s).stroke();
      doc.moveTo(x, y).lineTo(x + s, y + s).moveTo(x + s, y).lineTo(x, y + s).lineWidth(0.9).stroke();
      break;
    case 'pass':
      doc.rect(x, y, s, s).stroke();
      break;
  }
  doc.restore();
}

function groupByMonth(cells: readonly StripCell[]): Array<[string, StripCell[]]> {
  const months = new Map<string, StripCell[]>();
  for (const cell of cells) {
    const key = cell.date.slice(0, 7);
    months.set(key, [...(months.get(key) ?? []), cell]);
  }
  return [...months.entries()];
}
