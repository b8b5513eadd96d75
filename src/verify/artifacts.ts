import { mapPool } from '../core/pool';
import { parseCanonicalJson } from '../core/canonical-parse';
import { Failures } from './codes';
import { checkArtifact } from './artifact-model';
import type { ManifestV1 } from '../core/manifest';
import { LIMITS, readerFor, type ReadFile, type VaultEntry } from './reader';

/**
 * Artifact checks (docs/verification.md §Step 8): every listed artifact is present, has the
 * listed size and SHA-256, is canonical artifact v1, and states the account and region its
 * manifest entry states. Size is compared before reading, hash before parsing.
 */
interface Listing {
  manifest: string;
  sha256: string;
  bytes: number;
  account: string;
  region: string;
}

/** Files read at once: enough to keep the disk (or the zip's file) busy, few enough to stay small. */
export const READ_CONCURRENCY = 8;

/** Returns the set of artifact keys that the well-formed manifests list. */
export async function checkArtifacts(
  root: string | ReadFile,
  manifests: readonly { key: string; manifest: ManifestV1 }[],
  entries: ReadonlyMap<string, VaultEntry>,
  failures: Failures,
): Promise<Set<string>> {
  const listings = new Map<string, Listing[]>();
  for (const { key, manifest } of manifests) {
    for (const a of manifest.artifacts) {
      const list = listings.get(a.key) ?? [];
      list.push({ manifest: key, sha256: a.sha256, bytes: a.bytes, account: a.account, region: a.region });
      listings.set(a.key, list);
    }
  }
  // Reads overlap (I/O bound); each artifact's failures are merged back in key order, so the
  // report is the same whatever order the reads finish in.
  const sorted = [...listings].sort(([a], [b]) => (a < b ? -1 : 1));
  const found = await mapPool(sorted, READ_CONCURRENCY, async ([key, list]) => {
    const own = new Failures();
    await checkOne(root, key, list, entries.get(key), own);
    return own.list;
  });
  for (const f of found.flat()) failures.add(f.code, f.file, f.message);
  return new Set(listings.keys());
}

async function checkOne(root: string | ReadFile, key: string, list: Listing[], entry: VaultEntry | undefined, failures: Failures): Promise<void> {
  const first = list[0] as Listing;
  const by = [...new Set(list.map((l) => l.manifest))].join(', ');
  if (entry === undefined) {
    failures.add('ARTIFACT_MISSING', key, `${key}: listed by ${by} (SHA-256 ${first.sha256}, ${first.bytes} bytes), not found in the vault`);
    return;
  }
  if (entry.kind !== 'file') return; // reported as FILE_NOT_REGULAR by the walk
  const wrongSize = list.filter((l) => l.bytes !== entry.size);
  if (wrongSize.length > 0) {
    const l = wrongSize[0] as Listing;
    failures.add('ARTIFACT_HASH_MISMATCH', key, `${key}: ${l.manifest} lists ${l.bytes} bytes, found ${entry.size} bytes`);
    return;
  }
  const read = await readerFor(root)(key, LIMITS.artifact);
  if (!read.ok) {
    failures.add(read.reason === 'unreadable' ? 'VAULT_UNREADABLE' : 'ARTIFACT_MALFORMED', key, read.message);
    return;
  }
  if (read.sha256 !== first.sha256) {
    failures.add('ARTIFACT_HASH_MISMATCH', key, `${key}: listed by ${by} with SHA-256 ${first.sha256}, found ${read.sha256}; its content changed`);
    return;
  }
  const json = parseCanonicalJson(read.bytes);
  const checked = json.ok ? checkArtifact(json.value, json.canonical) : { ok: false as const, problems: [`not valid JSON (${json.code}): ${json.message}`] };
  if (!checked.ok) {
    failures.add('ARTIFACT_MALFORMED', key, `${key}: not a canonical artifact v1: ${checked.problems.join('; ')}`);
    return;
  }
  for (const l of list) {
    if (l.account !== checked.facts.account || l.region !== checked.facts.region) {
      failures.add(
        'ARTIFACT_MALFORMED',
        key,
        `${key}: ${l.manifest} lists it for ${l.account}/${l.region}, its request states ${checked.facts.account}/${checked.facts.region}`,
      );
    }
  }
}
