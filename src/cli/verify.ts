import { VERIFY_CODES, formatReport, verifyVault } from '../verify';
import { EXIT } from './exit-codes';
import type { Io } from './main';

/**
 * `evidence verify PATH`: exit 0 intact, 1 integrity failure, 2 usage or unreadable input.
 * Gaps in collection are printed as gaps: they are honest records, not integrity failures.
 */
export async function runVerify(target: string, options: { publicKeyPem?: string; json: boolean }, io: Io): Promise<number> {
  const report = await verifyVault(target, { publicKeyPem: options.publicKeyPem });
  io.out(options.json ? JSON.stringify(report, null, 2) : formatReport(report));
  if (report.ok) return EXIT.OK;
  return report.failures.some((f) => VERIFY_CODES[f.code].exit === 2) ? EXIT.USAGE : EXIT.INTEGRITY_FAILURE;
}
