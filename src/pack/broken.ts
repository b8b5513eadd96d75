import { EvidenceError } from '../core/errors';
import type { VerifyFailure } from '../verify';

/**
 * The builder's refusal (docs/formats/pack-v1.md §Building): evidence that fails verification is
 * never packed. The error names every failure with the verifier's own code and file, so the
 * message reads like `evidence verify` output (docs/verification.md §Error codes). `evidence
 * download` refuses a pack zip with the same error, saying what it did not keep instead.
 */
export class BrokenEvidenceError extends EvidenceError {
  constructor(
    readonly failures: readonly VerifyFailure[],
    context: string,
    outcome = 'no pack was built',
  ) {
    const lines = failures.map((f) => `  ${f.code} ${f.file}: ${f.message}`);
    super('EVIDENCE_BROKEN', `${context}: the evidence is not intact, ${outcome} (${failures.length} failure${failures.length === 1 ? '' : 's'}):\n${lines.join('\n')}`);
  }
}
