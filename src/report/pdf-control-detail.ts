import type { ControlSummary } from '../pack/model';
import { dateRange, plural, VERDICT_LABEL } from './pdf-format';
import { ensureSpace, font, FONT, INK, MARGIN, contentWidth, para, SIZE, subheading, type Doc } from './pdf-layout';

/** Resources listed per exception; the rest are counted (pack.json has them all). */
const MAX_RESOURCES = 12;
/** Sample artifacts shown per control: enough to look one up, not a dump of the pack. */
const MAX_SAMPLES = 4;

/** Each exception: its dates (from-to), its verdict, and every resource with why it did not pass. */
export function drawExceptions(doc: Doc, c: ControlSummary): void {
  if (c.disabled !== null) return;
  if (c.exceptions.length === 0) {
    subheading(doc, 'Exceptions', 20);
    para(doc, 'None: the control passed (or was not applicable) on every day that had a manifest.');
    return;
  }
  subheading(doc, `Exceptions (${c.exceptions.length})`, 50);
  let previous = '';
  for (const e of c.exceptions) {
    ensureSpace(doc, 40);
    para(doc, `${dateRange(e.from, e.to)}: ${VERDICT_LABEL[e.verdict]}`, { font: FONT.bold, gap: 2 });
    // A control that keeps failing on the same resources (a run broken by a missed day, a
    // flapping setting) would repeat the same lines; say "same as above" instead.
    const resources = JSON.stringify(e.resources);
    if (resources === previous && e.resources.length > 0) {
      para(doc, 'Same resources and reasons as the exception above.', { size: SIZE.small, indent: 12, color: INK.soft });
      doc.y += 4;
      continue;
    }
    previous = resources;
    for (const r of e.resources.slice(0, MAX_RESOURCES)) {
      para(doc, `${r.resource} (${where(r.account, r.region)}): ${r.reason}`, { size: SIZE.small, indent: 12, gap: 1.5 });
    }
    if (e.resources.length > MAX_RESOURCES) {
      para(doc, `and ${plural(e.resources.length - MAX_RESOURCES, 'more resource')}, listed in pack.json`, { size: SIZE.small, indent: 12, color: INK.soft });
    }
    if (e.resources.length === 0) para(doc, 'No resource named (the whole control had no evidence that day).', { size: SIZE.small, indent: 12, color: INK.soft });
    doc.y += 4;
  }
}

/** How much evidence stands behind the control, with a few artifact hashes to look up. */
export function drawEvidence(doc: Doc, c: ControlSummary): void {
  subheading(doc, 'Evidence', 40);
  if (c.evidenceCount === 0) {
    para(doc, c.disabled !== null ? 'None: a disabled control is not evaluated.' : 'No artifact was read for this control in the period.');
    return;
  }
  para(doc, `${plural(c.evidenceCount, 'distinct artifact')} ${c.evidenceCount === 1 ? 'was' : 'were'} read for this control over the period. Samples (vault key, then SHA-256 of the artifact):`);
  for (const ref of c.sampleEvidence.slice(0, MAX_SAMPLES)) {
    ensureSpace(doc, 26);
    // Courier keeps hex columns aligned; the key wraps at its slashes if it must.
    font(doc, FONT.mono, SIZE.small).text(ref.key, MARGIN.left + 12, doc.y, { width: contentWidth(doc) - 12 });
    font(doc, FONT.mono, SIZE.small, INK.soft).text(ref.sha256, MARGIN.left + 24, doc.y, { width: contentWidth(doc) - 24 });
    doc.y += 3;
  }
}

/** `*` marks an organization-wide resource (control-results-v1); say so in words. */
function where(account: string, region: string): string {
  if (account === '*' && region === '*') return 'organization-wide';
  return [account === '*' ? 'every account' : `account ${account}`, region === '*' ? 'every region' : region].join(', ');
}
