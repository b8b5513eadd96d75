import { z } from 'zod';
import { ARTIFACT_SCHEMA } from '../core/artifact';
import type { JsonValue } from '../core/canonical';

/**
 * Artifact v1 model (docs/formats/artifact-v1.md §Fields): exactly one of `response` (what AWS
 * answered) or `error` (an AWS error answer that states a fact), never both, nothing else.
 */
const request = z.strictObject({
  service: z.string().min(1),
  operation: z.string().min(1),
  input: z.record(z.string(), z.json()),
  account: z.string().min(1),
  region: z.string().min(1),
});

const answerSchema = z.strictObject({ schema: z.literal(ARTIFACT_SCHEMA), request, response: z.json() });
const errorSchema = z.strictObject({
  schema: z.literal(ARTIFACT_SCHEMA),
  request,
  error: z.strictObject({ code: z.string().min(1), message: z.string() }),
});

export interface ArtifactFacts {
  account: string;
  region: string;
}

/** Problems with an artifact's content, or its account and region for cross-checking. */
export function checkArtifact(value: JsonValue, canonical: boolean): { ok: true; facts: ArtifactFacts } | { ok: false; problems: string[] } {
  // The `error` member selects the variant, so that problems are reported against one shape.
  const isError = typeof value === 'object' && value !== null && !Array.isArray(value) && 'error' in value;
  const parsed = (isError ? errorSchema : answerSchema).safeParse(value);
  if (!parsed.success) {
    return { ok: false, problems: parsed.error.issues.map((i) => `${['$', ...i.path.map(String)].join('.')}: ${i.message}`) };
  }
  // §Canonical form: the stored bytes are the RFC 8785 form, so the hash is reproducible.
  if (!canonical) {
    return { ok: false, problems: ['bytes are not the RFC 8785 canonical form of their content'] };
  }
  return { ok: true, facts: { account: parsed.data.request.account, region: parsed.data.request.region } };
}
