import { EvidenceError } from '../core/errors';
import { sha256Hex } from '../core/hash';
import { buildIncidents, type Incident } from './incidents';
import type { Detection, IncidentEventRecord, IncidentEventType, SealedRecord } from './model';

/**
 * Checks a new incident event against the incidents already sealed (docs/cli.md §evidence
 * incident): an unknown incident, a second detection, an event before detection or after
 * closing, a correction of an event that is not the incident's — each refused with what was
 * expected and found, before anything is written. Pure.
 */
export interface NewDetection {
  incidentId?: string;
  at: string;
  detection: Detection;
  note: string;
  recordedBy: string;
}

export interface NewEvent {
  incidentId: string;
  event: Exclude<IncidentEventType, 'detected'>;
  at: string;
  /** For corrections: the event's SHA-256 or a unique prefix of at least 8 hex digits. */
  corrects?: string;
  /** For corrections of the detected event: the detection facts that change. */
  detectionChanges?: Partial<Detection>;
  note: string;
  recordedBy: string;
}

/** Default incident id: the detection's day and a short hash of what was detected. */
export function defaultIncidentId(at: string, detection: Detection): string {
  const digest = sha256Hex(`${at}\n${detection.source}\n${detection.summary}\n${detection.externalRef ?? ''}`).slice(0, 6);
  return `INC-${at.slice(0, 10).replace(/-/g, '')}-${digest}`;
}

export function prepareDetection(sealed: readonly SealedRecord[], input: NewDetection, now: Date): IncidentEventRecord {
  const incidentId = input.incidentId ?? defaultIncidentId(input.at, input.detection);
  if (sealed.some((r) => r.record.kind === 'incident-event' && r.record.incidentId === incidentId)) {
    throw new EvidenceError('USAGE', `incident ${incidentId} already exists; record its events with 'evidence incident event ${incidentId}', or correct its detection with --type correction`);
  }
  if (input.detection.externalRef !== null) {
    const same = buildIncidents(sealed).find((i) => i.detection.externalRef === input.detection.externalRef);
    if (same !== undefined) throw new EvidenceError('USAGE', `incident ${same.id} was already opened for ${input.detection.externalRef}`);
  }
  return { kind: 'incident-event', incidentId, event: 'detected', at: input.at, detection: input.detection, corrects: null, note: input.note, recordedAt: now.toISOString(), recordedBy: input.recordedBy };
}

export function prepareEvent(sealed: readonly SealedRecord[], input: NewEvent, now: Date): IncidentEventRecord {
  const incidents = buildIncidents(sealed);
  const incident = incidents.find((i) => i.id === input.incidentId);
  if (incident === undefined) {
    const known = incidents.map((i) => i.id);
    throw new EvidenceError('USAGE', `unknown incident '${input.incidentId}': ${known.length === 0 ? 'no incident has been opened in this vault' : `known incidents are ${known.slice(-10).join(', ')}`}`);
  }
  const base = { kind: 'incident-event' as const, incidentId: incident.id, event: input.event, at: input.at, note: input.note, recordedAt: now.toISOString(), recordedBy: input.recordedBy };
  if (input.event === 'correction') return { ...base, ...correction(incident, input) };
  if (input.corrects !== undefined || input.detectionChanges !== undefined) throw new EvidenceError('USAGE', `--corrects and detection facts belong to --type correction, not ${input.event}`);
  if (input.at < incident.detectedAt) {
    throw new EvidenceError('USAGE', `--at: ${input.at} is before incident ${incident.id} was detected (${incident.detectedAt}); an event cannot precede detection (correct the detection time with --type correction if it is wrong)`);
  }
  if (incident.closedAt !== null) throw new EvidenceError('USAGE', `incident ${incident.id} was closed at ${incident.closedAt}; only corrections can be recorded for it`);
  return { ...base, detection: null, corrects: null };
}

function correction(incident: Incident, input: NewEvent): { detection: Detection | null; corrects: string } {
  if (input.corrects === undefined) throw new EvidenceError('USAGE', `--corrects: a correction names the event it corrects (its SHA-256, see 'evidence incident show ${incident.id}')`);
  const prefix = input.corrects.toLowerCase();
  if (!/^[0-9a-f]{8,64}$/.test(prefix)) throw new EvidenceError('USAGE', `--corrects: '${input.corrects}' is not an event SHA-256 or a prefix of at least 8 hex digits`);
  const matches = incident.events.filter((e) => e.sha256.startsWith(prefix));
  if (matches.length !== 1) {
    throw new EvidenceError('USAGE', `--corrects: ${matches.length === 0 ? `no event of incident ${incident.id} has SHA-256 ${prefix}…` : `${prefix} names ${matches.length} events; give more digits`}`);
  }
  const target = matches[0] as Incident['events'][number];
  if (input.detectionChanges !== undefined && target.event !== 'detected') throw new EvidenceError('USAGE', `detection facts can only correct the detected event, not '${target.event}'`);
  const detectedAt = target.event === 'detected' ? input.at : incident.detectedAt;
  const before = incident.events.filter((e) => e.sha256 !== target.sha256 && e.at < detectedAt);
  if (target.event !== 'detected' && input.at < incident.detectedAt) {
    throw new EvidenceError('USAGE', `--at: ${input.at} is before incident ${incident.id} was detected (${incident.detectedAt})`);
  }
  if (before.length > 0) throw new EvidenceError('USAGE', `--at: detection at ${input.at} would come after the ${before[0]?.event ?? ''} event at ${before[0]?.at ?? ''}`);
  return { detection: input.detectionChanges === undefined ? null : { ...incident.detection, ...input.detectionChanges }, corrects: target.sha256 };
}
