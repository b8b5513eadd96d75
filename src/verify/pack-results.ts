import { controlDays, parseResultsArtifact } from '../pack/day';
import type { ManifestHead } from './manifests';
import type { ReadFile } from './reader';
import { LIMITS } from './reader';

/**
 * A day's sealed control results (docs/formats/control-results-v1.md), read back from the
 * artifact its manifest lists, for comparison with what pack.json claims about that day. Only
 * what the comparison needs is modelled; the artifact's own integrity is checked by artifacts.ts.
 */
export interface SealedResults {
  ref: { key: string; sha256: string };
  catalog: { id: string; version: string; sha256: string };
  controls: SealedControl[];
}

/** A control's sealed day, in the terms of pack.json's day entry (pack-v1.md §days). */
export interface SealedControl {
  id: string;
  verdict: string;
  /** Each resource that failed or was not evidenced, in the order the results list them. */
  exceptions: Array<{ resource: string; account: string; region: string; verdict: string; reason: string }>;
  resources: { pass: number; fail: number; notApplicable: number; notEvidenced: number };
}

/**
 * The sealed results of a manifest: null when it lists none, 'unusable' when the artifact cannot
 * be read back as control results (its failure is reported by the artifact checks or here).
 */
export async function readSealedResults(read: ReadFile, m: Pick<ManifestHead, 'results'>): Promise<SealedResults | null | 'unusable'> {
  const ref = m.results;
  if (ref === null) return null;
  const got = await read(ref.key, LIMITS.artifact);
  if (!got.ok || got.sha256 !== ref.sha256) return 'unusable';
  // Parsed and tallied exactly as the builder does (src/pack/day.ts): pack.json must say what it says.
  const parsed = parseResultsArtifact(got.bytes);
  if (!parsed.ok) return 'unusable';
  return { ref, catalog: parsed.results.catalog, controls: controlDays(parsed.results) };
}
