/**
 * Manifest signing: ECDSA P-256 over SHA-256, DER-encoded, so that
 * `openssl dgst -sha256 -verify public-key.pem -signature M.sig M` checks it
 * (docs/formats/manifest-v1.md §Signature).
 */
export interface Signer {
  /** SubjectPublicKeyInfo, PEM ("-----BEGIN PUBLIC KEY-----"). */
  publicKeyPem(): Promise<string>;
  /** DER ECDSA signature over SHA-256(message). */
  sign(message: Buffer): Promise<Buffer>;
}
