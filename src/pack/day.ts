import { z } from 'zod';
import { parseStrictJson } from '../core/strict-json';
import { RESULTS_OPERATION, RESULTS_SERVICE } from '../evaluate/results-artifact';
import type { ControlDay, EvidenceRef, PackDay } from './model';

/**
 * One day of the pack (docs/formats/pack-v1.md §days) from that day's sealed control results
 * (docs/formats/control-results-v1.md). The results artifact is hostile input like any other:
 * it is parsed strictly and the members the pack reads are checked before anything is counted.
 */
const verdict = z.enum(['pass', 'fail', 'not-applicable', 'not-evidenced', 'disabled']);
const resourceVerdict = z.enum(['pass', 'fail', 'not-applicable', 'not-evidenced']);
const ref = z.object({ key: z.string().min(1), sha256: z.string().regex(/^[0-9a-f]{64}$/) });
const resultsSchema = z.object({
  request: z.object({ service: z.literal(RESULTS_SERVICE), operation: z.literal(RESULTS_OPERATION) }),
  response: z.object({
    schema: z.literal('evidence-vault/control-results/v1'),
    date: z.iso.date(),
    catalog: z.object({ id: z.string(), version: z.string(), sha256: z.string() }),
    controls: z.array(
      z.object({
        id: z.string().min(1),
        verdict,
        disabledReason: z.string().optional(),
        checks: z.array(
          z.object({
            resources: z.array(
              z.object({ resource: z.string(), account: z.string(), region: z.string(), verdict: resourceVerdict, reason: z.string(), evidence: z.array(ref) }),
            ),
          }),
        ),
      }),
    ),
  }),
});

export type ParsedResults = z.infer<typeof resultsSchema>['response'];

/** The results, or the problems that make the artifact unusable (reported as ARTIFACT_MALFORMED). */
export function parseResultsArtifact(bytes: Buffer): { ok: true; results: ParsedResults } | { ok: false; problem: string } {
  const json = parseStrictJson(bytes);
  if (!json.ok) return { ok: false, problem: `not valid JSON (${json.code}): ${json.message}` };
  const parsed = resultsSchema.safeParse(json.value);
  if (!parsed.success) {
    const issues = parsed.error.issues.slice(0, 5).map((i) => `$.${i.path.map(String).join('.')}: ${i.message}`);
    return { ok: false, problem: `not control results v1: ${issues.join('; ')}` };
  }
  return { ok: true, results: parsed.data.response };
}

/** A control's day: its verdict, the resources that did not pass (with why), counts, and its evidence. */
export function controlDays(results: ParsedResults): ControlDay[] {
  return results.controls.map((c) => {
    const resources = { pass: 0, fail: 0, notApplicable: 0, notEvidenced: 0 };
    const exceptions: ControlDay['exceptions'] = [];
    const evidence = new Map<string, EvidenceRef>();
    for (const r of c.checks.flatMap((check) => check.resources)) {
      if (r.verdict === 'pass') resources.pass++;
      else if (r.verdict === 'not-applicable') resources.notApplicable++;
      else {
        if (r.verdict === 'fail') resources.fail++;
        else resources.notEvidenced++;
        exceptions.push({ resource: r.resource, account: r.account, region: r.region, verdict: r.verdict, reason: r.reason });
      }
      for (const e of r.evidence) if (!evidence.has(e.key)) evidence.set(e.key, { key: e.key, sha256: e.sha256 });
    }
    return { id: c.id, verdict: c.verdict, exceptions, resources, evidence: [...evidence.values()] };
  });
}

export function packDay(date: string, manifest: EvidenceRef | null, results: EvidenceRef | null, parsed: ParsedResults | null): PackDay {
  return { date, manifest, results, controls: parsed === null ? [] : controlDays(parsed) };
}
