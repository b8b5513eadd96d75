import { bottomY, contentWidth, font, FONT, INK, MARGIN, SIZE, type Doc } from './pdf-layout';

/**
 * A ruled table that breaks across pages and repeats its header on each page, so an auditor
 * holding page 7 of the matrix still knows which column is which. Rows are never split: a row
 * that does not fit starts the next page.
 */
export interface Column {
  header: string;
  /** Share of the content width (the shares of a table should add up to 1). */
  share: number;
  mono?: boolean;
  bold?: boolean;
}

/** A cell is text, or a bold head over plain text (a control id over its title). */
export type Cell = string | { head: string; body: string };

const PAD = 3;

export function drawTable(doc: Doc, columns: readonly Column[], rows: ReadonlyArray<readonly Cell[]>, size: number = SIZE.small): void {
  const total = contentWidth(doc);
  const widths = columns.map((c) => Math.floor(c.share * total));
  const header = (): void => {
    font(doc, FONT.bold, size);
    const height = Math.max(...columns.map((c, i) => doc.heightOfString(c.header, { width: cellWidth(widths, i) }))) + 2 * PAD;
    const y = doc.y;
    doc.rect(MARGIN.left, y, total, height).fillColor(INK.shade).fill();
    let x = MARGIN.left;
    columns.forEach((c, i) => {
      font(doc, FONT.bold, size).text(c.header, x + PAD, y + PAD, { width: cellWidth(widths, i) });
      x += widths[i] ?? 0;
    });
    doc.y = y + height;
    rule(doc, doc.y, total, 0.8);
  };

  header();
  for (const row of rows) {
    const height = rowHeight(doc, columns, widths, row, size);
    if (doc.y + height > bottomY(doc)) {
      doc.addPage();
      header();
    }
    const y = doc.y;
    let x = MARGIN.left;
    columns.forEach((c, i) => {
      drawCell(doc, c, row[i] ?? '', x + PAD, y + PAD, cellWidth(widths, i), size);
      x += widths[i] ?? 0;
    });
    doc.y = y + height;
    rule(doc, doc.y, total, 0.3);
  }
  doc.y += 8;
  doc.x = MARGIN.left;
}

function cellFont(c: Column): string {
  return c.mono ? FONT.mono : c.bold ? FONT.bold : FONT.body;
}

function cellWidth(widths: readonly number[], i: number): number {
  return (widths[i] ?? 0) - 2 * PAD;
}

function drawCell(doc: Doc, c: Column, cell: Cell, x: number, y: number, width: number, size: number): void {
  if (typeof cell === 'string') {
    font(doc, cellFont(c), size).text(cell, x, y, { width, lineGap: 1 });
    return;
  }
  font(doc, FONT.bold, size).text(cell.head, x, y, { width, lineGap: 1 });
  font(doc, cellFont(c), size).text(cell.body, x, doc.y, { width, lineGap: 1 });
}

function cellHeight(doc: Doc, c: Column, cell: Cell, width: number, size: number): number {
  if (typeof cell === 'string') return font(doc, cellFont(c), size).heightOfString(cell, { width, lineGap: 1 });
  return font(doc, FONT.bold, size).heightOfString(cell.head, { width, lineGap: 1 }) + font(doc, cellFont(c), size).heightOfString(cell.body, { width, lineGap: 1 });
}

function rowHeight(doc: Doc, columns: readonly Column[], widths: readonly number[], row: readonly Cell[], size: number): number {
  const heights = columns.map((c, i) => cellHeight(doc, c, row[i] ?? '', cellWidth(widths, i), size));
  return Math.max(size * 1.2, ...heights) + 2 * PAD;
}

function rule(doc: Doc, y: number, width: number, weight: number): void {
  doc.moveTo(MARGIN.left, y).lineTo(MARGIN.left + width, y).lineWidth(weight).strokeColor(INK.rule).stroke();
}
