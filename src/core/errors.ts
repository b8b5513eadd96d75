/**
 * One error class for everything the product refuses, with a stable string code.
 * The CLI maps codes to documented exit codes (docs/cli.md); messages say what was
 * expected and what was found, and name the file or field concerned.
 */
export type UsageErrorCode =
  | 'USAGE'
  | 'INPUT_UNREADABLE'
  | 'CONFIG_INVALID';

export type VaultErrorCode =
  | 'VAULT_OBJECT_EXISTS'
  | 'VAULT_DELETE_REFUSED'
  | 'VAULT_READ_MISMATCH'
  | 'VAULT_NOT_FOUND'
  | 'VAULT_UNAVAILABLE'
  | 'VAULT_LOCKED'
  | 'CHAIN_CONFLICT';

/** Sealed evidence failed verification (the pack builder refuses it, naming each failure). */
export type IntegrityErrorCode = 'EVIDENCE_BROKEN';

export type EvidenceErrorCode = UsageErrorCode | VaultErrorCode | IntegrityErrorCode | 'SIGNING_FAILED' | 'SIGNING_KEY_CHANGED' | 'AWS_UNAVAILABLE' | 'INTERNAL';

export class EvidenceError extends Error {
  override readonly name = 'EvidenceError';
  constructor(
    readonly code: EvidenceErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

export function isEvidenceError(e: unknown, code?: EvidenceErrorCode): e is EvidenceError {
  return e instanceof EvidenceError && (code === undefined || e.code === code);
}

/** A short description of any thrown value, for messages (never a stack trace). */
export function describeError(e: unknown): string {
  if (e instanceof Error) return e.message;
  return String(e);
}
