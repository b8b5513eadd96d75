import { loadCatalog } from '../../src/catalog';
import { COLLECTORS } from '../../src/collectors/registry';
import { createCollectHandler, type CollectResponse } from '../../src/deploy/collect-handler';
import { createPlanHandler } from '../../src/deploy/plan-handler';
import { createSealHandler, type SealResponse } from '../../src/deploy/seal-handler';
import type { Observability } from '../../src/deploy/observability';
import { evaluationFor } from '../../src/evaluate/registry';
import type { DayPlan } from '../../src/pipeline/plan-day';
import { sampleFanOut } from '../../src/pipeline/sample-fanout';
import type { CollectItem } from '../../src/pipeline/staged-day';
import { stagingKeys, type MemoryStagingStore } from '../../src/pipeline/staging';
import { SAMPLE_ORGANIZATION } from '../../src/sample';
import type { Signer } from '../../src/signing/signer';
import type { Vault } from '../../src/vault/vault';
import { lambdaContext } from './lambda';

export const START_DATE = '2026-09-29';
export const dateOf = (day: number): string => new Date(Date.parse(`${START_DATE}T00:00:00Z`) + day * 86_400_000).toISOString().slice(0, 10);
const evaluation = loadCatalog().then(evaluationFor);

export interface FanOutSetup {
  vault: Vault;
  signer: Signer;
  staging: MemoryStagingStore;
  obs: Observability;
}

export interface FanOutDay {
  plan: DayPlan;
  collected: (CollectResponse | { failed: CollectItem; error: string })[];
  seal?: SealResponse;
}

/**
 * One day of the sample organization through the three functions, driven the way the state
 * machine drives them: Plan; unless sealed, the collect function once per item (an item whose
 * invocation throws gets the {Error, Cause} record the RecordFailure state writes); then Seal.
 */
export async function runFanOutDay(setup: FanOutSetup, day: number, options: { failing?: (item: CollectItem) => boolean; skipSeal?: boolean } = {}): Promise<FanOutDay> {
  const date = dateOf(day);
  const sample = sampleFanOut({ day, startDate: START_DATE });
  const now = (): Date => new Date(`${date}T06:05:00.000Z`);
  try {
    const plan = createPlanHandler({ ...setup.obs, vault: setup.vault, staging: setup.staging, stagingBucket: 'evidence-vault-test-staging', regions: SAMPLE_ORGANIZATION.regions, managementAccount: () => Promise.resolve(sample.managementAccount), listAccounts: () => sample.listAccounts() });
    const collect = createCollectHandler({
      ...setup.obs,
      staging: setup.staging,
      collectors: COLLECTORS,
      now,
      accountFor: (item) => (options.failing?.(item) ? Promise.reject(new Error(`simulated crash collecting ${item.account}/${item.region}`)) : sample.accountFor(item)),
    });
    const seal = createSealHandler({ ...setup.obs, vault: setup.vault, signer: setup.signer, staging: setup.staging, collectors: COLLECTORS, organization: () => Promise.resolve(SAMPLE_ORGANIZATION.name), evaluation, now });
    const executionStartTime = `${date}T06:00:00.000Z`;
    const planned = await plan({ input: { time: `${date}T06:00:00Z` }, executionStartTime }, lambdaContext('plan'));
    if (planned.sealed) return { plan: planned, collected: [] };
    const items = JSON.parse(setup.staging.objects.get(planned.itemsKey)!.toString('utf8')) as CollectItem[];
    const collected: FanOutDay['collected'] = [];
    for (const item of items) {
      try {
        collected.push(await collect({ date, item }, lambdaContext('collect')));
      } catch (e) {
        const error = e instanceof Error ? e : new Error(String(e));
        await setup.staging.put(stagingKeys.failure(date, item.account, item.region), JSON.stringify({ Error: error.name, Cause: JSON.stringify({ errorType: error.name, errorMessage: error.message }) }));
        collected.push({ failed: item, error: error.message });
      }
    }
    if (options.skipSeal) return { plan: planned, collected };
    const sealed = await seal({ date, executionStartTime }, lambdaContext('seal'));
    return { plan: planned, collected, seal: sealed };
  } finally {
    sample.destroy();
  }
}

/** The seal function alone, as a retried Seal state runs it. */
export function sealAgain(setup: FanOutSetup, day: number): Promise<SealResponse> {
  const date = dateOf(day);
  const seal = createSealHandler({ ...setup.obs, vault: setup.vault, signer: setup.signer, staging: setup.staging, collectors: COLLECTORS, organization: () => Promise.resolve(SAMPLE_ORGANIZATION.name), evaluation, now: () => new Date(`${date}T06:30:00.000Z`) });
  return seal({ date, executionStartTime: `${date}T06:00:00.000Z` }, lambdaContext('seal'));
}
