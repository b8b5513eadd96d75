import { createPublicKey, type KeyObject } from 'node:crypto';
import { sha256Hex } from '../core/hash';

/**
 * The key fingerprint we publish: SHA-256 of the DER SubjectPublicKeyInfo, lowercase hex.
 * An auditor recomputes it with
 *   openssl pkey -pubin -in public-key.pem -outform DER | sha256sum
 */
export function publicKeyFingerprint(pem: string | KeyObject): string {
  const key = typeof pem === 'string' ? createPublicKey(pem) : pem;
  return sha256Hex(key.export({ type: 'spki', format: 'der' }));
}

/** Re-encodes any accepted public key form as SPKI PEM (what the vault exports). */
export function spkiPem(der: Uint8Array): string {
  return createPublicKey({ key: Buffer.from(der), format: 'der', type: 'spki' })
    .export({ type: 'spki', format: 'pem' })
    .toString();
}
