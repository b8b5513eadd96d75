import type { Failures, VerifyCode } from './codes';
import { signatureVerifies, type TrustedKey } from './keys';
import type { PackSource } from './pack-source';
import { LIMITS } from './reader';

/**
 * A pack's detached signatures (pack-v1.md §Signatures): pack.json.sig over pack.json and
 * SHA256SUMS.sig over SHA256SUMS, DER ECDSA P-256 over SHA-256, by the key of the manifests.
 */
export async function checkDetachedSignature(
  source: PackSource,
  signed: Buffer,
  sigKey: string,
  trusted: TrustedKey | null,
  failures: Failures,
  codes: { missing: VerifyCode; invalid: VerifyCode },
): Promise<void> {
  const signedKey = sigKey.slice(0, -'.sig'.length);
  if (!source.entries.some((e) => e.key === sigKey && e.kind === 'file')) {
    if (!source.entries.some((e) => e.key === sigKey)) failures.add(codes.missing, sigKey, `${signedKey}: expected its signature at ${sigKey}, found none`);
    return;
  }
  const sig = await source.read(sigKey, LIMITS.signature);
  if (!sig.ok) {
    failures.add(sig.reason === 'unreadable' ? 'VAULT_UNREADABLE' : codes.invalid, sigKey, sig.message);
    return;
  }
  if (trusted === null) return; // no usable key: reported as PUBLIC_KEY_MISSING / PUBLIC_KEY_INVALID
  if (!signatureVerifies(signed, sig.bytes, trusted.key)) {
    failures.add(codes.invalid, sigKey, `${sigKey}: expected a DER ECDSA P-256 signature of ${signedKey} by key ${trusted.fingerprint}; it does not verify`);
  }
}
