import { canonicalize, type JsonValue } from '../core/canonical';
import type { PackJson } from '../pack/model';
import { readPackRecords } from '../pack/pack-records';
import { buildReadiness, readinessAsOf } from '../pack/readiness';
import type { Failures } from './codes';
import type { ManifestHead } from './manifests';
import { LIMITS, type ReadFile } from './reader';

/**
 * pack.json v2 §readiness against the sealed workflow records in the pack (docs/formats/pack-v2.md
 * §Verifying): the section is recomputed from the records the quarter's manifests list and must
 * be the same value. A signature proves who wrote pack.json, not that the section is true.
 */
export async function checkReadiness(pack: PackJson, manifests: readonly Pick<ManifestHead, 'workflow'>[], read: ReadFile, failures: Failures): Promise<void> {
  if (pack.readiness === undefined) return;
  const refs = new Map<string, { key: string; sha256: string }>();
  for (const m of manifests) for (const a of m.workflow) if (!refs.has(a.key)) refs.set(a.key, { key: a.key, sha256: a.sha256 });
  const records = await readPackRecords([...refs.values()], async (key) => {
    const got = await read(key, LIMITS.artifact);
    // A missing or changed artifact is reported by the artifact checks; it is not read here.
    return got.ok && got.sha256 === refs.get(key)?.sha256 ? got.bytes : undefined;
  }, failures);
  if (records.length !== refs.size) return;
  const expected = buildReadiness(records, pack.period, readinessAsOf(pack.period, pack.generatedAt)) as unknown as JsonValue;
  const found = pack.readiness as unknown as JsonValue;
  const differences = diff(expected, found, '$.readiness').slice(0, 10);
  for (const d of differences) failures.add('PACK_INCONSISTENT', 'pack.json', `pack.json disagrees with the sealed workflow records: ${d}`);
}

/** Paths where two JSON values differ, with what the records give and what pack.json says. */
function diff(expected: JsonValue, found: JsonValue, at: string): string[] {
  if (canonicalize(expected) === canonicalize(found)) return [];
  if (Array.isArray(expected) && Array.isArray(found)) {
    if (expected.length !== found.length) return [`${at}: the sealed records give ${expected.length} entries, found ${found.length}`];
    return expected.flatMap((e, i) => diff(e, found[i] as JsonValue, `${at}[${i}]`));
  }
  if (isObject(expected) && isObject(found)) {
    const keys = [...new Set([...Object.keys(expected), ...Object.keys(found)])].sort();
    return keys.flatMap((k) => (k in expected && k in found ? diff(expected[k] as JsonValue, found[k] as JsonValue, `${at}.${k}`) : [`${at}.${k}: ${k in expected ? 'missing' : 'not expected'}`]));
  }
  return [`${at}: the sealed records give ${short(expected)}, found ${short(found)}`];
}

function isObject(v: JsonValue): v is { [k: string]: JsonValue } {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function short(v: JsonValue): string {
  const s = canonicalize(v);
  return s.length > 80 ? `${s.slice(0, 77)}…` : s;
}
