/**
 * A drill's id: `drill-<UTC trigger time, basic ISO 8601>-<chain name>`, within the record
 * id alphabet (letters, digits, . _ : -) and at most 128 characters, e.g.
 * `drill-20261005T090000Z-brightpath-prod-student-records-bulk-export`.
 */
export function drillIdFor(triggeredAt: Date, chainName: string): string {
  const stamp = triggeredAt.toISOString().replace(/\.\d{3}Z$/, 'Z').replace(/[-:]/g, '');
  const slug = chainName.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^-+|-+$/g, '') || 'chain';
  return `drill-${stamp}-${slug}`.slice(0, 128).replace(/[-.:]+$/, '');
}

/** The StateReason sent with SetAlarmState: it names the drill, so nobody mistakes it for an incident. */
export function drillReason(drillId: string): string {
  return `Escalation drill ${drillId} by Evidence Vault: a test of the escalation chain, not an incident. Acknowledge it with: evidence drill ack ${drillId}`;
}
