import { EvidenceError } from './errors';
import { sha256Hex } from './hash';
import {
  MANIFEST_KEY_PATTERN,
  buildManifest,
  encodeManifest,
  signatureKey,
  type ManifestArtifactEntry,
  type ManifestGap,
  type ManifestScope,
} from './manifest';
import type { Vault } from '../vault/vault';
import type { Signer } from '../signing/signer';
import { publicKeyFingerprint } from '../signing/public-key';

export const PUBLIC_KEY_KEY = 'public-key.pem';

export interface DayEvidence {
  date: string;
  scope: ManifestScope;
  /** Entries of artifacts already stored in the vault (collectors store as they go). */
  artifacts: ManifestArtifactEntry[];
  gaps: ManifestGap[];
}

export interface SealResult {
  key: string;
  sha256: string;
  sequence: number;
  artifacts: number;
  gaps: number;
}

export interface ChainHead {
  key: string;
  sha256: string;
  sequence: number;
  date: string;
}

/**
 * Seals one day (docs/formats/manifest-v1.md): append a manifest of the day's artifacts (already
 * stored, content-addressed) chained to the current head, and its signature. Nothing is
 * rewritten: a second run on the same day appends a new manifest.
 */
export async function sealDay(vault: Vault, signer: Signer, day: DayEvidence, sealedAt: Date): Promise<SealResult> {
  const fingerprint = await ensurePublicKey(vault, signer);
  const head = await findHead(vault);
  if (head && head.date > day.date) {
    throw new EvidenceError('CHAIN_CONFLICT', `${vault.url}: cannot seal ${day.date}: the chain already reaches ${head.date} (${head.key}); days are sealed in order`);
  }
  if (head) await healSignature(vault, signer, head);
  const manifest = buildManifest(
    {
      date: day.date,
      sealedAt: sealedAt.toISOString(),
      scope: day.scope,
      artifacts: day.artifacts,
      gaps: day.gaps,
    },
    head ? { link: { key: head.key, sha256: head.sha256 }, sequence: head.sequence } : null,
    fingerprint,
  );
  const encoded = encodeManifest(manifest);
  const signature = await signer.sign(encoded.bytes);
  try {
    await vault.putNew(encoded.key, encoded.bytes);
  } catch (e) {
    if (e instanceof EvidenceError && e.code === 'VAULT_OBJECT_EXISTS') {
      throw new EvidenceError('CHAIN_CONFLICT', `${vault.url}: another run sealed ${encoded.key} at the same time; run again to append after it`, { cause: e });
    }
    throw e;
  }
  await vault.putNew(signatureKey(encoded.key), signature);
  return {
    key: encoded.key,
    sha256: encoded.sha256,
    sequence: manifest.sequence,
    artifacts: manifest.artifacts.length,
    gaps: manifest.gaps.length,
  };
}

/** The last manifest of the chain: keys sort by date, then sequence (manifestKey). */
export async function findHead(vault: Vault): Promise<ChainHead | null> {
  const keys = (await vault.list('manifests/')).filter((k) => MANIFEST_KEY_PATTERN.test(k));
  const key = keys.at(-1);
  if (key === undefined) return null;
  const match = MANIFEST_KEY_PATTERN.exec(key) as RegExpExecArray;
  const bytes = await vault.read(key);
  return { key, sha256: sha256Hex(bytes), sequence: Number(match[2]), date: match[1] as string };
}

/** The vault holds one signing key; a different signer is refused, never mixed in. */
async function ensurePublicKey(vault: Vault, signer: Signer): Promise<string> {
  const pem = await signer.publicKeyPem();
  const fingerprint = publicKeyFingerprint(pem);
  if (await vault.exists(PUBLIC_KEY_KEY)) {
    const existing = publicKeyFingerprint((await vault.read(PUBLIC_KEY_KEY)).toString('utf8'));
    if (existing !== fingerprint) {
      throw new EvidenceError('SIGNING_KEY_CHANGED', `${vault.url}: this vault is signed by key ${existing}, but the signer's key is ${fingerprint}`);
    }
    return fingerprint;
  }
  await vault.putContent(PUBLIC_KEY_KEY, Buffer.from(pem, 'utf8'), sha256Hex(pem));
  return fingerprint;
}

/** A run that stopped between the manifest and its signature is completed by the next one. */
async function healSignature(vault: Vault, signer: Signer, head: ChainHead): Promise<void> {
  const sigKey = signatureKey(head.key);
  if (await vault.exists(sigKey)) return;
  const bytes = await vault.readVerified(head.key, head.sha256);
  await vault.putNew(sigKey, await signer.sign(bytes));
}
