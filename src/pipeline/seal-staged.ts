import type { ArtifactV1 } from '../core/artifact';
import { EvidenceError, describeError, isEvidenceError } from '../core/errors';
import { sha256Hex } from '../core/hash';
import type { ManifestArtifactEntry, ManifestGap, ManifestScope } from '../core/manifest';
import { mapPool } from '../core/pool';
import { sealDay } from '../core/seal';
import type { Collector } from '../collectors/types';
import { buildContext } from '../evaluate/context';
import { evaluateControls, type ControlResults } from '../evaluate/engine';
import { RESULTS_COLLECTOR, RESULTS_SCOPE, encodeResults } from '../evaluate/results-artifact';
import type { Signer } from '../signing/signer';
import type { Vault } from '../vault/vault';
import type { DailyRunOptions } from './daily-run';
import { STAGED_ITEM_SCHEMA, type StagedItem } from './collect-item';
import { checkDate, completeSignature, sealedManifestOf, type CollectItem } from './staged-day';
import { stagingKeys, type StagingStore } from './staging';

export interface SealStagedOptions {
  vault: Vault;
  signer: Signer;
  staging: StagingStore;
  date: string;
  organization: string;
  collectors: readonly Collector[];
  evaluation?: DailyRunOptions['evaluation'];
  /** How many staged objects are read and stored at once. */
  concurrency?: number;
  now: () => Date;
}

export interface SealStagedResult {
  date: string;
  /** True when the day was sealed before this call (a retried or duplicated run): nothing was written. */
  alreadySealed: boolean;
  key: string;
  sha256?: string;
  artifacts: number;
  gaps: number;
  /** Items with no staged result: each of their collectors is a gap in the manifest. */
  failedItems: number;
  /** Artifacts stored in the vault for the first time by this call. */
  newArtifacts: number;
  results?: ControlResults;
}

/** The gap recorded for every collector of an item whose worker left no result. */
export const ITEM_FAILED_OPERATION = 'evidence-vault:CollectItem';

/**
 * The daily run's last step (docs/deploy.md §Fan-out): one manifest for the organization.
 * The plan's items are read back from staging; each item's staged result contributes its
 * entries and gaps, an item without one contributes a gap per collector naming the error the
 * state machine recorded. Staged artifacts are stored in the vault (content-addressed: one
 * already there is reused), the day is evaluated, then sealed.
 *
 * Idempotent: a day already sealed is left as it is (its signature completed if a previous
 * seal stopped before writing it); a seal that stopped after storing artifacts is redone from
 * the same staged set and lists every one of them; two seals racing meet on the manifest's key
 * (CHAIN_CONFLICT) and the loser returns the winner's manifest.
 */
export async function sealStaged(options: SealStagedOptions): Promise<SealStagedResult> {
  const { vault, date } = options;
  const done = await alreadySealed(options);
  if (done) return done;

  const items = parseItems(await options.staging.get(stagingKeys.items(date)), date);
  const staged = await mapPool(items, options.concurrency ?? 16, (item) => stagedOrFailed(options, item));
  const artifacts = staged.flatMap((s) => s.artifacts);
  const gaps = staged.flatMap((s) => s.gaps);

  // Store every staged artifact (re-hashed: staging is not trusted more than any input).
  const retained = new Map<string, ArtifactV1>();
  let created = 0;
  const unique = [...new Map(artifacts.map((a) => [a.key, a])).values()];
  await mapPool(unique, options.concurrency ?? 16, async (entry) => {
    const body = await options.staging.get(stagingKeys.artifact(date, entry.sha256));
    if (body === undefined || sha256Hex(body) !== entry.sha256) {
      throw new EvidenceError('INTERNAL', `staging: the staged artifact ${entry.sha256} of ${entry.account}/${entry.region} is ${body === undefined ? 'missing' : 'altered'}; nothing was sealed`);
    }
    if ((await vault.putContent(entry.key, body, entry.sha256)) === 'created') created++;
    if (options.evaluation) retained.set(entry.key, JSON.parse(body.toString('utf8')) as ArtifactV1);
  });

  const scope: ManifestScope = {
    organization: options.organization,
    mode: 'organization',
    accounts: [...new Set(items.map((i) => i.account))].sort(),
    regions: [...new Set(items.map((i) => i.region))].sort(),
    collectors: options.collectors.map((c) => c.name),
  };
  const entries: ManifestArtifactEntry[] = [...artifacts];
  let results: ControlResults | undefined;
  if (options.evaluation) {
    const ctx = buildContext({
      date,
      accounts: scope.accounts,
      regions: scope.regions,
      artifacts: artifacts.map((e) => ({ key: e.key, sha256: e.sha256, observedAt: e.observedAt, artifact: retained.get(e.key)! })),
      gaps,
    });
    results = evaluateControls(options.evaluation.catalog, ctx, options.evaluation.rules);
    const sealed = encodeResults(results);
    if ((await vault.putContent(sealed.key, sealed.bytes, sealed.sha256)) === 'created') created++;
    entries.push({ key: sealed.key, sha256: sealed.sha256, bytes: sealed.bytes.length, collector: RESULTS_COLLECTOR, account: RESULTS_SCOPE, region: RESULTS_SCOPE, observedAt: options.now().toISOString() });
  }

  // A concurrent run may have sealed while this one was storing.
  const raced = await alreadySealed(options);
  if (raced) return raced;
  const failedItems = staged.filter((s) => s.failed).length;
  try {
    const sealed = await sealDay(vault, options.signer, { date, scope, artifacts: entries, gaps }, options.now());
    return { date, alreadySealed: false, key: sealed.key, sha256: sealed.sha256, artifacts: sealed.artifacts, gaps: sealed.gaps, failedItems, newArtifacts: created, results };
  } catch (e) {
    if (isEvidenceError(e, 'CHAIN_CONFLICT')) {
      const winner = await alreadySealed(options);
      if (winner) return winner;
    }
    throw e;
  }
}

async function alreadySealed(options: SealStagedOptions): Promise<SealStagedResult | undefined> {
  const key = await sealedManifestOf(options.vault, options.date);
  if (key === undefined) return undefined;
  await completeSignature(options.vault, options.signer, key);
  const manifest = JSON.parse((await options.vault.read(key)).toString('utf8')) as { artifacts?: unknown[]; gaps?: unknown[] };
  return { date: options.date, alreadySealed: true, key, sha256: sha256Hex(await options.vault.read(key)), artifacts: manifest.artifacts?.length ?? 0, gaps: manifest.gaps?.length ?? 0, failedItems: 0, newArtifacts: 0 };
}

function parseItems(body: Buffer | undefined, date: string): CollectItem[] {
  const where = `staging ${stagingKeys.items(date)}`;
  if (body === undefined) throw new EvidenceError('INTERNAL', `${where} is missing: the plan step did not run for ${date}`);
  let value: unknown;
  try {
    value = JSON.parse(body.toString('utf8'));
  } catch (e) {
    throw new EvidenceError('INTERNAL', `${where} is not JSON: ${describeError(e)}`);
  }
  if (!Array.isArray(value) || value.length === 0 || !value.every(isItem)) throw new EvidenceError('INTERNAL', `${where} is not a list of {account, region, homeRegion, managementAccount}`);
  return value;
}

function isItem(v: unknown): v is CollectItem {
  const o = v as Record<string, unknown> | null;
  return typeof o === 'object' && o !== null && ['account', 'region', 'homeRegion', 'managementAccount'].every((k) => typeof o[k] === 'string');
}

async function stagedOrFailed(options: SealStagedOptions, item: CollectItem): Promise<StagedItem & { failed: boolean }> {
  const { date } = options;
  const body = await options.staging.get(stagingKeys.result(date, item.account, item.region));
  if (body !== undefined) {
    const staged = JSON.parse(body.toString('utf8')) as StagedItem;
    if (staged.schema !== STAGED_ITEM_SCHEMA || checkDate(staged.date, 'staged item') !== date || staged.account !== item.account || staged.region !== item.region) {
      throw new EvidenceError('INTERNAL', `staging ${stagingKeys.result(date, item.account, item.region)} is not this item's result`);
    }
    return { ...staged, failed: false };
  }
  const failure = await options.staging.get(stagingKeys.failure(date, item.account, item.region));
  const { errorCode, message } = describeFailure(failure);
  const gaps: ManifestGap[] = options.collectors.map((c) => ({ collector: c.name, account: item.account, region: item.region, operation: ITEM_FAILED_OPERATION, errorCode, message }));
  return { schema: STAGED_ITEM_SCHEMA, date, account: item.account, region: item.region, artifacts: [], gaps, calls: 0, failed: true };
}

/** The state machine's Catch output ({Error, Cause}), or NoResult when the item left nothing. */
function describeFailure(body: Buffer | undefined): { errorCode: string; message: string } {
  if (body === undefined) return { errorCode: 'NoResult', message: 'the collect step left no result and no recorded error for this account and region' };
  try {
    const f = JSON.parse(body.toString('utf8')) as { Error?: unknown; Cause?: unknown };
    const errorCode = typeof f.Error === 'string' && f.Error !== '' ? f.Error : 'CollectFailed';
    const cause = typeof f.Cause === 'string' ? f.Cause : '';
    return { errorCode, message: `the collect step failed after its retries: ${errorCode}${cause ? `: ${cause.slice(0, 500)}` : ''}` };
  } catch {
    return { errorCode: 'CollectFailed', message: 'the collect step failed after its retries (the recorded error is not JSON)' };
  }
}
