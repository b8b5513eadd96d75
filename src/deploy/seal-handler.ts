import { MetricUnit } from '@aws-lambda-powertools/metrics';
import type { Collector } from '../collectors/types';
import type { DailyRunOptions } from '../pipeline/daily-run';
import { sealStaged, type SealStagedResult } from '../pipeline/seal-staged';
import { checkDate } from '../pipeline/staged-day';
import type { StagingStore } from '../pipeline/staging';
import type { Signer } from '../signing/signer';
import type { Vault } from '../vault/vault';
import { lambdaHandler } from './middy';
import type { Observability } from './observability';

export interface SealEvent {
  date: string;
  executionStartTime?: string;
}

export type SealResponse = Omit<SealStagedResult, 'results'> & { controls?: Record<string, number> };

export interface SealDeps extends Observability {
  vault: Vault;
  signer: Signer;
  staging: StagingStore;
  collectors: readonly Collector[];
  organization: () => Promise<string>;
  evaluation?: Promise<DailyRunOptions['evaluation']>;
  now: () => Date;
}

export function createSealHandler(deps: SealDeps) {
  return lambdaHandler<SealEvent, SealResponse>('seal', deps, async (event) => {
    const date = checkDate(event.date, 'seal event "date"');
    deps.logger.appendKeys({ date });
    const result = await sealStaged({
      vault: deps.vault,
      signer: deps.signer,
      staging: deps.staging,
      date,
      organization: await deps.organization(),
      collectors: deps.collectors,
      evaluation: await deps.evaluation,
      now: deps.now,
    });
    // DaySealed feeds the missed-day alarm; Gaps the partial-collection alarm (serverless.yml).
    deps.metrics.addMetric('DaySealed', MetricUnit.Count, 1);
    if (!result.alreadySealed) {
      deps.metrics.addMetric('Artifacts', MetricUnit.Count, result.artifacts);
      deps.metrics.addMetric('Gaps', MetricUnit.Count, result.gaps);
      deps.metrics.addMetric('FailedItems', MetricUnit.Count, result.failedItems);
      deps.metrics.addMetric('NewArtifacts', MetricUnit.Count, result.newArtifacts);
      const started = event.executionStartTime ? Date.parse(event.executionStartTime) : NaN;
      if (Number.isFinite(started)) deps.metrics.addMetric('RunDuration', MetricUnit.Seconds, Math.max(0, (deps.now().getTime() - started) / 1000));
    }
    const { results, ...summary } = result;
    const counts = results ? { ...results.summary } : undefined;
    deps.logger.info(result.alreadySealed ? 'day already sealed: nothing written' : 'day sealed', { ...summary, controls: counts });
    return { ...summary, controls: counts };
  });
}
