import type { ArtifactV1 } from '../core/artifact';
import { MANIFEST_KEY_PATTERN, type ManifestArtifactEntry, type ManifestV1 } from '../core/manifest';
import { RESULTS_COLLECTOR } from '../evaluate/results-artifact';
import type { DayArtifact } from '../evaluate/types';
import type { Vault } from '../vault/vault';
import { documentInForce } from './in-force';
import type { SealedRecord } from './model';
import { WORKFLOW_COLLECTOR, WORKFLOW_SCOPE, decodeRecord } from './records';

/**
 * Carried forward (docs/formats/workflow-records-v1.md §Carried forward): each evaluated day's
 * manifest lists again the workflow records still relevant, so that the day's process-control
 * verdicts cite evidence sealed with the day, and a quarter's pack holds the procedure in force
 * even when it was attested in an earlier quarter. The set is the previous evaluated day's carried
 * records plus every record sealed since; records older than CARRY_DAYS are dropped, except the
 * version in force of each attested document.
 */
export const CARRY_DAYS = 400;

export interface CarriedRecords {
  entries: ManifestArtifactEntry[];
  artifacts: DayArtifact[];
  records: SealedRecord[];
}

export async function carryRecords(vault: Vault, date: string, now: Date): Promise<CarriedRecords> {
  const keys = (await vault.list('manifests/')).filter((k) => MANIFEST_KEY_PATTERN.test(k));
  const found = new Map<string, { sha256: string; bytes: Buffer; record: SealedRecord }>();
  for (let i = keys.length - 1; i >= 0; i--) {
    const manifest = JSON.parse((await vault.read(keys[i] as string)).toString('utf8')) as ManifestV1;
    for (const e of manifest.artifacts.filter((a) => a.collector === WORKFLOW_COLLECTOR && !found.has(a.key))) {
      const bytes = await vault.readVerified(e.key, e.sha256);
      const decoded = decodeRecord(bytes);
      // An unreadable record is the verifier's to report; it is not carried into new evidence.
      if (decoded.ok) found.set(e.key, { sha256: e.sha256, bytes, record: { key: e.key, sha256: e.sha256, record: decoded.record } });
    }
    // The last evaluated day carried everything relevant up to then: older manifests add nothing.
    if (manifest.artifacts.some((a) => a.collector === RESULTS_COLLECTOR)) break;
  }
  const all = [...found.values()].map((f) => f.record);
  const cutoff = new Date(Date.parse(`${date}T00:00:00.000Z`) - CARRY_DAYS * 86_400_000).toISOString();
  const asOf = now.toISOString();
  const keep = all.filter((r) => r.record.recordedAt >= cutoff || (r.record.kind === 'attestation' && documentInForce(all, r.record.documentId, asOf)?.key === r.key));
  const observedAt = now.toISOString();
  return {
    records: keep,
    entries: keep.map((r) => ({ key: r.key, sha256: r.sha256, bytes: (found.get(r.key) as { bytes: Buffer }).bytes.length, collector: WORKFLOW_COLLECTOR, account: WORKFLOW_SCOPE, region: WORKFLOW_SCOPE, observedAt })),
    artifacts: keep.map((r) => ({ key: r.key, sha256: r.sha256, observedAt, artifact: JSON.parse((found.get(r.key) as { bytes: Buffer }).bytes.toString('utf8')) as ArtifactV1 })),
  };
}
