import type { ManifestArtifactEntry, ManifestScope } from '../core/manifest';
import { sealDay, type SealResult } from '../core/seal';
import { collectDay, type AccountClients } from '../collectors/collect-day';
import { VaultSink } from '../collectors/sink';
import type { CollectSettings, Collector } from '../collectors/types';
import { buildContext } from '../evaluate/context';
import { evaluateControls, type ControlResults, type EvaluableCatalog } from '../evaluate/engine';
import { RESULTS_COLLECTOR, RESULTS_SCOPE, encodeResults } from '../evaluate/results-artifact';
import type { Rule } from '../evaluate/types';
import type { Signer } from '../signing/signer';
import type { Vault } from '../vault/vault';
import { carryRecords } from '../workflow/carry';

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
  /** When given, the day's controls are evaluated and the results sealed with the day. */
  evaluation?: { catalog: EvaluableCatalog; rules: ReadonlyMap<string, Rule<never>> };
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
  results?: ControlResults;
}

/**
 * The daily job, IO injected: collect every account × region (each answer stored as it comes),
 * evaluate the controls from the day's answers, store the results, then seal the day.
 */
export async function runDay(options: DailyRunOptions): Promise<DailyRunResult> {
  const sink = new VaultSink(options.vault, options.evaluation !== undefined);
  const collected = await collectDay({ ...options, settings: { ...options.settings, date: options.date }, sink });
  const scope: ManifestScope = {
    organization: options.organization,
    mode: options.mode,
    accounts: options.accounts.map((a) => a.account).sort(),
    regions: [...options.regions].sort(),
    collectors: options.collectors.map((c) => c.name),
  };
  const artifacts: ManifestArtifactEntry[] = [...collected.artifacts];
  let results: ControlResults | undefined;
  if (options.evaluation) {
    // The workflow records still relevant are listed again with the day, for the process controls.
    const carried = await carryRecords(options.vault, options.date, options.now());
    artifacts.push(...carried.entries);
    const ctx = buildContext({
      date: options.date,
      accounts: scope.accounts,
      regions: scope.regions,
      artifacts: [...collected.artifacts.map((e) => ({ key: e.key, sha256: e.sha256, observedAt: e.observedAt, artifact: sink.retained.get(e.key)! })), ...carried.artifacts],
      gaps: collected.gaps,
    });
    results = evaluateControls(options.evaluation.catalog, ctx, options.evaluation.rules);
    const sealed = encodeResults(results);
    await sink.put(sealed);
    artifacts.push({ key: sealed.key, sha256: sealed.sha256, bytes: sealed.bytes.length, collector: RESULTS_COLLECTOR, account: RESULTS_SCOPE, region: RESULTS_SCOPE, observedAt: options.now().toISOString() });
  }
  const sealed = await sealDay(options.vault, options.signer, { date: options.date, scope, artifacts, gaps: collected.gaps }, options.now());
  return { ...sealed, date: options.date, newArtifacts: sink.created, calls: collected.calls, gapList: collected.gaps, results };
}
