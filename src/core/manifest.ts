import { CANONICALIZATION, canonicalBytes, type JsonValue } from './canonical';
import { HASH_ALGORITHM, sha256Hex } from './hash';
import { MERKLE_ALGORITHM, merkleRoot } from './merkle';

/** Daily manifest v1 (docs/formats/manifest-v1.md). */
export const MANIFEST_SCHEMA = 'evidence-vault/manifest/v1';
export const SIGNATURE_ALGORITHM = 'ECDSA_P256_SHA256';

export interface ManifestArtifactEntry {
  key: string;
  sha256: string;
  bytes: number;
  collector: string;
  account: string;
  region: string;
  observedAt: string;
}

export interface ManifestGap {
  collector: string;
  account: string;
  region: string;
  operation: string;
  errorCode: string;
  message: string;
}

export interface ManifestScope {
  organization: string;
  mode: 'single-account' | 'organization' | 'sample';
  accounts: string[];
  regions: string[];
  collectors: string[];
}

export interface ChainLink {
  key: string;
  sha256: string;
}

export interface ManifestV1 {
  schema: typeof MANIFEST_SCHEMA;
  canonicalization: typeof CANONICALIZATION;
  hashAlgorithm: typeof HASH_ALGORITHM;
  /** The day of evidence, YYYY-MM-DD (UTC). */
  date: string;
  /** Position in the chain: 0 for the first manifest ever, then +1 each. */
  sequence: number;
  sealedAt: string;
  scope: ManifestScope;
  artifacts: ManifestArtifactEntry[];
  gaps: ManifestGap[];
  merkle: { algorithm: typeof MERKLE_ALGORITHM; leafCount: number; root: string };
  previous: ChainLink | null;
  signature: { algorithm: typeof SIGNATURE_ALGORITHM; publicKeySha256: string };
}

export interface ManifestDraft {
  date: string;
  sealedAt: string;
  scope: ManifestScope;
  artifacts: ManifestArtifactEntry[];
  gaps: ManifestGap[];
}

/** Manifests sort by key in chain order within a day and by day across days. */
export function manifestKey(date: string, sequence: number): string {
  return `manifests/${date}/${String(sequence).padStart(8, '0')}.json`;
}

export function signatureKey(manifestKeyValue: string): string {
  return `${manifestKeyValue}.sig`;
}

export const MANIFEST_KEY_PATTERN = /^manifests\/(\d{4}-\d{2}-\d{2})\/(\d{8})\.json$/;

const byArtifactOrder = (a: ManifestArtifactEntry, b: ManifestArtifactEntry): number =>
  a.key < b.key ? -1 : a.key > b.key ? 1 : 0;

const byGapOrder = (a: ManifestGap, b: ManifestGap): number => {
  const ka = `${a.collector}\u0000${a.account}\u0000${a.region}\u0000${a.operation}`;
  const kb = `${b.collector}\u0000${b.account}\u0000${b.region}\u0000${b.operation}`;
  return ka < kb ? -1 : ka > kb ? 1 : 0;
};

/**
 * Builds the next manifest of the chain. Artifacts are de-duplicated by key and sorted,
 * so the Merkle root depends only on the set of artifacts sealed that day.
 */
export function buildManifest(
  draft: ManifestDraft,
  previous: { link: ChainLink; sequence: number } | null,
  publicKeySha256: string,
): ManifestV1 {
  const unique = new Map<string, ManifestArtifactEntry>();
  for (const a of draft.artifacts) if (!unique.has(a.key)) unique.set(a.key, a);
  const artifacts = [...unique.values()].sort(byArtifactOrder);
  return {
    schema: MANIFEST_SCHEMA,
    canonicalization: CANONICALIZATION,
    hashAlgorithm: HASH_ALGORITHM,
    date: draft.date,
    sequence: previous === null ? 0 : previous.sequence + 1,
    sealedAt: draft.sealedAt,
    scope: draft.scope,
    artifacts,
    gaps: [...draft.gaps].sort(byGapOrder),
    merkle: {
      algorithm: MERKLE_ALGORITHM,
      leafCount: artifacts.length,
      root: merkleRoot(artifacts.map((a) => a.sha256)),
    },
    previous: previous === null ? null : previous.link,
    signature: { algorithm: SIGNATURE_ALGORITHM, publicKeySha256 },
  };
}

export function encodeManifest(manifest: ManifestV1): { key: string; sha256: string; bytes: Buffer } {
  const bytes = canonicalBytes(manifest as unknown as JsonValue);
  return { key: manifestKey(manifest.date, manifest.sequence), sha256: sha256Hex(bytes), bytes };
}
