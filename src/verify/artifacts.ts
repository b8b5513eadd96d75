import { mapPool } from '../core/pool';
import { parseCanonicalJson } from '../core/canonical-parse';
import { Failures } from './codes';
import { checkArtifact } from './artifact-model';
import type { ArtifactIndex, Listing } from './artifact-index';
import { LIMITS, readerFor, type ReadFile, type VaultEntry } from './reader';

/**
 * Artifact checks (docs/verification.md §Step 8): every listed artifact is present, has the
 * listed size and SHA-256, is canonical artifact v1, and states the account and region its
 * manifest entry states. Size is compared before reading, hash before parsing. Each artifact is
 * read once; `onRead` gets its SHA-256 (the pack verifier compares it with SHA256SUMS too).
 */

/** Files read at once: enough to keep the disk (or the zip's file) busy, few enough to stay small. */
export const READ_CONCURRENCY = 8;

export type OnRead = (key: string, outcome: { sha256: string } | { failed: true }) => void;

/** Checks every artifact of the index; failures are added in key order. */
export async function checkArtifacts(
  root: string | ReadFile,
  index: ArtifactIndex,
  entries: ReadonlyMap<string, VaultEntry>,
  failures: Failures,
  onRead?: OnRead,
): Promise<void> {
  const read = readerFor(root);
  // Reads may overlap (a zip's entries inflate asynchronously); each artifact's failures are
  // merged back in key order, so the report is the same whatever order the reads finish in.
  const found = await mapPool(index.keys(), READ_CONCURRENCY, async (key) => {
    const own = new Failures();
    await checkOne(read, key, index, entries.get(key), own, onRead);
    return own.list;
  });
  for (const list of found) for (const f of list) failures.add(f.code, f.file, f.message);
}

const MAX_NAMED = 10;

function listedBy(index: ArtifactIndex, key: string): string {
  const names = [...new Set([...index.listings(key)].map((l) => l.manifest))];
  return names.length <= MAX_NAMED ? names.join(', ') : `${names.slice(0, MAX_NAMED).join(', ')} and ${names.length - MAX_NAMED} more manifests`;
}

async function checkOne(read: ReadFile, key: string, index: ArtifactIndex, entry: VaultEntry | undefined, failures: Failures, onRead?: OnRead): Promise<void> {
  const { listing: first, uniform } = index.first(key) as { listing: Listing; uniform: boolean };
  const sha256 = index.sha256(key) as string;
  if (entry === undefined) {
    failures.add('ARTIFACT_MISSING', key, `${key}: listed by ${listedBy(index, key)} (SHA-256 ${sha256}, ${first.bytes} bytes), not found in the vault`);
    return;
  }
  if (entry.kind !== 'file') return; // reported as FILE_NOT_REGULAR by the walk
  // The size is compared before a byte is read: on the open descriptor (a folder) or the
  // declared size (a zip). Listings that disagree with each other are compared after.
  const got = await read(key, LIMITS.artifact, first.bytes);
  if (!got.ok && got.reason === 'wrong-size') {
    failures.add('ARTIFACT_HASH_MISMATCH', key, `${key}: ${first.manifest} lists ${first.bytes} bytes, found ${got.size} bytes`);
    return;
  }
  onRead?.(key, got.ok ? { sha256: got.sha256 } : { failed: true });
  if (!got.ok) {
    failures.add(got.reason === 'unreadable' ? 'VAULT_UNREADABLE' : 'ARTIFACT_MALFORMED', key, got.message);
    return;
  }
  const otherSize = uniform ? undefined : [...index.listings(key)].find((l) => l.bytes !== got.bytes.length);
  if (otherSize !== undefined) {
    failures.add('ARTIFACT_HASH_MISMATCH', key, `${key}: ${otherSize.manifest} lists ${otherSize.bytes} bytes, found ${got.bytes.length} bytes`);
    return;
  }
  if (got.sha256 !== sha256) {
    failures.add('ARTIFACT_HASH_MISMATCH', key, `${key}: listed by ${listedBy(index, key)} with SHA-256 ${sha256}, found ${got.sha256}; its content changed`);
    return;
  }
  const json = parseCanonicalJson(got.bytes);
  const checked = json.ok ? checkArtifact(json.value, json.canonical) : { ok: false as const, problems: [`not valid JSON (${json.code}): ${json.message}`] };
  if (!checked.ok) {
    failures.add('ARTIFACT_MALFORMED', key, `${key}: not a canonical artifact v1: ${checked.problems.join('; ')}`);
    return;
  }
  const { account, region } = checked.facts;
  if (uniform && first.account === account && first.region === region) return;
  for (const l of index.listings(key)) {
    if (l.account !== account || l.region !== region) {
      failures.add('ARTIFACT_MALFORMED', key, `${key}: ${l.manifest} lists it for ${l.account}/${l.region}, its request states ${account}/${region}`);
    }
  }
}
