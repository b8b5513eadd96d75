import { z } from 'zod';
import { parseStrictJson } from '../core/strict-json';
import { CONTROL_RESULTS_SCHEMA } from '../evaluate/engine';
import { RESULTS_OPERATION, RESULTS_SERVICE } from '../evaluate/results-artifact';
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

const verdict = z.enum(['pass', 'fail', 'not-applicable', 'not-evidenced', 'disabled']);
const resource = z.object({ resource: z.string(), account: z.string(), region: z.string(), verdict: z.enum(['pass', 'fail', 'not-applicable', 'not-evidenced']), reason: z.string() });
const resultsArtifact = z.object({
  request: z.object({ service: z.literal(RESULTS_SERVICE), operation: z.literal(RESULTS_OPERATION) }),
  response: z.object({
    schema: z.literal(CONTROL_RESULTS_SCHEMA),
    catalog: z.object({ id: z.string(), version: z.string(), sha256: z.string() }),
    controls: z.array(z.object({ id: z.string(), verdict, checks: z.array(z.object({ resources: z.array(resource) })) })),
  }),
});

/**
 * The sealed results of a manifest: null when it lists none, 'unusable' when the artifact cannot
 * be read back as control results (its failure is reported by the artifact checks or here).
 */
export async function readSealedResults(read: ReadFile, m: Pick<ManifestHead, 'results'>): Promise<SealedResults | null | 'unusable'> {
  const ref = m.results;
  if (ref === null) return null;
  const got = await read(ref.key, LIMITS.artifact);
  if (!got.ok || got.sha256 !== ref.sha256) return 'unusable';
  const json = parseStrictJson(got.bytes);
  if (!json.ok) return 'unusable';
  const parsed = resultsArtifact.safeParse(json.value);
  if (!parsed.success) return 'unusable';
  const controls = parsed.data.response.controls.map((c): SealedControl => {
    const resources = { pass: 0, fail: 0, notApplicable: 0, notEvidenced: 0 };
    const exceptions: SealedControl['exceptions'] = [];
    // control-results-v1.md: every check's resources; pass and not-applicable are counted, the rest listed.
    for (const check of c.checks) {
      for (const r of check.resources) {
        if (r.verdict === 'pass') resources.pass++;
        else if (r.verdict === 'not-applicable') resources.notApplicable++;
        else {
          if (r.verdict === 'fail') resources.fail++;
          else resources.notEvidenced++;
          exceptions.push({ resource: r.resource, account: r.account, region: r.region, verdict: r.verdict, reason: r.reason });
        }
      }
    }
    return { id: c.id, verdict: c.verdict, exceptions, resources };
  });
  return { ref, catalog: parsed.data.response.catalog, controls };
}
