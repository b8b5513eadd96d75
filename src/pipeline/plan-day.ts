import { EvidenceError } from '../core/errors';
import { findHead } from '../core/seal';
import type { Vault } from '../vault/vault';
import { sealedManifestOf, type CollectItem } from './staged-day';
import { stagingKeys, type StagingStore } from './staging';

export interface PlanDayOptions {
  vault: Vault;
  staging: StagingStore;
  /** The staging bucket's name, handed to the Distributed Map's ItemReader. */
  stagingBucket: string;
  date: string;
  /** The ACTIVE accounts of the organization (the management account among them). */
  accounts: readonly string[];
  regions: readonly string[];
  managementAccount: string;
}

export type DayPlan =
  | { date: string; sealed: true; manifest: string }
  | { date: string; sealed: false; itemsBucket: string; itemsKey: string; items: number; accounts: number; regions: number };

/**
 * The daily run's first step: a day already sealed needs nothing (a duplicated or re-driven
 * run ends here); otherwise every account × region becomes an item of the fan-out, written to
 * staging for the Distributed Map to read (thousands of items do not fit a state's payload).
 */
export async function planDay(options: PlanDayOptions): Promise<DayPlan> {
  const { date, vault } = options;
  const sealed = await sealedManifestOf(vault, date);
  if (sealed !== undefined) return { date, sealed: true, manifest: sealed };
  const head = await findHead(vault);
  if (head && head.date > date) {
    throw new EvidenceError('CHAIN_CONFLICT', `${vault.url}: cannot collect ${date}: the chain already reaches ${head.date} (${head.key}); days are sealed in order`);
  }
  const homeRegion = options.regions[0];
  if (homeRegion === undefined) throw new EvidenceError('CONFIG_INVALID', 'plan: no region to collect');
  if (options.accounts.length === 0) throw new EvidenceError('AWS_UNAVAILABLE', 'plan: the organization lists no ACTIVE account');
  const accounts = [...options.accounts].sort();
  const items: CollectItem[] = accounts.flatMap((account) =>
    options.regions.map((region) => ({ account, region, homeRegion, managementAccount: options.managementAccount })),
  );
  const itemsKey = stagingKeys.items(date);
  await options.staging.put(itemsKey, JSON.stringify(items));
  return { date, sealed: false, itemsBucket: options.stagingBucket, itemsKey, items: items.length, accounts: accounts.length, regions: options.regions.length };
}
