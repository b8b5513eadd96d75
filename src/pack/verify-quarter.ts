import { PUBLIC_KEY_KEY } from '../core/seal';
import { isEvidenceError } from '../core/errors';
import { sha256Hex } from '../core/hash';
import { MANIFEST_KEY_PATTERN, manifestKey, signatureKey, type ManifestGap, type ManifestScope, type ManifestV1 } from '../core/manifest';
import type { PackPeriod } from './model';
import type { Vault } from '../vault/vault';
import { Failures } from '../verify/codes';
import { checkLink, type ChainMember } from '../verify/chain';
import { loadPublicKey, signatureVerifies, type TrustedKey } from '../verify/keys';
import { checkManifestBytes } from '../verify/manifests';
import { LIMITS } from '../verify/reader';
import { BrokenEvidenceError } from './broken';

/**
 * Before a byte of the pack is written (docs/formats/pack-v1.md §Building): the quarter's
 * manifests and the chain anchor (the last manifest before the quarter) are checked with the
 * verifier's own pieces — signature over the exact bytes, the v1 model, canonical bytes, Merkle
 * root, key fingerprint (docs/verification.md §Steps 3-6), then placement, contiguous sequences
 * and `previous` links from the anchor to the quarter's last manifest (§Step 7). Only small facts
 * are kept per manifest; the builder re-reads each manifest by its verified SHA-256.
 */
export interface QuarterManifest {
  key: string;
  sha256: string;
  date: string;
  sequence: number;
  merkleRoot: string;
  artifacts: number;
  gaps: ManifestGap[];
  scope: ManifestScope;
}

export interface VerifiedQuarter {
  trusted: TrustedKey;
  /** The trusted key as SPKI PEM, exactly as the vault's public-key.pem holds it. */
  publicKeyPem: string;
  anchor: QuarterManifest | null;
  manifests: QuarterManifest[];
}

export async function verifyQuarter(vault: Vault, period: PackPeriod, givenPem?: string): Promise<VerifiedQuarter> {
  const failures = new Failures();
  const trusted = await trustedKey(vault, givenPem, failures);
  const keys = (await vault.list('manifests/')).filter((k) => MANIFEST_KEY_PATTERN.test(k));
  const dateOf = (k: string): string => (MANIFEST_KEY_PATTERN.exec(k) as RegExpExecArray)[1] as string;
  const inQuarter = keys.filter((k) => dateOf(k) >= period.start && dateOf(k) <= period.end);
  const anchorKey = keys.filter((k) => dateOf(k) < period.start).at(-1);

  const checked: QuarterManifest[] = [];
  const chainKeys = anchorKey === undefined ? inQuarter : [anchorKey, ...inQuarter];
  let prior: ChainMember<ManifestV1> | undefined;
  for (const [i, key] of chainKeys.entries()) {
    const member = await checkOne(vault, key, trusted, failures);
    if (member === undefined) {
      prior = undefined; // reported as malformed; the next link is not checked against it
      continue;
    }
    const m = member.manifest;
    if (i === 0 && anchorKey === undefined && m.sequence !== 0) {
      failures.add('MANIFEST_MISSING', key, `${key}: sequence ${m.sequence}, but the vault holds no manifest before ${period.start} to chain it to`);
    } else if (i === 0 && m.sequence === 0) {
      checkLink(0, member, undefined, failures);
    } else if (prior !== undefined && m.sequence !== prior.manifest.sequence + 1) {
      failures.add('MANIFEST_MISSING', key, `${key}: sequence ${m.sequence} follows ${prior.key} (sequence ${prior.manifest.sequence}); expected sequence ${prior.manifest.sequence + 1}`);
    } else if (prior !== undefined) {
      checkLink(m.sequence, member, prior, failures);
    }
    prior = member;
    checked.push({
      key, sha256: member.sha256, date: m.date, sequence: m.sequence, merkleRoot: m.merkle.root,
      artifacts: m.artifacts.length, gaps: m.gaps, scope: m.scope,
    });
  }
  if (failures.list.length > 0) throw new BrokenEvidenceError(failures.list, `${vault.url} ${period.quarter}`);
  if (trusted === null) throw new Error('unreachable: no trusted key without a failure');
  const anchor = anchorKey === undefined ? null : (checked[0] as QuarterManifest);
  return {
    trusted,
    publicKeyPem: trusted.key.export({ type: 'spki', format: 'pem' }).toString(),
    anchor,
    manifests: anchor === null ? checked : checked.slice(1),
  };
}

async function checkOne(vault: Vault, key: string, trusted: TrustedKey | null, failures: Failures): Promise<ChainMember<ManifestV1> | undefined> {
  const bytes = await vault.read(key);
  if (bytes.length > LIMITS.manifest) {
    failures.add('MANIFEST_MALFORMED', key, `${key} is ${bytes.length} bytes, larger than the ${LIMITS.manifest} bytes limit`);
    return undefined;
  }
  const sigKey = signatureKey(key);
  const sig = await readOptional(vault, sigKey);
  if (sig === undefined) failures.add('SIGNATURE_MISSING', sigKey, `${key}: expected its signature at ${sigKey}, found none`);
  else if (trusted !== null && (sig.length > LIMITS.signature || !signatureVerifies(bytes, sig, trusted.key))) {
    failures.add('SIGNATURE_INVALID', sigKey, `${sigKey}: expected a DER ECDSA P-256 signature of ${key} by key ${trusted.fingerprint}; it does not verify`);
  }
  const manifest = checkManifestBytes(key, bytes, trusted, failures);
  if (manifest === undefined) return undefined;
  const expectedKey = manifestKey(manifest.date, manifest.sequence);
  if (expectedKey !== key) {
    failures.add('MANIFEST_MISPLACED', key, `${key}: holds the manifest of ${manifest.date} sequence ${manifest.sequence}, expected at ${expectedKey}`);
  }
  return { key, sha256: sha256Hex(bytes), manifest };
}

/** docs/verification.md §Step 2: a given key wins, and the vault's key must then be the same. */
async function trustedKey(vault: Vault, givenPem: string | undefined, failures: Failures): Promise<TrustedKey | null> {
  const vaultPem = await readOptional(vault, PUBLIC_KEY_KEY);
  const own = vaultPem === undefined ? undefined : loadPublicKey(vaultPem.toString('utf8'), true);
  if (vaultPem === undefined) failures.add('PUBLIC_KEY_MISSING', PUBLIC_KEY_KEY, `${PUBLIC_KEY_KEY}: expected the signer's public key at the vault root, found none`);
  else if (own !== undefined && !own.ok) failures.add('PUBLIC_KEY_INVALID', PUBLIC_KEY_KEY, `${PUBLIC_KEY_KEY}: ${own.message}`);
  if (givenPem === undefined) return own?.ok === true ? own.value : null;
  const given = loadPublicKey(givenPem, false);
  if (!given.ok) {
    failures.add('PUBLIC_KEY_INVALID', '(given public key)', `(given public key): ${given.message}`);
    return null;
  }
  if (own?.ok === true && own.value.fingerprint !== given.value.fingerprint) {
    failures.add('PUBLIC_KEY_MISMATCH', PUBLIC_KEY_KEY, `${PUBLIC_KEY_KEY}: fingerprint ${own.value.fingerprint}, expected the given key ${given.value.fingerprint}`);
  }
  return given.value;
}

async function readOptional(vault: Vault, key: string): Promise<Buffer | undefined> {
  try {
    return await vault.read(key);
  } catch (e) {
    if (isEvidenceError(e, 'VAULT_NOT_FOUND')) return undefined;
    throw e;
  }
}
