import type { Detection, IncidentEventRecord, IncidentEventType, SealedRecord, WorkflowRecord } from './model';

/**
 * Incident timelines from sealed incident events (docs/formats/workflow-records-v1.md
 * §incident-event): pure. Corrections are applied in chain order (the last one wins) without
 * hiding anything: each event keeps its original time and the corrections that changed it.
 */
export interface TimelineEvent {
  /** The event's artifact SHA-256: what a correction names. */
  sha256: string;
  key: string;
  event: Exclude<IncidentEventType, 'correction'>;
  /** Effective time (after corrections). */
  at: string;
  originalAt: string;
  /** SHA-256 of the corrections applied to it, in order. */
  correctedBy: string[];
  note: string;
  recordedAt: string;
  recordedBy: string;
}

export interface Incident {
  id: string;
  detection: Detection;
  detectedAt: string;
  /** Every event but corrections, by effective time (detected first). */
  events: TimelineEvent[];
  corrections: Array<SealedRecord<IncidentEventRecord>>;
  closedAt: string | null;
  /** Every artifact of the incident (events and corrections), for evidence references. */
  evidence: Array<{ key: string; sha256: string }>;
}

const isIncidentEvent = (r: SealedRecord<WorkflowRecord>): r is SealedRecord<IncidentEventRecord> => r.record.kind === 'incident-event';

export function buildIncidents(records: ReadonlyArray<SealedRecord<WorkflowRecord>>): Incident[] {
  const byId = new Map<string, Array<SealedRecord<IncidentEventRecord>>>();
  for (const r of records.filter(isIncidentEvent)) {
    const list = byId.get(r.record.incidentId) ?? [];
    list.push(r);
    byId.set(r.record.incidentId, list);
  }
  const out: Incident[] = [];
  for (const [id, list] of byId) {
    const incident = buildIncident(id, list);
    if (incident !== null) out.push(incident);
  }
  return out.sort((a, b) => (a.detectedAt < b.detectedAt ? -1 : a.detectedAt > b.detectedAt ? 1 : a.id < b.id ? -1 : 1));
}

/** null when no `detected` event was sealed (events of an unknown incident are refused at recording). */
function buildIncident(id: string, list: Array<SealedRecord<IncidentEventRecord>>): Incident | null {
  const events: TimelineEvent[] = [];
  const corrections = list.filter((r) => r.record.event === 'correction');
  let detection: Detection | null = null;
  for (const r of list) {
    if (r.record.event === 'correction') continue;
    if (r.record.event === 'detected') {
      if (detection !== null) continue; // a second detected event is refused at recording
      detection = r.record.detection;
    }
    events.push({ sha256: r.sha256, key: r.key, event: r.record.event, at: r.record.at, originalAt: r.record.at, correctedBy: [], note: r.record.note, recordedAt: r.record.recordedAt, recordedBy: r.record.recordedBy });
  }
  for (const c of corrections) {
    const target = events.find((e) => e.sha256 === c.record.corrects);
    if (target === undefined) continue;
    target.at = c.record.at;
    target.correctedBy.push(c.sha256);
    if (target.event === 'detected' && c.record.detection !== null) detection = c.record.detection;
    if (c.record.note !== '') target.note = c.record.note;
  }
  const detected = events.find((e) => e.event === 'detected');
  if (detected === undefined || detection === null) return null;
  events.sort((a, b) => (a.event === 'detected' ? -1 : b.event === 'detected' ? 1 : a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
  const closed = events.find((e) => e.event === 'closed');
  return { id, detection, detectedAt: detected.at, events, corrections, closedAt: closed?.at ?? null, evidence: list.map((r) => ({ key: r.key, sha256: r.sha256 })) };
}

/** The first event of a type (the one a deadline counts), if any. */
export function firstEvent(incident: Incident, type: TimelineEvent['event']): TimelineEvent | undefined {
  return incident.events.find((e) => e.event === type);
}
