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
  // A quarter's pack holds a hundred thousand artifacts: the common, well-formed shape is
  // recognized by hand; zod reports anything else, with its exact messages.
  const fast = fastFacts(value);
  if (fast !== null) {
    return canonical ? { ok: true, facts: fast } : { ok: false, problems: ['bytes are not the RFC 8785 canonical form of their content'] };
  }
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

type JsonObject = { [key: string]: JsonValue };
const isObject = (v: JsonValue | undefined): v is JsonObject => typeof v === 'object' && v !== null && !Array.isArray(v);
const nonEmpty = (v: JsonValue | undefined): v is string => typeof v === 'string' && v.length > 0;

function exactly(o: JsonObject, names: readonly string[]): boolean {
  let n = 0;
  for (const k in o) {
    if (!names.includes(k)) return false;
    n++;
  }
  return n === names.length;
}

/** The facts when `value` is plainly valid (at least as strict as the schemas above), else null. */
function fastFacts(value: JsonValue): ArtifactFacts | null {
  if (!isObject(value) || value.schema !== ARTIFACT_SCHEMA) return null;
  const { request, error } = value;
  if (!isObject(request) || !exactly(request, ['service', 'operation', 'input', 'account', 'region'])) return null;
  if (!nonEmpty(request.service) || !nonEmpty(request.operation) || !isObject(request.input) || !nonEmpty(request.account) || !nonEmpty(request.region)) return null;
  if (error === undefined) {
    if (!exactly(value, ['schema', 'request', 'response'])) return null;
  } else if (!exactly(value, ['schema', 'request', 'error']) || !isObject(error) || !exactly(error, ['code', 'message']) || !nonEmpty(error.code) || typeof error.message !== 'string') {
    return null;
  }
  return { account: request.account, region: request.region };
}
