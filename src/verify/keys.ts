import { createPublicKey, verify, type KeyObject } from 'node:crypto';
import { sha256Hex } from '../core/hash';

/**
 * Public keys and signatures (docs/formats/manifest-v1.md §Signature, vault-layout.md
 * §public-key.pem): the key is a PEM SubjectPublicKeyInfo of an ECDSA P-256 key, its
 * fingerprint the SHA-256 of the DER SPKI, and a signature is DER ECDSA over SHA-256.
 */
export interface TrustedKey {
  key: KeyObject;
  fingerprint: string;
}

// Only "BEGIN PUBLIC KEY": createPublicKey would also derive a public key from a private key
// or a certificate, and neither belongs in a vault or in the auditor's hands as "the key".
const SPKI_PEM = /^-----BEGIN PUBLIC KEY-----\r?\n[A-Za-z0-9+/=\r\n]+-----END PUBLIC KEY-----\s*$/;

/**
 * `exact`: the text must be byte for byte the PEM that the signer exports (64-column base64,
 * LF line ends), as vault-layout.md §public-key.pem fixes it, so that no byte of a vault can
 * change without failing verification. A key given by the auditor is read leniently.
 */
export function loadPublicKey(pem: string, exact: boolean): { ok: true; value: TrustedKey } | { ok: false; message: string } {
  if (!SPKI_PEM.test(pem)) return { ok: false, message: 'expected a PEM "BEGIN PUBLIC KEY" (SubjectPublicKeyInfo) block and nothing else' };
  let key: KeyObject;
  try {
    key = createPublicKey({ key: pem, format: 'pem' });
  } catch {
    return { ok: false, message: 'the PEM block does not hold a readable SubjectPublicKeyInfo' };
  }
  const curve = key.asymmetricKeyDetails?.namedCurve;
  if (key.asymmetricKeyType !== 'ec' || curve !== 'prime256v1') {
    return { ok: false, message: `expected an ECDSA P-256 key, found ${key.asymmetricKeyType ?? 'unknown'}${curve === undefined ? '' : ` on ${curve}`}` };
  }
  const der = key.export({ type: 'spki', format: 'der' });
  if (exact && key.export({ type: 'spki', format: 'pem' }).toString() !== pem) {
    return { ok: false, message: 'expected the exact PEM encoding of its key (64-column base64, LF line ends, one final LF)' };
  }
  return { ok: true, value: { key, fingerprint: sha256Hex(der) } };
}

/** True only for a well-formed DER signature that verifies; malformed DER is simply invalid. */
export function signatureVerifies(message: Buffer, signature: Buffer, key: KeyObject): boolean {
  try {
    return verify('sha256', message, { key, dsaEncoding: 'der' }, signature);
  } catch {
    return false;
  }
}
