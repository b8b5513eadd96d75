import type { DrillAckRecord, DrillRecord, SealedRecord, WorkflowRecord } from './model';

/**
 * Pure helpers for evaluating and reporting drills (the process control
 * `incident-workflow-test`, the pack's readiness section): each drill with its acknowledgement
 * and time to acknowledge, and a period's pass/fail summary per chain.
 */
export interface DrillWithAck {
  drill: DrillRecord;
  ack: DrillAckRecord | null;
  /** acknowledgedAt − triggeredAt, in seconds; null when not acknowledged. */
  secondsToAcknowledge: number | null;
}

type Recorded = WorkflowRecord | SealedRecord;
const recordOf = (r: Recorded): WorkflowRecord => ('record' in r ? r.record : r);

/** Drills in trigger order, each with its first acknowledgement (one recorded before `asOf`, when given). */
export function drillsWithAcks(records: readonly Recorded[], asOf?: string): DrillWithAck[] {
  const all = records.map(recordOf);
  const acks = all.filter((r): r is DrillAckRecord => r.kind === 'drill-ack' && (asOf === undefined || r.recordedAt <= asOf));
  return all
    .filter((r): r is DrillRecord => r.kind === 'drill' && (asOf === undefined || r.triggeredAt <= asOf))
    .sort((a, b) => (a.triggeredAt < b.triggeredAt ? -1 : a.triggeredAt > b.triggeredAt ? 1 : 0))
    .map((drill) => {
      const ack = acks.filter((a) => a.drillId === drill.drillId).sort((a, b) => (a.recordedAt < b.recordedAt ? -1 : 1))[0] ?? null;
      return { drill, ack, secondsToAcknowledge: ack ? secondsToAcknowledge(drill, ack) : null };
    });
}

export function secondsToAcknowledge(drill: DrillRecord, ack: DrillAckRecord): number {
  return Math.round(Date.parse(ack.acknowledgedAt) - Date.parse(drill.triggeredAt)) / 1000;
}

export interface ChainDrillSummary {
  chain: string;
  drills: number;
  passed: number;
  failed: number;
  /** Drill ids that failed, with their reasons. */
  failures: { drillId: string; triggeredAt: string; reasons: string[] }[];
  acknowledged: number;
  /** Median seconds from trigger to the last delivery over passed drills; null when none. */
  medianSecondsToDelivery: number | null;
  /** Median seconds to acknowledge over acknowledged drills; null when none. */
  medianSecondsToAcknowledge: number | null;
  latest: { drillId: string; triggeredAt: string; outcome: 'pass' | 'fail' } | null;
}

function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 === 1 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

/** Per chain, the drills triggered within [from, to) (ISO 8601 instants or dates, compared as text). */
export function summarizeDrills(records: readonly Recorded[], from: string, to: string): ChainDrillSummary[] {
  const inPeriod = drillsWithAcks(records).filter((d) => d.drill.triggeredAt >= from && d.drill.triggeredAt < to);
  const chains = [...new Set(inPeriod.map((d) => d.drill.chain.name))].sort();
  return chains.map((chain) => {
    const drills = inPeriod.filter((d) => d.drill.chain.name === chain);
    const failed = drills.filter((d) => d.drill.outcome === 'fail');
    const last = drills.at(-1)?.drill;
    return {
      chain,
      drills: drills.length,
      passed: drills.length - failed.length,
      failed: failed.length,
      failures: failed.map((d) => ({ drillId: d.drill.drillId, triggeredAt: d.drill.triggeredAt, reasons: d.drill.failureReasons })),
      acknowledged: drills.filter((d) => d.ack !== null).length,
      medianSecondsToDelivery: median(drills.flatMap((d) => (d.drill.secondsToDelivery === null ? [] : [d.drill.secondsToDelivery]))),
      medianSecondsToAcknowledge: median(drills.flatMap((d) => (d.secondsToAcknowledge === null ? [] : [d.secondsToAcknowledge]))),
      latest: last ? { drillId: last.drillId, triggeredAt: last.triggeredAt, outcome: last.outcome } : null,
    };
  });
}
