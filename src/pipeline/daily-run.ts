import type { ManifestScope } from '../core/manifest';
import { sealDay, type SealResult } from '../core/seal';
import { collectDay, type AccountClients } from '../collectors/collect-day';
import { VaultSink } from '../collectors/sink';
import type { CollectSettings, Collector } from '../collectors/types';
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
  settings?: Omit<CollectSettings, 'date'>;
  concurrency?: number;
  now: () => Date;
}

export interface DailyRunResult extends SealResult {
  date: string;
  /** Artifacts written for the first time (the rest were already in the vault, unchanged). */
  newArtifacts: number;
  calls: number;
  gapList: { collector: string; account: string; region: string; operation: string; errorCode: string }[];
}

/** Collect every account × region, storing as it goes, then seal the day: the daily job, IO injected. */
export async function runDay(options: DailyRunOptions): Promise<DailyRunResult> {
  const sink = new VaultSink(options.vault);
  const collected = await collectDay({ ...options, settings: { ...options.settings, date: options.date }, sink });
  const scope: ManifestScope = {
    organization: options.organization,
    mode: options.mode,
    accounts: options.accounts.map((a) => a.account).sort(),
    regions: [...options.regions].sort(),
    collectors: options.collectors.map((c) => c.name),
  };
  const sealed = await sealDay(options.vault, options.signer, { date: options.date, scope, artifacts: collected.artifacts, gaps: collected.gaps }, options.now());
  return { ...sealed, date: options.date, newArtifacts: sink.created, calls: collected.calls, gapList: collected.gaps };
}
