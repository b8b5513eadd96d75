import { z } from 'zod';
import { artifactKey } from '../core/artifact';
import { CANONICALIZATION, type JsonValue } from '../core/canonical';
import { HASH_ALGORITHM } from '../core/hash';
import { MANIFEST_KEY_PATTERN, MANIFEST_SCHEMA, SIGNATURE_ALGORITHM, type ManifestV1 } from '../core/manifest';
import { MERKLE_ALGORITHM } from '../core/merkle';

/**
 * Manifest v1 model (docs/formats/manifest-v1.md §Fields). Unknown members are refused: a v1
 * verifier cannot vouch for fields it does not know. Every bad field is collected, not only
 * the first, so that one report shows everything wrong with a manifest.
 */
const sha256 = z.string().regex(/^[0-9a-f]{64}$/, 'expected 64 lowercase hex digits');
const text = z.string().min(1);
const day = z.iso.date();
const instant = z.iso.datetime();

const artifactEntry = z.strictObject({
  key: z.string(),
  sha256,
  bytes: z.number().int().min(0),
  collector: text,
  account: text,
  region: text,
  observedAt: instant,
});

const gap = z.strictObject({
  collector: text,
  account: text,
  region: text,
  operation: text,
  errorCode: text,
  message: z.string(),
});

const manifestSchema = z.strictObject({
  schema: z.literal(MANIFEST_SCHEMA),
  canonicalization: z.literal(CANONICALIZATION),
  hashAlgorithm: z.literal(HASH_ALGORITHM),
  date: day,
  sequence: z.number().int().min(0).max(99_999_999),
  sealedAt: instant,
  scope: z.strictObject({
    organization: text,
    mode: z.enum(['single-account', 'organization', 'sample']),
    accounts: z.array(text),
    regions: z.array(text),
    collectors: z.array(text),
  }),
  artifacts: z.array(artifactEntry),
  gaps: z.array(gap),
  merkle: z.strictObject({ algorithm: z.literal(MERKLE_ALGORITHM), leafCount: z.number().int().min(0), root: sha256 }),
  previous: z.strictObject({ key: z.string().regex(MANIFEST_KEY_PATTERN, 'expected a manifest key'), sha256 }).nullable(),
  signature: z.strictObject({ algorithm: z.literal(SIGNATURE_ALGORITHM), publicKeySha256: sha256 }),
});

export type ManifestModelResult = { ok: true; manifest: ManifestV1 } | { ok: false; problems: string[] };

/**
 * The artifact list is most of a manifest (a quarter's pack holds a million entries), so it is
 * checked by hand first; zod checks the rest. Only when something is wrong does zod check the
 * whole manifest, so that the problems reported are exactly zod's, every one of them.
 */
const headSchema = manifestSchema.extend({ artifacts: z.array(z.never()) });

export function parseManifestModel(value: JsonValue): ManifestModelResult {
  const fast = isObject(value) && Array.isArray(value.artifacts) && value.artifacts.every(entryOk) && headSchema.safeParse({ ...value, artifacts: [] }).success;
  let manifest: ManifestV1;
  if (fast) {
    manifest = value as unknown as ManifestV1;
  } else {
    const parsed = manifestSchema.safeParse(value);
    if (!parsed.success) {
      return { ok: false, problems: parsed.error.issues.map((i) => `${jsonPath(i.path)}: ${i.message}`) };
    }
    manifest = parsed.data;
  }
  const problems: string[] = [];
  // §Artifacts: content-addressed keys, sorted by key, each listed once.
  const entries = manifest.artifacts;
  for (let i = 0; i < entries.length; i++) {
    const a = entries[i] as ManifestV1['artifacts'][number];
    const expected = artifactKey(a.sha256);
    if (a.key !== expected) problems.push(`$.artifacts[${i}].key: expected ${expected}, found ${a.key}`);
    const prior = entries[i - 1];
    if (prior !== undefined && !(prior.key < a.key)) {
      problems.push(`$.artifacts[${i}].key: not after ${prior.key} (artifacts are sorted by key, each once)`);
    }
  }
  return problems.length === 0 ? { ok: true, manifest } : { ok: false, problems };
}

const ENTRY_MEMBERS = new Set(['key', 'sha256', 'bytes', 'collector', 'account', 'region', 'observedAt']);
const SHA256 = /^[0-9a-f]{64}$/;
let lastInstant = '';

/** At least as strict as `artifactEntry` (anything it refuses, zod then reports). */
function entryOk(e: JsonValue): boolean {
  if (!isObject(e)) return false;
  let members = 0;
  for (const k in e) {
    if (!ENTRY_MEMBERS.has(k)) return false;
    members++;
  }
  if (members !== ENTRY_MEMBERS.size) return false;
  const { key, sha256: sha, bytes, collector, account, region, observedAt } = e;
  if (typeof key !== 'string' || typeof sha !== 'string' || !SHA256.test(sha) || typeof bytes !== 'number' || !Number.isSafeInteger(bytes) || bytes < 0) return false;
  if (!nonEmpty(collector) || !nonEmpty(account) || !nonEmpty(region) || typeof observedAt !== 'string') return false;
  // A day's entries share one observedAt: ask zod once per distinct value.
  if (observedAt !== lastInstant) {
    if (!instant.safeParse(observedAt).success) return false;
    lastInstant = observedAt;
  }
  return true;
}

function nonEmpty(v: JsonValue | undefined): boolean {
  return typeof v === 'string' && v.length > 0;
}

function isObject(v: JsonValue | undefined): v is { [key: string]: JsonValue } {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function jsonPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>((acc, p) => (typeof p === 'number' ? `${acc}[${p}]` : `${acc}.${String(p)}`), '$');
}
