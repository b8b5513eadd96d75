import type { ManifestScope } from '../core/manifest';
import { sealDay, type SealResult } from '../core/seal';
import { collectDay, type AccountClients } from '../collectors/collect-day';
import type { Collector } from '../collectors/types';
import type { Signer } from '../signing/signer';
import type { Vault } from '../vault/vault';

export interface DailyRunOptions {
  vault: Vault;
  signer: Signer;
  date: string;
  organization: string;
  mode: ManifestScope['mode'];
  accounts: readonly AccountClients[];
  regions: readonly string[];
  homeRegion: string;
  collectors: readonly Collector[];
  concurrency?: number;
  now: () => Date;
}

export interface DailyRunResult extends SealResult {
  date: string;
  gapList: { collector: string; account: string; region: string; operation: string; errorCode: string }[];
}

/** Collect every account × region, then seal the day: the whole daily job, IO injected. */
export async function runDay(options: DailyRunOptions): Promise<DailyRunResult> {
  const collected = await collectDay(options);
  const scope: ManifestScope = {
    organization: options.organization,
    mode: options.mode,
    accounts: options.accounts.map((a) => a.account).sort(),
    regions: [...options.regions].sort(),
    collectors: options.collectors.map((c) => c.name),
  };
  const sealed = await sealDay(options.vault, options.signer, { date: options.date, scope, ...collected }, options.now());
  return { ...sealed, date: options.date, gapList: collected.gaps };
}
