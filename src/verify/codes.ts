/**
 * Every way a vault can fail verification (docs/verification.md §Error codes). The codes are
 * part of the product's contract: a code is never renamed or reused for another meaning.
 * `exit` is the CLI exit status the code leads to: 1 integrity failure, 2 unreadable input.
 */
export const VERIFY_CODES = {
  VAULT_EMPTY: { exit: 1, meaning: 'the vault holds no manifest at all' },
  VAULT_UNREADABLE: { exit: 2, meaning: 'the vault directory, or a file in it, could not be read' },
  FILE_NOT_REGULAR: { exit: 1, meaning: 'a symlink, device, FIFO or socket inside the vault (never followed or read)' },
  UNLISTED_FILE: { exit: 1, meaning: 'a file that no manifest lists and the layout does not name (includes an orphan .sig)' },
  ARTIFACT_MISSING: { exit: 1, meaning: 'a manifest lists an artifact that is not in the vault' },
  ARTIFACT_HASH_MISMATCH: { exit: 1, meaning: "an artifact's SHA-256 or size differs from what its manifest lists" },
  ARTIFACT_MALFORMED: { exit: 1, meaning: 'an artifact is not canonical artifact v1 JSON, is too large, or contradicts its manifest entry' },
  MANIFEST_MALFORMED: { exit: 1, meaning: 'a manifest is not canonical manifest v1 JSON (bad bytes, hostile JSON, schema, too large)' },
  MANIFEST_MISPLACED: { exit: 1, meaning: "a manifest's key does not match its own date and sequence (e.g. manifests reordered)" },
  MANIFEST_DUPLICATE: { exit: 1, meaning: 'two manifests claim the same sequence, or the same manifest is stored under two keys' },
  MANIFEST_MISSING: { exit: 1, meaning: 'a sequence number is absent from the chain, or `previous` names a manifest that is not there' },
  CHAIN_BROKEN: { exit: 1, meaning: '`previous` does not match the prior manifest, is set on sequence 0, or dates go backwards' },
  MERKLE_ROOT_MISMATCH: { exit: 1, meaning: "a manifest's Merkle root or leaf count does not match its artifact list" },
  SIGNATURE_MISSING: { exit: 1, meaning: 'a manifest has no sibling .sig file' },
  SIGNATURE_INVALID: { exit: 1, meaning: "a manifest's signature does not verify with the trusted public key" },
  PUBLIC_KEY_MISSING: { exit: 1, meaning: 'the vault has no public-key.pem' },
  PUBLIC_KEY_INVALID: { exit: 1, meaning: 'a public key is not an ECDSA P-256 SPKI PEM (public-key.pem: not exactly as exported); exit 2 for the given key' },
  PUBLIC_KEY_MISMATCH: { exit: 1, meaning: "the vault's key or a manifest's publicKeySha256 differs from the trusted key" },
  // Evidence packs (docs/verification.md §Verifying a pack, docs/formats/pack-v1.md).
  SUMS_MISSING: { exit: 1, meaning: 'the pack has no SHA256SUMS' },
  SUMS_MALFORMED: { exit: 1, meaning: 'SHA256SUMS is not sorted coreutils format (`<64 hex>  <path>`), lists a path twice, or a path escaping the pack' },
  SUMS_MISMATCH: { exit: 1, meaning: "a file's SHA-256 differs from the one SHA256SUMS lists (e.g. report.pdf swapped)" },
  SUMS_INCOMPLETE: { exit: 1, meaning: 'a file of the pack is not listed in SHA256SUMS, or a listed file is absent' },
  SUMS_SIGNATURE_MISSING: { exit: 1, meaning: 'the pack has no SHA256SUMS.sig' },
  SUMS_SIGNATURE_INVALID: { exit: 1, meaning: 'SHA256SUMS.sig does not verify over SHA256SUMS with the trusted public key' },
  PACK_SIGNATURE_MISSING: { exit: 1, meaning: 'the pack has no pack.json.sig' },
  PACK_SIGNATURE_INVALID: { exit: 1, meaning: 'pack.json.sig does not verify over pack.json with the trusted public key' },
  PACK_JSON_MALFORMED: { exit: 1, meaning: 'pack.json is missing, too large, not valid JSON (hostile JSON rules) or not pack v1' },
  PACK_INCONSISTENT: { exit: 1, meaning: 'pack.json disagrees with the sealed evidence in the pack (chain, days, verdicts, missing days, gaps, period)' },
  ZIP_MALFORMED: { exit: 1, meaning: 'the pack zip cannot be read as a zip, or an entry does not inflate to its declared size and CRC (zip bomb)' },
  ZIP_UNSAFE_ENTRY: { exit: 1, meaning: 'a zip entry is absolute, has a `..` segment, a backslash or a drive letter, is a symlink, lies outside the single top folder, or is duplicated' },
} as const satisfies Record<string, { exit: 1 | 2; meaning: string }>;

export type VerifyCode = keyof typeof VERIFY_CODES;

/** `file` is a vault key (posix path relative to the vault root), or GIVEN_KEY for the option. */
export interface VerifyFailure {
  code: VerifyCode;
  file: string;
  message: string;
}

export const GIVEN_KEY = '(given public key)';

export interface ReportedGap {
  date: string;
  manifest: string;
  collector: string;
  account: string;
  region: string;
  operation: string;
  errorCode: string;
  message: string;
}

export interface VerifyReport {
  ok: boolean;
  /** Set by verifyPack (and by the CLI for a vault); absent in reports made before packs existed. */
  kind?: 'vault' | 'pack';
  /** A pack's quarter as its pack.json states it (null when pack.json is unusable). */
  quarter?: string | null;
  path: string;
  /** The key signatures were checked against; null when no usable key was found. */
  publicKey: { fingerprint: string; source: 'given' | 'vault' } | null;
  manifests: number;
  artifacts: number;
  days: string[];
  head: { key: string; sha256: string; sequence: number; date: string } | null;
  gaps: ReportedGap[];
  failures: VerifyFailure[];
}

/** Collects failures in the order they are found. */
export class Failures {
  readonly list: VerifyFailure[] = [];
  add(code: VerifyCode, file: string, message: string): void {
    this.list.push({ code, file, message });
  }
}
