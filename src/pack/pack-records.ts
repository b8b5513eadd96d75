import type { Failures } from '../verify/codes';
import type { SealedRecord } from '../workflow/model';
import { decodeRecord } from '../workflow/records';
import type { EvidenceRef } from './model';

/**
 * The workflow records of a quarter (docs/formats/pack-v2.md §readiness), read back from the
 * copied artifacts. A record that does not read back is ARTIFACT_MALFORMED: the builder refuses,
 * the verifier reports it.
 */
export async function readPackRecords(refs: readonly EvidenceRef[], read: (key: string) => Promise<Buffer | undefined>, failures: Failures): Promise<SealedRecord[]> {
  const out: SealedRecord[] = [];
  for (const r of refs) {
    const bytes = await read(r.key);
    if (bytes === undefined) continue; // not copied: already a failure (missing or changed)
    const decoded = decodeRecord(bytes);
    if (decoded.ok) out.push({ key: r.key, sha256: r.sha256, record: decoded.record });
    else failures.add('ARTIFACT_MALFORMED', r.key, `${r.key}: a workflow record that cannot be read: ${decoded.problems.slice(0, 5).join('; ')}`);
  }
  return out;
}
