import PDFDocument from 'pdfkit';
import type { PackJson } from '../pack/model';
import { drawContents, drawCover, type ContentsEntry } from './pdf-cover';
import { drawControlPages } from './pdf-control';
import { footerLabel, periodLabel } from './pdf-format';
import { drawGaps } from './pdf-gaps';
import { font, FONT, INK, MARGIN, newPage, SIZE, type Doc, type ReportCtx } from './pdf-layout';
import { drawMatrix } from './pdf-matrix';
import { drawReadiness } from './pdf-readiness';
import { drawExecutiveSummary, drawScope } from './pdf-summary';
import { drawVerify } from './pdf-verify';

export interface ReportOptions {
  /** SHA-256 of pack.json as written (the pack cannot contain its own hash). */
  packSha256: string;
}

/**
 * report.pdf of an evidence pack (docs/report.md): the human reading of pack.json. Pure apart
 * from pdfkit: no clock (the PDF's dates are the pack's generatedAt), no files, no randomness,
 * so the same pack gives the same bytes and the pack's SHA256SUMS stays reproducible.
 */
export async function renderReportPdf(pack: PackJson, options: ReportOptions): Promise<Buffer> {
  // The contents page needs page numbers that are only known once everything is laid out, so
  // the report is laid out twice; the second pass prints the first pass's numbers. Only digits
  // change between passes, never the flow, so the numbers are stable (checked, not assumed).
  let known = new Map<string, number>();
  for (let pass = 0; pass < 3; pass++) {
    const { pdf, marks } = await renderOnce(pack, options, known);
    if (pass > 0 && sameMarks(known, marks)) return pdf;
    known = marks;
  }
  throw new Error('report layout did not settle: the contents page numbers changed between passes');
}

export function contentsEntries(pack: PackJson): ContentsEntry[] {
  return [
    { key: 'scope', title: 'Scope', level: 1 },
    { key: 'summary', title: 'Executive summary', level: 1 },
    { key: 'matrix', title: 'Control matrix', level: 1 },
    { key: 'controls', title: 'Controls', level: 1 },
    ...pack.controls.map((c): ContentsEntry => ({ key: `control:${c.id}`, title: c.disabled ? `${c.id} (disabled)` : c.id, level: 2 })),
    ...(pack.readiness === undefined ? [] : [{ key: 'readiness', title: 'Leak-reporting readiness', level: 1 as const }]),
    { key: 'gaps', title: 'Gaps and missed days', level: 1 },
    { key: 'verify', title: 'How to verify', level: 1 },
  ];
}

async function renderOnce(pack: PackJson, options: ReportOptions, known: ReadonlyMap<string, number>): Promise<{ pdf: Buffer; marks: Map<string, number> }> {
  const generated = new Date(pack.generatedAt);
  const doc = new PDFDocument({
    size: 'A4',
    margins: MARGIN,
    bufferPages: true,
    info: {
      Title: `Evidence report, ${pack.organization}, ${periodLabel(pack.period)}`,
      Author: pack.organization,
      Subject: 'Data-leak detection and reporting controls: SOC 2 and ISO/IEC 27001 evidence',
      Creator: 'Evidence Vault',
      CreationDate: generated,
      ModDate: generated,
    },
  });
  const done = collect(doc);
  const ctx: ReportCtx = { doc, pack, packSha256: options.packSha256, marks: [], known };
  drawCover(ctx);
  newPage(doc);
  drawContents(ctx, contentsEntries(pack));
  newPage(doc);
  drawScope(ctx);
  drawExecutiveSummary(ctx);
  newPage(doc);
  drawMatrix(ctx);
  newPage(doc);
  drawControlPages(ctx);
  newPage(doc);
  if (pack.readiness !== undefined) {
    drawReadiness(ctx, pack.readiness);
    newPage(doc);
  }
  drawGaps(ctx);
  newPage(doc);
  drawVerify(ctx);
  drawFooters(doc, footerLabel(pack));
  doc.end();
  return { pdf: await done, marks: new Map(ctx.marks.map((m) => [m.key, m.page])) };
}

/** "Page N of M" with the organization and period on every page, so loose pages can be put back. */
function drawFooters(doc: Doc, label: string): void {
  const range = doc.bufferedPageRange();
  const total = range.count;
  for (let i = range.start; i < range.start + total; i++) {
    doc.switchToPage(i);
    // Writing inside the bottom margin would make pdfkit start a new page; lift the margin first.
    doc.page.margins.bottom = 0;
    const y = doc.page.height - MARGIN.bottom + 24;
    const width = doc.page.width - MARGIN.left - MARGIN.right;
    doc.moveTo(MARGIN.left, y - 6).lineTo(MARGIN.left + width, y - 6).lineWidth(0.4).strokeColor(INK.soft).stroke();
    font(doc, FONT.body, SIZE.small, INK.soft).text(label, MARGIN.left, y, { width: width - 90, lineBreak: false });
    font(doc, FONT.body, SIZE.small, INK.text).text(`Page ${i + 1} of ${total}`, MARGIN.left + width - 90, y, { width: 90, align: 'right', lineBreak: false });
  }
}

function collect(doc: Doc): Promise<Buffer> {
  const chunks: Buffer[] = [];
  return new Promise((resolve, reject) => {
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
}

function sameMarks(a: ReadonlyMap<string, number>, b: ReadonlyMap<string, number>): boolean {
  return a.size === b.size && [...a].every(([key, page]) => b.get(key) === page);
}
