import { bareHex, groupHex, periodLabel } from './pdf-format';
import { contentWidth, ensureSpace, field, font, FONT, INK, MARGIN, pageNumber, para, SIZE, type ReportCtx } from './pdf-layout';

/**
 * Cover and contents. The cover carries everything needed to tie this printout to one pack:
 * the pack's SHA-256 (the value in SHA256SUMS) and the signing key's fingerprint (the value the
 * company publishes), so a reader can check a paper copy against the files.
 */
export function drawCover(ctx: ReportCtx): void {
  const { doc, pack } = ctx;
  doc.y = MARGIN.top + 60;
  font(doc, FONT.body, SIZE.h2, INK.soft).text('Evidence report', MARGIN.left, doc.y);
  doc.y += 6;
  font(doc, FONT.bold, SIZE.title).text(pack.organization, MARGIN.left, doc.y, { width: contentWidth(doc) });
  doc.y += 4;
  font(doc, FONT.body, SIZE.h1).text(`Data-leak detection and reporting controls, ${periodLabel(pack.period)}`, MARGIN.left, doc.y, { width: contentWidth(doc) });
  doc.y += 10;
  font(doc, FONT.body, SIZE.body, INK.soft).text('Daily evidence of AWS control state, sealed and signed, for SOC 2 Type II and ISO/IEC 27001 audits.', MARGIN.left, doc.y, { width: contentWidth(doc) });
  doc.y += 36;
  rule(ctx);
  field(doc, 'Organization', pack.organization);
  field(doc, 'Period', `${periodLabel(pack.period)}, ${pack.period.days} days`);
  field(doc, 'Generated at', pack.generatedAt);
  field(doc, 'Control catalog', pack.catalog ? `${pack.catalog.id} version ${pack.catalog.version}` : 'not recorded in the pack');
  if (pack.catalog) field(doc, 'Catalog SHA-256', pack.catalog.sha256, { mono: true });
  field(doc, 'Pack SHA-256', ctx.packSha256, { mono: true });
  field(doc, 'Signing key', `${pack.signingKey.algorithm} (ECDSA P-256 over SHA-256)`);
  field(doc, 'Key fingerprint', pack.signingKey.fingerprint, { mono: true });
  field(doc, 'Chain head', `${pack.chain.head.key} (sequence ${pack.chain.head.sequence})`, { mono: true });
  rule(ctx);
  doc.y += 10;
  para(doc, 'Pack SHA-256 is the SHA-256 of pack.json, as listed in SHA256SUMS. The key fingerprint is the SHA-256 of the public key in DER form; compare it with the fingerprint the organization published before trusting anything in this report.', { size: SIZE.small, color: INK.soft });
  para(doc, 'This report is a reading aid. The evidence is pack.json, its signature and the sealed manifests and artifacts it names; the section "How to verify" shows how to check them without this report and without the organization\'s help.', { size: SIZE.small, color: INK.soft });
  // The grouped form is easier to compare by eye on paper; the plain form above is what tools print.
  doc.y += 6;
  font(doc, FONT.body, SIZE.small, INK.soft).text(`Fingerprint in groups of eight: ${groupHex(bareHex(pack.signingKey.fingerprint))}`, MARGIN.left, doc.y, { width: contentWidth(doc) });
}

export interface ContentsEntry {
  key: string;
  title: string;
  level: 1 | 2;
}

/** Contents with page numbers from the previous pass; the first pass leaves them blank. */
export function drawContents(ctx: ReportCtx, entries: readonly ContentsEntry[]): void {
  const { doc } = ctx;
  ctx.marks.push({ key: 'contents', title: 'Contents', level: 1, page: pageNumber(doc) });
  font(doc, FONT.bold, SIZE.h1).text('Contents', MARGIN.left, doc.y);
  doc.y += 10;
  const right = MARGIN.left + contentWidth(doc);
  for (const entry of entries) {
    const size = entry.level === 1 ? SIZE.body : SIZE.small;
    const lineHeight = entry.level === 1 ? 17 : 12.5;
    ensureSpace(doc, lineHeight + (entry.level === 1 ? 10 : 0));
    if (entry.level === 1) doc.y += 4;
    const indent = entry.level === 1 ? 0 : 14;
    const page = ctx.known.get(entry.key);
    const label = page === undefined ? '' : String(page);
    const y = doc.y;
    const titleFont = entry.level === 1 ? FONT.bold : FONT.body;
    font(doc, titleFont, size).text(entry.title, MARGIN.left + indent, y, { lineBreak: false });
    const titleEnd = MARGIN.left + indent + doc.widthOfString(entry.title) + 4;
    font(doc, FONT.body, size).text(label, right - 40, y, { width: 40, align: 'right', lineBreak: false });
    // Dot leaders guide the eye from a title to its page number across the width of the page.
    const leaderEnd = right - doc.widthOfString(label) - 4;
    if (leaderEnd > titleEnd) {
      doc.save().moveTo(titleEnd, y + size - 1).lineTo(leaderEnd, y + size - 1).lineWidth(0.6).dash(1, { space: 2.5 }).strokeColor(INK.soft).stroke().undash().restore();
    }
    doc.y = y + lineHeight;
  }
  doc.x = MARGIN.left;
}

function rule(ctx: ReportCtx): void {
  const { doc } = ctx;
  doc.moveTo(MARGIN.left, doc.y).lineTo(MARGIN.left + contentWidth(doc), doc.y).lineWidth(0.6).strokeColor(INK.rule).stroke();
  doc.y += 10;
}
