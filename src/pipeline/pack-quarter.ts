import { promises as fs } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { buildPack } from '../pack/build';
import { PACKS_PREFIX, newestPackKey } from '../pack/names';
import { quarterOf } from '../pack/quarter';
import type { Signer } from '../signing/signer';
import type { Vault } from '../vault/vault';
import { checkDate } from './staged-day';

/** The quarter before the one `day` falls in: a pack run on 2026-10-04 packs 2026-Q3. */
export function previousQuarter(day: string): string {
  checkDate(day, 'pack day');
  const month = Number(day.slice(5, 7));
  const firstOfQuarter = Date.UTC(Number(day.slice(0, 4)), Math.floor((month - 1) / 3) * 3, 1);
  return quarterOf(new Date(firstOfQuarter - 86_400_000).toISOString().slice(0, 10));
}

export interface PackQuarterOptions {
  vault: Vault;
  signer: Signer;
  quarter: string;
  now: () => Date;
  /** Scratch space for the pack folder and zip (Lambda: /tmp); emptied afterwards. */
  workDir?: string;
}

export interface PackQuarterResult {
  quarter: string;
  /** False when the quarter already had a pack in the vault (a repeated invocation). */
  built: boolean;
  vaultKey: string;
  packSha256?: string;
  controls?: number;
  missingDays?: number;
  gaps?: number;
}

/**
 * The quarterly function: the previous quarter's pack, built and verified by the pack builder
 * and stored in the vault under packs/. A quarter that already has a pack is not packed again.
 */
export async function packQuarter(options: PackQuarterOptions): Promise<PackQuarterResult> {
  const existing = newestPackKey(await options.vault.list(`${PACKS_PREFIX}${options.quarter}/`), options.quarter);
  if (existing !== undefined) return { quarter: options.quarter, built: false, vaultKey: existing };
  const work = await fs.mkdtemp(path.join(options.workDir ?? tmpdir(), 'pack-'));
  try {
    // The signer's own public key (KMS) is the trusted one, not the vault's copy of it.
    const publicKeyPem = await options.signer.publicKeyPem();
    const built = await buildPack({ vault: options.vault, signer: options.signer, quarter: options.quarter, outDir: work, now: options.now, publicKeyPem });
    return {
      quarter: options.quarter,
      built: true,
      vaultKey: built.vaultKey,
      packSha256: built.packSha256,
      controls: built.pack.controls.length,
      missingDays: built.pack.missingDays.length,
      gaps: built.pack.gaps.length,
    };
  } finally {
    await fs.rm(work, { recursive: true, force: true });
  }
}
