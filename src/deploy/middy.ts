import middy from '@middy/core';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import type { Context } from 'aws-lambda';
import { describeError, isEvidenceError } from '../core/errors';
import type { Observability } from './observability';

/**
 * A function's handler: Powertools context in every log line, metrics flushed at the end of
 * every invocation, and a failure logged once with its code before it is rethrown (the state
 * machine's Retry/Catch and the Errors alarms see it).
 */
export function lambdaHandler<E, R>(name: string, obs: Observability, run: (event: E, context: Context) => Promise<R>): middy.MiddyfiedHandler<E, R, Error, Context> {
  return middy<E, R, Error, Context>()
    .use(injectLambdaContext(obs.logger))
    .use(logMetrics(obs.metrics))
    .handler(async (event, context) => {
      try {
        return await run(event, context);
      } catch (e) {
        obs.logger.error(`${name} failed`, { code: isEvidenceError(e) ? e.code : 'UNEXPECTED', error: describeError(e) });
        throw e;
      }
    });
}
