import type { Command } from 'commander';
import { parseQuarter } from '../pack/quarter';
import { parseInstant, parseRole, requireText } from '../workflow/inputs';
import { prepareReview } from '../workflow/prepare-records';
import type { Io } from './main';
import { recordWith, sealedLines, withRecordVault, type RecordVaultOptions } from './record-vault';

/** `evidence review sign` (docs/cli.md §evidence review sign): the compliance lead's quarterly review. */
interface ReviewOptions extends RecordVaultOptions {
  quarter: string;
  reviewer: string;
  statement: string;
  signedAt?: string;
}

export function registerReview(program: Command, io: Io): void {
  const review = program.command('review').description('quarterly review of the leak-reporting mechanisms');
  withRecordVault(
    review
      .command('sign')
      .description("seal the compliance lead's signed review of a quarter")
      .requiredOption('--quarter <YYYY-QN>', 'the quarter reviewed, e.g. 2026-Q4')
      .requiredOption('--reviewer <role>', 'reviewing role, e.g. compliance-lead')
      .requiredOption('--statement <text>', 'what was reviewed and concluded')
      .option('--signed-at <time>', 'when it was signed, ISO 8601 with a zone (default: now)'),
  ).action(async (o: ReviewOptions) => {
    const now = new Date();
    const period = parseQuarter(o.quarter);
    const reviewer = parseRole(o.reviewer, '--reviewer');
    const statement = requireText(o.statement, '--statement');
    const signedAt = o.signedAt === undefined ? undefined : parseInstant(o.signedAt, '--signed-at');
    const result = await recordWith(o, now, () => [prepareReview({ quarter: period.quarter, quarterStart: period.start, reviewer, statement, signedAt }, now)]);
    sealedLines(io, `Review of ${period.quarter} signed by ${reviewer}`, result, o.vault);
  });
}
