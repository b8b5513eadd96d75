import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';

/** Every function logs JSON and emits metrics (EMF) under one namespace and service dimension. */
export const METRICS_NAMESPACE = 'EvidenceVault';
export const SERVICE_NAME = 'evidence-vault';

export interface Observability {
  logger: Logger;
  metrics: Metrics;
}

export function observability(): Observability {
  return {
    logger: new Logger({ serviceName: SERVICE_NAME }),
    metrics: new Metrics({ namespace: METRICS_NAMESPACE, serviceName: SERVICE_NAME }),
  };
}
