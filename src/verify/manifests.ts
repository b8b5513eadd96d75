import { MANIFEST_KEY_PATTERN, signatureKey, type ManifestV1 } from '../core/manifest';
import { merkleRoot } from '../core/merkle';
import { parseCanonicalJson } from '../core/canonical-parse';
import { RESULTS_COLLECTOR, RESULTS_SCOPE } from '../evaluate/results-artifact';
import type { OnRead } from './artifacts';
import type { Failures } from './codes';
import type { MerkleChecks } from './merkle-worker';
import type { TrustedKey } from './keys';
import { signatureVerifies } from './keys';
import { parseManifestModel } from './manifest-model';
import { LIMITS, readerFor, type ReadFile, type VaultEntry } from './reader';
import { WORKFLOW_COLLECTOR } from '../workflow/records';

/**
 * Reads one manifest file and checks what it can check alone (docs/verification.md §Steps 3-6):
 * signature over the exact bytes, hostile-JSON parse, the v1 model, canonical bytes, the Merkle
 * root and the key fingerprint. Chain and placement need all manifests: see chain.ts.
 */
export interface LoadedManifest {
  /** Where the file is. */
  key: string;
  /** Sequence the key states (`manifests/<date>/<sequence>.json`). */
  keySequence: number;
  /** Set when the file was read; with `manifest` when it is well-formed manifest v1. */
  sha256?: string;
  manifest?: ManifestHead;
}

/**
 * A well-formed manifest without its artifact list, which can be a day's ten thousand entries:
 * the verifier keeps this per manifest and hands each full list to `onManifest` as it goes.
 */
export interface ManifestHead extends Omit<ManifestV1, 'artifacts'> {
  artifactCount: number;
  /** Its control-results entry (collector `evaluation`, scope `*`: control-results-v1.md), if any. */
  results: { key: string; sha256: string } | null;
  /** Its workflow records' entries (collector `workflow`: workflow-records-v1.md), a handful at most. */
  workflow: { key: string; sha256: string }[];
}

export function manifestHead(m: ManifestV1): ManifestHead {
  const { artifacts, ...rest } = m;
  const e = artifacts.find((a) => a.collector === RESULTS_COLLECTOR && a.account === RESULTS_SCOPE && a.region === RESULTS_SCOPE);
  const workflow = artifacts.filter((a) => a.collector === WORKFLOW_COLLECTOR).map((a) => ({ key: a.key, sha256: a.sha256 }));
  return { ...rest, artifactCount: artifacts.length, results: e === undefined ? null : { key: e.key, sha256: e.sha256 }, workflow };
}

export async function loadManifest(
  root: string | ReadFile,
  entry: VaultEntry,
  entries: ReadonlyMap<string, VaultEntry>,
  trusted: TrustedKey | null,
  failures: Failures,
  onManifest?: (key: string, manifest: ManifestV1) => void,
  onRead?: OnRead,
  merkle?: MerkleChecks,
): Promise<LoadedManifest> {
  const key = entry.key;
  const loaded: LoadedManifest = { key, keySequence: Number(MANIFEST_KEY_PATTERN.exec(key)?.[2] ?? NaN) };
  const read = await readerFor(root)(key, LIMITS.manifest);
  onRead?.(key, read.ok ? { sha256: read.sha256 } : { failed: true });
  if (!read.ok) {
    failures.add(read.reason === 'unreadable' ? 'VAULT_UNREADABLE' : 'MANIFEST_MALFORMED', key, read.message);
    return loaded;
  }
  loaded.sha256 = read.sha256;
  await checkSignature(root, key, read.bytes, entries, trusted, failures, onRead);

  const manifest = checkManifestBytes(key, read.bytes, trusted, failures, merkle);
  if (manifest !== undefined) {
    onManifest?.(key, manifest);
    loaded.manifest = manifestHead(manifest);
  }
  return loaded;
}

/**
 * The checks of one manifest's bytes that need no file system (§Steps 4-6): hostile-JSON parse,
 * the v1 model, canonical bytes, the Merkle root and the key fingerprint. Answers the manifest
 * when it is well-formed v1 (a Merkle or fingerprint failure is recorded, the model still returned).
 * The pack builder runs the same checks on manifests read from any store.
 */
export function checkManifestBytes(key: string, bytes: Buffer, trusted: TrustedKey | null, failures: Failures, merkle?: MerkleChecks): ManifestV1 | undefined {
  const json = parseCanonicalJson(bytes);
  if (!json.ok) {
    failures.add('MANIFEST_MALFORMED', key, `${key}: not valid JSON (${json.code}): ${json.message}`);
    return undefined;
  }
  const model = parseManifestModel(json.value);
  if (!model.ok) {
    failures.add('MANIFEST_MALFORMED', key, `${key}: not manifest v1: ${model.problems.join('; ')}`);
    return undefined;
  }
  // §Canonical form: the manifest's hash (which the next manifest chains to) is of these bytes.
  if (!json.canonical) {
    failures.add('MANIFEST_MALFORMED', key, `${key}: bytes are not the RFC 8785 canonical form of their content`);
    return undefined;
  }
  const m = model.manifest;

  // §Merkle root: RFC 6962 over the listed artifact hashes, in listed order (on a second thread
  // when one is given: its mismatches are reported when it finishes).
  if (merkle !== undefined) {
    merkle.check(key, m);
  } else {
    const root6962 = merkleRoot(m.artifacts.map((a) => a.sha256));
    if (m.merkle.leafCount !== m.artifacts.length || m.merkle.root !== root6962) {
      failures.add(
        'MERKLE_ROOT_MISMATCH',
        key,
        `${key}: expected leafCount ${m.artifacts.length} and root ${root6962} from its artifact list, found leafCount ${m.merkle.leafCount} and root ${m.merkle.root}`,
      );
    }
  }
  if (trusted !== null && m.signature.publicKeySha256 !== trusted.fingerprint) {
    failures.add(
      'PUBLIC_KEY_MISMATCH',
      key,
      `${key}: signature.publicKeySha256 is ${m.signature.publicKeySha256}, expected the trusted key ${trusted.fingerprint}`,
    );
  }
  return m;
}

async function checkSignature(
  root: string | ReadFile,
  key: string,
  bytes: Buffer,
  entries: ReadonlyMap<string, VaultEntry>,
  trusted: TrustedKey | null,
  failures: Failures,
  onRead?: OnRead,
): Promise<void> {
  const sigKey = signatureKey(key);
  const sigEntry = entries.get(sigKey);
  if (sigEntry === undefined) {
    failures.add('SIGNATURE_MISSING', sigKey, `${key}: expected its signature at ${sigKey}, found none`);
    return;
  }
  if (sigEntry.kind !== 'file') return; // reported as FILE_NOT_REGULAR by the walk
  const sig = await readerFor(root)(sigKey, LIMITS.signature);
  onRead?.(sigKey, sig.ok ? { sha256: sig.sha256 } : { failed: true });
  if (!sig.ok) {
    failures.add(sig.reason === 'unreadable' ? 'VAULT_UNREADABLE' : 'SIGNATURE_INVALID', sigKey, sig.message);
    return;
  }
  if (trusted === null) return; // no usable key: reported as PUBLIC_KEY_MISSING / PUBLIC_KEY_INVALID
  if (!signatureVerifies(bytes, sig.bytes, trusted.key)) {
    failures.add(
      'SIGNATURE_INVALID',
      sigKey,
      `${sigKey}: expected a DER ECDSA P-256 signature of ${key} by key ${trusted.fingerprint}; it does not verify`,
    );
  }
}
