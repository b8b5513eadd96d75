import { exitCodeFor, formatReport, reportToJson, verifyPath } from '../verify';
import type { Io } from './main';

/**
 * `evidence verify PATH`: a vault folder, a pack folder or a pack zip (detected by verifyPath).
 * Exit 0 intact, 1 integrity failure, 2 usage or unreadable input. Gaps in collection are
 * printed as gaps: they are honest records, not integrity failures.
 */
export async function runVerify(target: string, options: { publicKeyPem?: string; json: boolean }, io: Io): Promise<number> {
  const report = await verifyPath(target, { publicKeyPem: options.publicKeyPem });
  io.out(options.json ? reportToJson(report) : formatReport(report));
  return exitCodeFor(report);
}
