import { z } from 'zod';
import type { JsonValue } from '../core/canonical';
import { MANIFEST_KEY_PATTERN } from '../core/manifest';
import { PACK_SCHEMA, PACK_SCHEMA_V2, type PackJson } from '../pack/model';
import { readinessSchema } from './pack-readiness-model';

/**
 * pack.json v1 model (docs/formats/pack-v1.md, src/pack/model.ts). Unknown members are refused
 * and every bad field is collected, as for manifests (manifest-model.ts).
 */
const sha256 = z.string().regex(/^[0-9a-f]{64}$/, 'expected 64 lowercase hex digits');
const text = z.string().min(1);
const day = z.iso.date();
const count = z.number().int().min(0);
const verdict = z.enum(['pass', 'fail', 'not-applicable', 'not-evidenced', 'disabled']);
const ref = z.strictObject({ key: z.string(), sha256 });
const manifestRef = z.strictObject({ key: z.string().regex(MANIFEST_KEY_PATTERN, 'expected a manifest key'), sha256 });
const where = { resource: z.string(), account: z.string(), region: z.string() };

const controlDay = z.strictObject({
  id: text,
  verdict,
  exceptions: z.array(z.strictObject({ ...where, verdict, reason: z.string() })),
  resources: z.strictObject({ pass: count, fail: count, notApplicable: count, notEvidenced: count }),
  evidence: z.array(ref),
});

const summary = z.strictObject({
  id: text,
  title: z.string(),
  tests: z.string(),
  kind: z.enum(['automated', 'process']),
  mappings: z.strictObject({ soc2: z.array(z.string()), iso27001_2022: z.array(z.string()), iso27001_2013: z.array(z.string()) }),
  checks: z.array(z.strictObject({ rule: text, params: z.json() })),
  disabled: z.strictObject({ reason: z.string() }).nullable(),
  days: z.strictObject({ pass: count, fail: count, 'not-applicable': count, 'not-evidenced': count, disabled: count }),
  operatedEveryDay: z.boolean(),
  exceptions: z.array(z.strictObject({ from: day, to: day, verdict, resources: z.array(z.strictObject({ ...where, reason: z.string() })) })),
  evidenceCount: count,
  sampleEvidence: z.array(ref),
});

const packV1 = {
  schema: z.literal(PACK_SCHEMA),
  organization: text,
  period: z.strictObject({ quarter: z.string().regex(/^\d{4}-Q[1-4]$/, 'expected YYYY-Q1 … YYYY-Q4'), start: day, end: day, days: count }),
  generatedAt: z.iso.datetime(),
  scope: z.strictObject({ accounts: z.array(z.string()), regions: z.array(z.string()), collectors: z.array(z.string()), modes: z.array(z.string()) }),
  catalog: z.strictObject({ id: text, version: text, sha256 }).nullable(),
  signingKey: z.strictObject({ algorithm: z.literal('ECDSA_P256_SHA256'), fingerprint: sha256 }),
  chain: z.strictObject({
    anchor: manifestRef.nullable(),
    head: z.strictObject({ key: manifestRef.shape.key, sha256, sequence: count }),
    manifests: z.array(
      z.strictObject({ key: manifestRef.shape.key, sha256, date: day, sequence: count, merkleRoot: sha256, artifacts: count, gaps: count }),
    ),
  }),
  days: z.array(z.strictObject({ date: day, manifest: manifestRef.nullable(), results: ref.nullable(), controls: z.array(controlDay) })),
  missingDays: z.array(day),
  gaps: z.array(
    z.strictObject({ date: day, manifest: z.string(), collector: text, account: text, region: text, operation: text, errorCode: text, message: z.string() }),
  ),
  controls: z.array(summary),
};
/** v1, or v2 = v1 + readiness (docs/formats/pack-v2.md); each refuses the other's members. */
const packSchema = z.union([z.strictObject(packV1), z.strictObject({ ...packV1, schema: z.literal(PACK_SCHEMA_V2), readiness: readinessSchema })]);

export type PackModelResult = { ok: true; pack: PackJson } | { ok: false; problems: string[] };

export function parsePackModel(value: JsonValue): PackModelResult {
  const parsed = packSchema.safeParse(value);
  if (!parsed.success) return { ok: false, problems: parsed.error.issues.map((i) => `${jsonPath(i.path)}: ${i.message}`) };
  return { ok: true, pack: parsed.data };
}

function jsonPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>((acc, p) => (typeof p === 'number' ? `${acc}[${p}]` : `${acc}.${String(p)}`), '$');
}
