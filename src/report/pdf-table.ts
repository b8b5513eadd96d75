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

const PAD = 3;

export function drawTable(doc: Doc, columns: readonly Column[], rows: ReadonlyArray<readonly string[]>, size: number = SIZE.small): void {
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
      font(doc, cellFont(c), size).text(row[i] ?? '', x + PAD, y + PAD, { width: cellWidth(widths, i), lineGap: 1 });
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

function rowHeight(doc: Doc, columns: readonly Column[], widths: readonly number[], row: readonly string[], size: number): number {
  const heights = columns.map((c, i) => {
    font(doc, cellFont(c), size);
    return doc.heightOfString(row[i] ?? '', { width: cellWidth(widths, i), lineGap: 1 });
  });
  return Math.max(size * 1.2, ...heights) + 2 * PAD;
}

function rule(doc: Doc, y: number, width: number, weight: number): void {
  doc.moveTo(MARGIN.left, y).lineTo(MARGIN.left + width, y).lineWidth(weight).strokeColor(INK.rule).stroke();
}
