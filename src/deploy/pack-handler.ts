import { MetricUnit } from '@aws-lambda-powertools/metrics';
import type { ScheduledEvent } from 'aws-lambda';
import { packQuarter, previousQuarter, type PackQuarterResult } from '../pipeline/pack-quarter';
import type { Signer } from '../signing/signer';
import type { Vault } from '../vault/vault';
import { EvidenceError } from '../core/errors';
import { lambdaHandler } from './middy';
import type { Observability } from './observability';

/** The quarterly schedule's event, or {"quarter": "YYYY-Qn"} to pack a given quarter. */
export type PackEvent = Pick<ScheduledEvent, 'time'> | { quarter: string };

export interface PackDeps extends Observability {
  vault: Vault;
  signer: Signer;
  now: () => Date;
  workDir?: string;
}

function quarterFor(event: PackEvent): string {
  if ('quarter' in event) {
    if (!/^\d{4}-Q[1-4]$/.test(event.quarter)) throw new EvidenceError('USAGE', `pack event "quarter": expected YYYY-Qn, found ${JSON.stringify(event.quarter)}`);
    return event.quarter;
  }
  return previousQuarter(String(event.time).slice(0, 10));
}

export function createPackHandler(deps: PackDeps) {
  return lambdaHandler<PackEvent, PackQuarterResult>('pack', deps, async (event) => {
    const quarter = quarterFor(event);
    deps.logger.appendKeys({ quarter });
    const started = Date.now();
    const result = await packQuarter({ vault: deps.vault, signer: deps.signer, quarter, now: deps.now, workDir: deps.workDir });
    if (result.built) {
      deps.metrics.addMetric('PackBuilt', MetricUnit.Count, 1);
      deps.metrics.addMetric('PackMissingDays', MetricUnit.Count, result.missingDays ?? 0);
      deps.metrics.addMetric('PackDuration', MetricUnit.Seconds, (Date.now() - started) / 1000);
    }
    deps.logger.info(result.built ? 'pack built' : 'the quarter already has a pack: nothing built', { ...result });
    return result;
  });
}
