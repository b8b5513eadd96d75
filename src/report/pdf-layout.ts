import type { PackJson } from '../pack/model';

/**
 * Page geometry, fonts and the few drawing primitives every section shares. Only the standard
 * PDF fonts are used: the Lambda bundle ships pdfkit's standalone build without font files, and
 * standard fonts need no embedding, so the report stays small and byte-for-byte reproducible.
 */
export type Doc = PDFKit.PDFDocument;

export const FONT = { body: 'Helvetica', bold: 'Helvetica-Bold', italic: 'Helvetica-Oblique', mono: 'Courier', monoBold: 'Courier-Bold' } as const;

/** 9-10 pt body text is the legibility floor on a printed A4 page. */
export const SIZE = { title: 24, h1: 16, h2: 12.5, h3: 10.5, body: 10, small: 9, tick: 7.5 } as const;

export const MARGIN = { top: 56, bottom: 64, left: 50, right: 50 } as const;

/** Greys that survive a black-and-white printer; meaning is never carried by them alone. */
export const INK = { text: '#000000', rule: '#000000', soft: '#555555', shade: '#e4e4e4', mid: '#9a9a9a' } as const;

/** A section or control heading, with the page it starts on (for the contents). */
export interface SectionMark {
  key: string;
  title: string;
  level: 1 | 2;
  page: number;
}

/** What every section renderer gets: the document, the pack, and where sections start. */
export interface ReportCtx {
  doc: Doc;
  pack: PackJson;
  packSha256: string;
  marks: SectionMark[];
  /** Page numbers from the previous pass (empty on the first), for the contents page. */
  known: ReadonlyMap<string, number>;
}

export function contentWidth(doc: Doc): number {
  return doc.page.width - MARGIN.left - MARGIN.right;
}

export function bottomY(doc: Doc): number {
  return doc.page.height - MARGIN.bottom;
}

/** Current page number, 1-based (pages are buffered, so the last page is the current one). */
export function pageNumber(doc: Doc): number {
  const range = doc.bufferedPageRange();
  return range.start + range.count;
}

/** Starts a new page unless `height` points still fit, so a block is never cut in two. */
export function ensureSpace(doc: Doc, height: number): void {
  if (doc.y + height > bottomY(doc)) doc.addPage();
}

export function newPage(doc: Doc): void {
  doc.addPage();
}

export function font(doc: Doc, name: string, size: number, color: string = INK.text): Doc {
  return doc.font(name).fontSize(size).fillColor(color);
}

/** Writes text at the left margin across the content width, and moves below it. */
export function para(doc: Doc, text: string, opts: { font?: string; size?: number; color?: string; gap?: number; indent?: number } = {}): void {
  font(doc, opts.font ?? FONT.body, opts.size ?? SIZE.body, opts.color);
  const indent = opts.indent ?? 0;
  const width = contentWidth(doc) - indent;
  ensureSpace(doc, Math.min(doc.heightOfString(text, { width }), 3 * SIZE.body * 1.3));
  // Set again: a new page may have drawn its own running head in another font.
  font(doc, opts.font ?? FONT.body, opts.size ?? SIZE.body, opts.color);
  doc.text(text, MARGIN.left + indent, doc.y, { width, lineGap: 1.5 });
  doc.y += opts.gap ?? 4;
}

/** A section heading: recorded for the contents and kept with at least `keep` points below it. */
export function heading(ctx: ReportCtx, key: string, title: string, level: 1 | 2, keep = 80): void {
  const { doc } = ctx;
  const size = level === 1 ? SIZE.h1 : SIZE.h2;
  ensureSpace(doc, size * 1.4 + keep);
  ctx.marks.push({ key, title, level, page: pageNumber(doc) });
  font(doc, FONT.bold, size).text(title, MARGIN.left, doc.y, { width: contentWidth(doc) });
  if (level === 1) {
    doc.moveTo(MARGIN.left, doc.y + 2).lineTo(MARGIN.left + contentWidth(doc), doc.y + 2).lineWidth(1).strokeColor(INK.rule).stroke();
    doc.y += 10;
  } else {
    doc.y += 4;
  }
}

/** A small bold run-in heading inside a section (not in the contents). */
export function subheading(doc: Doc, title: string, keep = 40): void {
  doc.y += 4;
  ensureSpace(doc, SIZE.h3 * 1.4 + keep);
  font(doc, FONT.bold, SIZE.h3).text(title, MARGIN.left, doc.y, { width: contentWidth(doc) });
  doc.y += 3;
}

/** Label in bold at the left, value wrapped in the rest of the line (cover, control header). */
export function field(doc: Doc, label: string, value: string, opts: { mono?: boolean; labelWidth?: number } = {}): void {
  const labelWidth = opts.labelWidth ?? 130;
  const width = contentWidth(doc) - labelWidth;
  // Hashes are set in 9 pt Courier so that a 64-hex value fits on one line beside its label.
  const valueFont = (): Doc => font(doc, opts.mono ? FONT.mono : FONT.body, opts.mono ? SIZE.small : SIZE.body);
  valueFont();
  const height = Math.max(doc.heightOfString(value, { width }), SIZE.body * 1.2);
  ensureSpace(doc, height);
  const y = doc.y;
  font(doc, FONT.bold, SIZE.body).text(label, MARGIN.left, y, { width: labelWidth - 8 });
  valueFont().text(value, MARGIN.left + labelWidth, y, { width, lineGap: 1.5 });
  doc.y = Math.max(doc.y, y + height) + 3;
}
