import { EvidenceError } from '../core/errors';
import { MANIFEST_KEY_PATTERN, type ManifestV1 } from '../core/manifest';
import type { Vault } from '../vault/vault';
import type { SealedRecord } from './model';
import { WORKFLOW_COLLECTOR, decodeRecord } from './records';

/**
 * The workflow records sealed in a vault, in chain order (docs/formats/workflow-records-v1.md
 * §Reading). Every manifest dated on or after `since` is read and each `workflow` entry's
 * artifact read back by its SHA-256; a record that does not read back is refused, never skipped.
 */
export async function loadRecords(vault: Vault, options: { since?: string } = {}): Promise<SealedRecord[]> {
  const keys = (await vault.list('manifests/')).filter((k) => {
    const m = MANIFEST_KEY_PATTERN.exec(k);
    return m !== null && (options.since === undefined || (m[1] as string) >= options.since);
  });
  const out: SealedRecord[] = [];
  for (const key of keys) {
    const manifest = JSON.parse((await vault.read(key)).toString('utf8')) as ManifestV1;
    for (const entry of manifest.artifacts.filter((a) => a.collector === WORKFLOW_COLLECTOR)) {
      const decoded = decodeRecord(await vault.readVerified(entry.key, entry.sha256));
      if (!decoded.ok) {
        throw new EvidenceError('EVIDENCE_BROKEN', `${vault.url}: ${entry.key} (listed by ${key}) is not a readable workflow record: ${decoded.problems.join('; ')}`);
      }
      out.push({ key: entry.key, sha256: entry.sha256, record: decoded.record });
    }
  }
  return dedupe(out);
}

/** The same record listed by several manifests (carried forward) counts once, at its first sealing. */
function dedupe(records: SealedRecord[]): SealedRecord[] {
  const seen = new Set<string>();
  return records.filter((r) => (seen.has(r.key) ? false : (seen.add(r.key), true)));
}
