import { EvidenceError } from '../core/errors';

/** The CLI's exit codes (docs/cli.md). They are part of the contract: scripts depend on them. */
export const EXIT = {
  OK: 0,
  /** `verify`, `pack`: the evidence is not intact (each failure is printed with its code and file). */
  INTEGRITY_FAILURE: 1,
  /** Bad arguments, an unreadable or invalid input file or configuration. */
  USAGE: 2,
  /** The vault, AWS or the signing key refused or could not be reached; nothing half-written. */
  VAULT_OR_AWS: 3,
  /** A bug: please report it with the message. */
  INTERNAL: 4,
  /** `drill`: the drill ran and was sealed, and the chain did not deliver (a failed control). */
  DRILL_FAILED: 5,
} as const;

export function exitCodeFor(e: unknown): number {
  if (!(e instanceof EvidenceError)) return EXIT.INTERNAL;
  switch (e.code) {
    case 'USAGE':
    case 'INPUT_UNREADABLE':
    case 'CONFIG_INVALID':
      return EXIT.USAGE;
    case 'EVIDENCE_BROKEN':
      return EXIT.INTEGRITY_FAILURE;
    case 'INTERNAL':
      return EXIT.INTERNAL;
    default:
      return EXIT.VAULT_OR_AWS;
  }
}
