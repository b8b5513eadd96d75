import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { Failures, type VerifyReport } from './codes';
import { verifyPack, type PackVerifyOptions } from './verify-pack';
import { verifyVault } from './verify-vault';

/**
 * `evidence verify PATH` (docs/verification.md): a file is a pack zip; a folder holding pack.json
 * or SHA256SUMS is a pack folder; any other folder is a vault.
 */
export async function verifyPath(target: string, options: PackVerifyOptions = {}): Promise<VerifyReport> {
  let st: import('node:fs').Stats;
  try {
    st = await fs.stat(target);
  } catch (e) {
    const failures = new Failures();
    failures.add('VAULT_UNREADABLE', '.', `${target}: expected a vault folder, a pack folder or a pack zip (${(e as NodeJS.ErrnoException).code ?? 'error'})`);
    return { ok: false, path: target, publicKey: null, manifests: 0, artifacts: 0, days: [], head: null, gaps: [], failures: failures.list };
  }
  if (!st.isDirectory()) return verifyPack(target, options);
  const isPack = await Promise.all(['pack.json', 'SHA256SUMS'].map((f) => fs.lstat(path.join(target, f)).then(() => true, () => false)));
  if (isPack.some(Boolean)) return verifyPack(target, options);
  return { ...(await verifyVault(target, options)), kind: 'vault' };
}
