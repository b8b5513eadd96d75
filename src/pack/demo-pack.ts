import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import type { Signer } from '../signing/signer';
import type { Vault } from '../vault/vault';
import { verifyPack } from '../verify/verify-pack';
import { buildPack, type BuiltPack } from './build';
import { parseQuarter, quarterOf } from './quarter';

/**
 * The demo's last step: the pack of the calendar quarter that contains the demo's first day,
 * as DIR/pack (a plain folder) and DIR/pack.zip, verified both ways with the pack verifier.
 * Days of the simulated period outside that quarter are not in it; quarter days the demo did
 * not simulate are the pack's missing days.
 */
export interface DemoPack {
  quarter: string;
  name: string;
  dir: string;
  zip: string;
  vaultKey: string;
  /** Simulated days outside the quarter (not in the pack). */
  outside: number;
  built: BuiltPack;
  verified: boolean;
  failures: string[];
}

export async function buildDemoPack(options: { vault: Vault; signer: Signer; out: string; start: string; last: string; now: () => Date }): Promise<DemoPack> {
  const period = parseQuarter(quarterOf(options.start));
  const temp = await fs.mkdtemp(path.join(options.out, '.pack-build-'));
  const dir = path.join(options.out, 'pack');
  const zip = path.join(options.out, 'pack.zip');
  try {
    const built = await buildPack({ vault: options.vault, quarter: period.quarter, signer: options.signer, outDir: temp, now: options.now });
    await fs.rename(built.dir, dir);
    await fs.rename(built.zip, zip);
    const reports = [await verifyPack(dir), await verifyPack(zip)];
    const outside = Math.max(0, (Date.parse(options.last) - Date.parse(period.end)) / 86_400_000);
    return {
      quarter: period.quarter, name: built.name, dir, zip, vaultKey: built.vaultKey, outside, built,
      verified: reports.every((r) => r.ok),
      failures: reports.flatMap((r) => r.failures.map((f) => `${f.code} ${f.file}: ${f.message}`)),
    };
  } finally {
    await fs.rm(temp, { recursive: true, force: true });
  }
}
