import { EvidenceError } from '../core/errors';
import type { DrillAckRecord, DrillRecord, SealedRecord } from './model';

/**
 * `evidence drill ack ID` (docs/cli.md §evidence drill ack): on-call acknowledged a drill's
 * notification. Checked against the sealed records before anything is written: the drill must
 * exist, the acknowledgement cannot precede its trigger or lie in the future, and a drill is
 * acknowledged once (the first acknowledgement is the one that measures time to acknowledge).
 */
export interface NewDrillAck {
  drillId: string;
  by: string;
  acknowledgedAt: Date;
  note: string;
}

export function prepareDrillAck(sealed: readonly SealedRecord[], ack: NewDrillAck, now: Date): DrillAckRecord {
  const drill = sealed.find((r): r is SealedRecord<DrillRecord> => r.record.kind === 'drill' && r.record.drillId === ack.drillId);
  if (!drill) {
    const known = sealed.filter((r) => r.record.kind === 'drill').map((r) => (r.record as DrillRecord).drillId).slice(-3);
    throw new EvidenceError('USAGE', `ID: no drill '${ack.drillId}' is sealed in this vault${known.length > 0 ? ` (latest: ${known.join(', ')})` : ' (no drill has been recorded yet)'}`);
  }
  const prior = sealed.find((r) => r.record.kind === 'drill-ack' && r.record.drillId === ack.drillId);
  if (prior && prior.record.kind === 'drill-ack') {
    throw new EvidenceError('USAGE', `ID: drill ${ack.drillId} was already acknowledged at ${prior.record.acknowledgedAt} by ${prior.record.by} (${prior.key}); a drill is acknowledged once`);
  }
  const at = ack.acknowledgedAt.toISOString();
  if (at < drill.record.triggeredAt) {
    throw new EvidenceError('USAGE', `--at: ${at} is before drill ${ack.drillId} was triggered (${drill.record.triggeredAt}); an acknowledgement follows the notification`);
  }
  if (ack.acknowledgedAt.getTime() > now.getTime()) {
    throw new EvidenceError('USAGE', `--at: ${at} is in the future (now ${now.toISOString()})`);
  }
  return { kind: 'drill-ack', drillId: ack.drillId, acknowledgedAt: at, by: ack.by, note: ack.note, recordedAt: now.toISOString() };
}
