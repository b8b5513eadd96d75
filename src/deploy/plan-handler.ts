import { MetricUnit } from '@aws-lambda-powertools/metrics';
import type { Vault } from '../vault/vault';
import { planDay, type DayPlan } from '../pipeline/plan-day';
import { checkDate } from '../pipeline/staged-day';
import type { StagingStore } from '../pipeline/staging';
import { lambdaHandler } from './middy';
import type { Observability } from './observability';

/** The state machine's Plan input: the execution's input (EventBridge's scheduled event, or {date}). */
export interface PlanEvent {
  input: { time?: string; date?: string } | null;
  executionStartTime?: string;
}

export interface PlanDeps extends Observability {
  vault: Vault;
  staging: StagingStore;
  stagingBucket: string;
  regions: readonly string[];
  /** The account the functions run in (sts:GetCallerIdentity). */
  managementAccount: () => Promise<string>;
  /** ACTIVE accounts of the organization (organizations:ListAccounts). */
  listAccounts: () => Promise<string[]>;
}

/** The scheduled day (UTC date of the schedule's time), or an explicit {"date": "YYYY-MM-DD"}. */
export function dayOf(input: PlanEvent['input']): string {
  if (input?.date) return checkDate(input.date, 'execution input "date"');
  if (typeof input?.time === 'string') return checkDate(input.time.slice(0, 10), 'execution input "time"');
  return checkDate(undefined, 'execution input: neither "date" nor a scheduled event\'s "time"');
}

export function createPlanHandler(deps: PlanDeps) {
  return lambdaHandler<PlanEvent, DayPlan>('plan', deps, async (event) => {
    const date = dayOf(event.input);
    deps.logger.appendKeys({ date });
    const [managementAccount, accounts] = await Promise.all([deps.managementAccount(), deps.listAccounts()]);
    const plan = await planDay({ vault: deps.vault, staging: deps.staging, stagingBucket: deps.stagingBucket, date, accounts, regions: deps.regions, managementAccount });
    deps.metrics.addMetric('Items', MetricUnit.Count, plan.sealed ? 0 : plan.items);
    if (plan.sealed) deps.logger.info('day already sealed: nothing to do', { manifest: plan.manifest });
    else deps.logger.info('day planned', { items: plan.items, accounts: plan.accounts, regions: plan.regions });
    return plan;
  });
}
