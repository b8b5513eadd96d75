import type { SealedBytes } from '../core/artifact';
import type { ManifestArtifactEntry, ManifestGap } from '../core/manifest';
import { collectDay, type AccountClients } from '../collectors/collect-day';
import type { ArtifactSink } from '../collectors/sink';
import type { CollectSettings, Collector } from '../collectors/types';
import type { CollectItem } from './staged-day';
import { stagingKeys, type StagingStore } from './staging';

export const STAGED_ITEM_SCHEMA = 'evidence-vault/staged-item/v1';

/** What one worker staged for its account × region: the manifest entries and the gaps. */
export interface StagedItem {
  schema: typeof STAGED_ITEM_SCHEMA;
  date: string;
  account: string;
  region: string;
  artifacts: ManifestArtifactEntry[];
  gaps: ManifestGap[];
  calls: number;
}

export interface CollectItemOptions {
  date: string;
  item: CollectItem;
  /** The item's account with its clients (through its read-only role), or unreachable. */
  account: AccountClients;
  collectors: readonly Collector[];
  settings?: Omit<CollectSettings, 'date' | 'managementAccount'>;
  staging: StagingStore;
  now: () => Date;
}

/** Artifacts go to staging, keyed by their hash: a retried worker rewrites the same objects. */
class StagingSink implements ArtifactSink {
  written = 0;
  constructor(
    private readonly staging: StagingStore,
    private readonly date: string,
  ) {}

  async put(sealed: SealedBytes): Promise<void> {
    await this.staging.put(stagingKeys.artifact(this.date, sealed.sha256), sealed.bytes);
    this.written++;
  }
}

/**
 * One item of the daily fan-out: every collector for one account in one region, each answer
 * staged as it comes, then the item's result (entries and gaps) written last — so a result in
 * staging means all of its artifacts are there too. Nothing is written to the vault here: the
 * seal step moves the day's staged evidence into the vault and lists all of it in one manifest,
 * so no attempt ever leaves an artifact in the vault that no manifest lists.
 */
export async function collectItem(options: CollectItemOptions): Promise<StagedItem> {
  const { date, item } = options;
  const sink = new StagingSink(options.staging, date);
  const collected = await collectDay({
    accounts: [options.account],
    regions: [item.region],
    homeRegion: item.homeRegion,
    collectors: options.collectors,
    settings: { ...options.settings, date, managementAccount: item.managementAccount },
    sink,
    concurrency: options.collectors.length,
    now: options.now,
  });
  const staged: StagedItem = {
    schema: STAGED_ITEM_SCHEMA,
    date,
    account: item.account,
    region: item.region,
    artifacts: collected.artifacts,
    gaps: collected.gaps,
    calls: collected.calls,
  };
  await options.staging.put(stagingKeys.result(date, item.account, item.region), JSON.stringify(staged));
  return staged;
}
