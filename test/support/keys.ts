import { createPrivateKey, sign } from 'node:crypto';

/**
 * TEST-ONLY P-256 key pairs. These private keys are public (they are in this repository):
 * they sign the golden vault and the tamper tests' re-signed manifests, and must never
 * sign real evidence. Signing mirrors the product (docs/formats/manifest-v1.md §Signature):
 * ECDSA P-256 over SHA-256, DER signature.
 */
export interface TestKeyPair {
  readonly label: string;
  readonly privateKeyPem: string;
  readonly publicKeyPem: string;
}

export const TEST_KEY: TestKeyPair = {
  label: 'evidence-vault TEST-ONLY key A (never for real evidence)',
  privateKeyPem: `-----BEGIN PRIVATE KEY-----
MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQgw7WH4Ir7JLoe8Ire
eNzdFwrMl4AW+IqxmOGtaS+kgUChRANCAATKpulvs/vC3KkldCSUMSah10Ow2Ny0
96fLX8F4TRg7f1ou82GvkhMCnV7LZStrk+1u5RBIn6xUyiWzuvN5Cqq9
-----END PRIVATE KEY-----
`,
  publicKeyPem: `-----BEGIN PUBLIC KEY-----
MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAEyqbpb7P7wtypJXQklDEmoddDsNjc
tPeny1/BeE0YO39aLvNhr5ITAp1ey2Ura5PtbuUQSJ+sVMols7rzeQqqvQ==
-----END PUBLIC KEY-----
`,
};

/** A second, different TEST-ONLY key: "the auditor was given another key". */
export const OTHER_TEST_KEY: TestKeyPair = {
  label: 'evidence-vault TEST-ONLY key B (never for real evidence)',
  privateKeyPem: `-----BEGIN PRIVATE KEY-----
MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQgeV1sPgsz5BIAxSoP
fFfYcEBaFw+ZtvEs4VGjsJgE+V2hRANCAAQJOVY6K7xGmvXudIXxpRwnY8ZboQSM
4MpPim5Wc9n51v3cfvakCvP0RTLXi5hj4pVL36rCAUwf1DIngkRzAxfj
-----END PRIVATE KEY-----
`,
  publicKeyPem: `-----BEGIN PUBLIC KEY-----
MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAECTlWOiu8Rpr17nSF8aUcJ2PGW6EE
jODKT4puVnPZ+db93H72pArz9EUy14uYY+KVS9+qwgFMH9QyJ4JEcwMX4w==
-----END PUBLIC KEY-----
`,
};

/** Signs like the product's signers: DER ECDSA signature over SHA-256(message). */
export function signLikeProduct(message: Uint8Array, key: TestKeyPair = TEST_KEY): Buffer {
  return sign('sha256', message, { key: createPrivateKey(key.privateKeyPem), dsaEncoding: 'der' });
}
