import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { watchChain, type WatchResult } from '../pipeline/watch-chain';
import type { Vault } from '../vault/vault';
import { lambdaHandler } from './middy';
import type { Observability } from './observability';

export interface WatchDeps extends Observability {
  vault: Vault;
  /** The signing key's public key from KMS (trusted), not the vault's copy. */
  publicKeyPem: () => Promise<string>;
  now: () => Date;
}

/** Daily: ChainVerified 1 or 0 (the chain alarm), DaysBehind; problems in the log. */
export function createWatchHandler(deps: WatchDeps) {
  return lambdaHandler<unknown, WatchResult>('watch', deps, async () => {
    const result = await watchChain({ vault: deps.vault, publicKeyPem: await deps.publicKeyPem(), now: deps.now() });
    deps.metrics.addMetric('ChainVerified', MetricUnit.Count, result.verified ? 1 : 0);
    if (result.daysBehind >= 0) deps.metrics.addMetric('DaysBehind', MetricUnit.Count, result.daysBehind);
    if (result.verified) deps.logger.info('chain tail verified', { head: result.head, checked: result.checked });
    else deps.logger.error('chain tail does not verify', { problems: result.problems, head: result.head });
    return result;
  });
}
