import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';
import type { Context } from 'aws-lambda';
import { LocalKeySigner } from '../../src/signing/local-signer';
import { LocalObjectStore } from '../../src/vault/local-store';
import { Vault } from '../../src/vault/vault';
import type { Observability } from '../../src/deploy/observability';
import { TEST_KEY } from '../support/keys';

/** A Lambda context as the runtime passes it (the fields Powertools and middy read). */
export function lambdaContext(functionName: string, timeoutMs = 900_000): Context {
  const deadline = Date.now() + timeoutMs;
  return {
    callbackWaitsForEmptyEventLoop: true,
    functionName: `evidence-vault-test-${functionName}`,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:us-east-1:111111111111:function:evidence-vault-test-${functionName}`,
    memoryLimitInMB: '512',
    awsRequestId: `req-${functionName}-${Math.random().toString(16).slice(2)}`,
    logGroupName: `/aws/lambda/evidence-vault-test-${functionName}`,
    logStreamName: '2026/11/28/[$LATEST]test',
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  };
}

/** Powertools as the functions use it, silent; every metric a handler adds is recorded. */
export function recordingObservability(): Observability & { recorded: () => Record<string, number[]> } {
  process.env.POWERTOOLS_METRICS_DISABLED = 'true';
  const logger = new Logger({ serviceName: 'evidence-vault', logLevel: 'SILENT' });
  const metrics = new Metrics({ namespace: 'EvidenceVault', serviceName: 'evidence-vault' });
  const recorded: Record<string, number[]> = {};
  const add = metrics.addMetric.bind(metrics);
  metrics.addMetric = (name, unit, value, resolution) => {
    (recorded[name] ??= []).push(value);
    return add(name, unit, value, resolution);
  };
  return { logger, metrics, recorded: () => recorded };
}

export function testVault(dir: string): Vault {
  return new Vault(new LocalObjectStore(dir));
}

export const testSigner = (): LocalKeySigner => LocalKeySigner.fromPem(TEST_KEY.privateKeyPem);
