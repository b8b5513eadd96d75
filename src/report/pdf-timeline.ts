import type { ReadinessIncident } from '../pack/readiness-model';
import { formatDuration } from '../workflow/deadlines';
import { contentWidth, ensureSpace, font, FONT, INK, MARGIN, SIZE, type Doc } from './pdf-layout';

/**
 * One incident drawn as a timeline against its deadlines (docs/report.md §Leak-reporting
 * readiness): hours from detection on the axis, each deadline a dashed line with its name, each
 * event a marker with a leader to its label. Meaning never rests on grey alone: a step done
 * after its deadline is drawn as a hollow square and labelled LATE, one done in time as a filled
 * circle.
 */
const ROW = 12;
const HEAD = 26;

export function drawIncidentTimeline(doc: Doc, incident: ReadinessIncident): void {
  const start = Date.parse(incident.detectedAt);
  const hoursOf = (t: string): number => (Date.parse(t) - start) / 3_600_000;
  const deadlines = incident.deadlines.filter((d) => d.dueAt !== null);
  const lastEvent = Math.max(0, ...incident.events.map((e) => hoursOf(e.at)));
  // Long tails (closing days later) are clamped at the right end so the deadlines stay readable.
  const longest = Math.max(24, ...deadlines.map((d) => d.withinHours));
  const span = niceSpan(Math.max(longest * 1.15, Math.min(lastEvent, longest * 2.2)));
  const events = incident.events;
  const height = HEAD + 18 + events.length * ROW + 8;
  ensureSpace(doc, height);
  const x0 = MARGIN.left + 4;
  const width = contentWidth(doc) - 8;
  const top = doc.y;
  const axisY = top + HEAD;
  const xOf = (h: number): number => x0 + (Math.min(Math.max(h, 0), span) / span) * width;

  // Axis with a tick every step hours, labelled in hours from detection.
  doc.moveTo(x0, axisY).lineTo(x0 + width, axisY).lineWidth(1).strokeColor(INK.rule).stroke();
  const step = span <= 48 ? 6 : span <= 120 ? 12 : span <= 240 ? 24 : 48;
  for (let h = 0; h <= span + 0.001; h += step) {
    doc.moveTo(xOf(h), axisY - 3).lineTo(xOf(h), axisY + 3).lineWidth(0.6).stroke();
    font(doc, FONT.body, SIZE.tick, INK.soft).text(`${h} h`, xOf(h) - 15, axisY + 5, { width: 30, align: 'center', lineBreak: false });
  }
  // Deadlines: dashed verticals through the whole block, named at the top.
  deadlines.forEach((d, i) => {
    const x = xOf(d.withinHours);
    doc.save().moveTo(x, top + 2).lineTo(x, top + height - 6).lineWidth(0.9).dash(3, { space: 2 }).strokeColor(INK.rule).stroke().undash().restore();
    const label = `${d.withinHours} h ${d.title.toLowerCase()}`;
    font(doc, FONT.bold, SIZE.tick);
    const w = doc.widthOfString(label);
    const lx = Math.min(Math.max(x - w / 2, x0), x0 + width - w);
    doc.rect(lx - 1, top + (i % 2) * 9 - 1, w + 2, SIZE.tick + 1).fillColor('#ffffff').fill();
    font(doc, FONT.bold, SIZE.tick).text(label, lx, top + (i % 2) * 9, { lineBreak: false });
  });
  // Events: a marker on the axis, a leader down to the event's row, its label there.
  const due = new Map(deadlines.map((d) => [d.event, d]));
  events.forEach((e, i) => {
    const h = hoursOf(e.at);
    const x = xOf(h);
    const rowY = axisY + 18 + i * ROW;
    const deadline = due.get(e.event as never);
    const late = deadline !== undefined && deadline.status === 'missed';
    doc.moveTo(x, axisY).lineTo(x, rowY + 4).lineWidth(0.4).strokeColor(INK.soft).stroke();
    if (late) doc.rect(x - 3.5, axisY - 3.5, 7, 7).lineWidth(1.2).fillAndStroke('#ffffff', INK.rule);
    else doc.circle(x, axisY, 3.2).fillColor(INK.text).fill();
    const status = deadline === undefined ? '' : late ? `  LATE by ${formatDuration(-(deadline.marginSeconds ?? 0))}` : `  met, ${formatDuration(deadline.marginSeconds ?? 0)} to spare`;
    const label = `${e.event} ${h === 0 ? '(0 h)' : `+${formatDuration(Math.round(h * 3600))}`}${status}`;
    font(doc, late ? FONT.bold : FONT.body, SIZE.small);
    const w = doc.widthOfString(label);
    const lx = x + 4 + w > x0 + width ? x - 4 - w : x + 4;
    // A white ground keeps the label readable where a deadline line crosses it.
    doc.rect(lx - 1, rowY - 1, w + 2, SIZE.small + 1).fillColor('#ffffff').fill();
    font(doc, late ? FONT.bold : FONT.body, SIZE.small).text(label, lx, rowY, { lineBreak: false });
  });
  doc.y = top + height;
  doc.x = MARGIN.left;
}

function niceSpan(hours: number): number {
  for (const s of [24, 48, 72, 96, 120, 168, 240, 336, 480, 720]) if (hours <= s) return s;
  return Math.ceil(hours / 240) * 240;
}
