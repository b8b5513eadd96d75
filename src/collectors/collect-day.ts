import type { ManifestGap } from '../core/manifest';
import { mapPool } from '../core/pool';
import type { CollectedArtifact } from '../core/seal';
import { Recorder } from './recorder';
import type { ClientProvider, Collector } from './types';

export interface AccountClients {
  account: string;
  clients: ClientProvider;
}

export interface CollectDayOptions {
  accounts: readonly AccountClients[];
  regions: readonly string[];
  homeRegion: string;
  collectors: readonly Collector[];
  /** How many collector runs (account × region × collector) may be in flight at once. */
  concurrency?: number;
  now: () => Date;
}

export interface CollectedDay {
  artifacts: CollectedArtifact[];
  gaps: ManifestGap[];
}

/**
 * Runs every collector for every account × region with a bounded pool. One collector failing
 * never stops the others: an unexpected exception becomes a gap like any failed call.
 */
export async function collectDay(options: CollectDayOptions): Promise<CollectedDay> {
  const runs = options.accounts.flatMap((a) =>
    options.regions.flatMap((region) => options.collectors.map((collector) => ({ ...a, region, collector }))),
  );
  const recorders = await mapPool(runs, options.concurrency ?? 8, async (run) => {
    const recorder = new Recorder(run.collector.name, run.account, run.region, options.now);
    try {
      await run.collector.collect(
        { account: run.account, region: run.region, isHomeRegion: run.region === options.homeRegion, clients: run.clients },
        recorder,
      );
    } catch (e) {
      recorder.gap(`${run.collector.name}:*`, e);
    }
    return recorder;
  });
  return {
    artifacts: recorders.flatMap((r) => r.artifacts),
    gaps: recorders.flatMap((r) => r.gaps),
  };
}
