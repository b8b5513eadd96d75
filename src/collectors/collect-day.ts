import { EvidenceError } from '../core/errors';
import type { ManifestArtifactEntry, ManifestGap } from '../core/manifest';
import { mapPool } from '../core/pool';
import { Recorder } from './recorder';
import type { ArtifactSink } from './sink';
import type { ClientProvider, CollectSettings, Collector } from './types';

export interface AccountClients {
  account: string;
  clients: ClientProvider;
  /** Set when the account could not be reached at all (its role could not be assumed). */
  unreachable?: { operation: string; error: unknown };
}

export interface CollectDayOptions {
  accounts: readonly AccountClients[];
  regions: readonly string[];
  homeRegion: string;
  collectors: readonly Collector[];
  settings: CollectSettings;
  sink: ArtifactSink;
  /** How many collector runs (account × region × collector) may be in flight at once. */
  concurrency?: number;
  now: () => Date;
}

export interface CollectedDay {
  artifacts: ManifestArtifactEntry[];
  gaps: ManifestGap[];
  /** API calls made (answers, error answers and gaps), for the benchmark and run metrics. */
  calls: number;
}

/**
 * Runs every collector for every account × region with a bounded pool. One collector failing
 * never stops the others: an unexpected exception becomes a gap like any failed call. A vault
 * or signing failure (EvidenceError) is not a gap: it stops the run, nothing is sealed.
 */
export async function collectDay(options: CollectDayOptions): Promise<CollectedDay> {
  const runs = options.accounts.flatMap((a) =>
    options.regions.flatMap((region) => options.collectors.map((collector) => ({ ...a, region, collector }))),
  );
  // Runs are in account order; an account's clients are released once its last run ends.
  const remaining = new Map<string, number>();
  for (const run of runs) remaining.set(run.account, (remaining.get(run.account) ?? 0) + 1);
  const finished = (run: (typeof runs)[number]): void => {
    const left = (remaining.get(run.account) ?? 1) - 1;
    remaining.set(run.account, left);
    if (left === 0 && !run.unreachable) run.clients.release?.();
  };
  const recorders = await mapPool(runs, options.concurrency ?? 8, async (run) => {
    const recorder = new Recorder(run.collector.name, run.account, run.region, options.now, options.sink);
    try {
      await runOne(run, recorder, options);
    } finally {
      finished(run);
    }
    return recorder;
  });
  return {
    artifacts: recorders.flatMap((r) => r.entries),
    gaps: recorders.flatMap((r) => r.gaps),
    calls: recorders.reduce((n, r) => n + r.entries.length + r.gaps.length, 0),
  };
}

async function runOne(run: AccountClients & { region: string; collector: Collector }, recorder: Recorder, options: CollectDayOptions): Promise<void> {
  if (run.unreachable) {
    recorder.gap(run.unreachable.operation, run.unreachable.error);
    return;
  }
  try {
    await run.collector.collect(
      { account: run.account, region: run.region, isHomeRegion: run.region === options.homeRegion, clients: run.clients, settings: options.settings },
      recorder,
    );
  } catch (e) {
    if (e instanceof EvidenceError) throw e;
    recorder.gap(`${run.collector.name}:*`, e);
  }
}
