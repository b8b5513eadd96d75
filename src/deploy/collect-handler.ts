import { MetricUnit } from '@aws-lambda-powertools/metrics';
import type { AccountClients } from '../collectors/collect-day';
import type { CollectSettings, Collector } from '../collectors/types';
import { EvidenceError } from '../core/errors';
import { collectItem } from '../pipeline/collect-item';
import { checkDate, type CollectItem } from '../pipeline/staged-day';
import type { StagingStore } from '../pipeline/staging';
import { lambdaHandler } from './middy';
import type { Observability } from './observability';

/** One item of the Distributed Map: {date, item}. */
export interface CollectEvent {
  date: string;
  item: CollectItem;
}

export interface CollectResponse {
  account: string;
  region: string;
  artifacts: number;
  gaps: number;
  calls: number;
}

export interface CollectDeps extends Observability {
  staging: StagingStore;
  collectors: readonly Collector[];
  settings?: Omit<CollectSettings, 'date' | 'managementAccount'>;
  /** The item's account with clients through its read-only role (or unreachable), and how to release them. */
  accountFor: (item: CollectItem) => Promise<{ account: AccountClients; release: () => void }>;
  now: () => Date;
}

function checkItem(event: CollectEvent): CollectItem {
  const item = event.item as Partial<CollectItem> | undefined;
  const id = /^\d{12}$/;
  if (!item || !id.test(item.account ?? '') || !id.test(item.managementAccount ?? '') || typeof item.region !== 'string' || typeof item.homeRegion !== 'string') {
    throw new EvidenceError('USAGE', `collect: the item must be {account, region, homeRegion, managementAccount} with 12-digit account ids, found ${JSON.stringify(event.item)}`);
  }
  return item as CollectItem;
}

export function createCollectHandler(deps: CollectDeps) {
  return lambdaHandler<CollectEvent, CollectResponse>('collect', deps, async (event) => {
    const date = checkDate(event.date, 'collect event "date"');
    const item = checkItem(event);
    deps.logger.appendKeys({ date, account: item.account, region: item.region });
    const { account, release } = await deps.accountFor(item);
    try {
      const staged = await collectItem({ date, item, account, collectors: deps.collectors, settings: deps.settings, staging: deps.staging, now: deps.now });
      deps.metrics.addMetric('ItemArtifacts', MetricUnit.Count, staged.artifacts.length);
      deps.metrics.addMetric('ItemGaps', MetricUnit.Count, staged.gaps.length);
      deps.logger.info('item collected', { artifacts: staged.artifacts.length, gaps: staged.gaps.length, calls: staged.calls, unreachable: account.unreachable !== undefined });
      return { account: item.account, region: item.region, artifacts: staged.artifacts.length, gaps: staged.gaps.length, calls: staged.calls };
    } finally {
      release();
    }
  });
}
