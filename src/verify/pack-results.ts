import { z } from 'zod';
import { parseStrictJson } from '../core/strict-json';
import type { ManifestV1 } from '../core/manifest';
import { CONTROL_RESULTS_SCHEMA } from '../evaluate/engine';
import { RESULTS_COLLECTOR, RESULTS_OPERATION, RESULTS_SCOPE, RESULTS_SERVICE } from '../evaluate/results-artifact';
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
  controls: Array<{ id: string; verdict: string }>;
}

const verdict = z.enum(['pass', 'fail', 'not-applicable', 'not-evidenced', 'disabled']);
const resultsArtifact = z.object({
  request: z.object({ service: z.literal(RESULTS_SERVICE), operation: z.literal(RESULTS_OPERATION) }),
  response: z.object({
    schema: z.literal(CONTROL_RESULTS_SCHEMA),
    catalog: z.object({ id: z.string(), version: z.string(), sha256: z.string() }),
    controls: z.array(z.object({ id: z.string(), verdict })),
  }),
});

/** The manifest's control-results entry, if it lists one (collector `evaluation`, scope `*`). */
export function resultsEntry(m: ManifestV1): { key: string; sha256: string } | null {
  const e = m.artifacts.find((a) => a.collector === RESULTS_COLLECTOR && a.account === RESULTS_SCOPE && a.region === RESULTS_SCOPE);
  return e === undefined ? null : { key: e.key, sha256: e.sha256 };
}

/**
 * The sealed results of a manifest: null when it lists none, 'unusable' when the artifact cannot
 * be read back as control results (its failure is reported by the artifact checks or here).
 */
export async function readSealedResults(read: ReadFile, m: ManifestV1): Promise<SealedResults | null | 'unusable'> {
  const ref = resultsEntry(m);
  if (ref === null) return null;
  const got = await read(ref.key, LIMITS.artifact);
  if (!got.ok || got.sha256 !== ref.sha256) return 'unusable';
  const json = parseStrictJson(got.bytes);
  if (!json.ok) return 'unusable';
  const parsed = resultsArtifact.safeParse(json.value);
  if (!parsed.success) return 'unusable';
  return { ref, catalog: parsed.data.response.catalog, controls: parsed.data.response.controls };
}
