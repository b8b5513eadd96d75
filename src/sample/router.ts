import { describeError } from '../core/errors';
import type { SampleAccount } from './organization';
import type { DrillTrigger } from './state/drills';
import { findRoute } from './routes';
import type { SampleContext } from './route-types';
import { requestAsSample, responseAsPresented } from './synthetic';
import { regionOf, signingServiceOf, type SampleRequest } from './wire/request';
import { requestId, respond, type SampleResponse } from './wire/response';

/**
 * The single entry point both transports share: one HTTP request in, one wire answer out,
 * computed from the sample state of `account` on simulated `day`. Never throws: a request
 * for an unknown service, an unrecorded operation or a fault in a recording each come back
 * as an AWS-shaped error the SDK turns into a typed exception (a gap, not a crash).
 */
export interface SampleScope {
  /** The sample account whose recordings answer. */
  readonly account: SampleAccount;
  /** The id the caller's credentials belong to: account.id, or a synthetic id (actAs). */
  readonly accountId: string;
  readonly day: number;
  readonly startMs: number;
  /** Simulated now (epoch ms). */
  readonly now: () => number;
  /** SetAlarmState calls this handler received (escalation drills), in order. */
  readonly drills: DrillTrigger[];
}

export function answerSampleRequest(scope: SampleScope, presented: SampleRequest): SampleResponse {
  const req = requestAsSample(presented, scope.accountId, scope.account.id);
  return responseAsPresented(answerAsSample(scope, req), scope.accountId, scope.account.id);
}

/** The service (route key) and operation a request names, for call counts. */
export function describeSampleCall(req: SampleRequest): { service: string; operation: string } {
  const service = routeKeyOf(req);
  const operation = findRoute(service)?.protocol.operationOf(req);
  return { service: service ?? 'unknown', operation: operation ?? 'unknown' };
}

/** S3 Control signs as "s3"; its host ({account}.s3-control.…) or its versioned path tells it apart. */
function routeKeyOf(req: SampleRequest): string | undefined {
  const service = signingServiceOf(req);
  if (service === 's3' && (req.hostname.includes('.s3-control.') || req.path.startsWith('/v20180820/'))) return 's3-control';
  return service;
}

function answerAsSample(scope: SampleScope, req: SampleRequest): SampleResponse {
  const region = regionOf(req);
  const service = routeKeyOf(req);
  const route = findRoute(service);
  const seed = [scope.account.id, region, service ?? '-', req.method, req.hostname, req.path, JSON.stringify(req.query), req.body].join('|');
  if (!route) {
    return respond(400, { 'content-type': 'application/json', 'x-amzn-requestid': requestId(seed), 'x-amzn-errortype': 'UnknownServiceException' },
      JSON.stringify({ __type: 'UnknownServiceException', message: `The sample organization does not simulate the service "${service ?? 'unknown'}"` }));
  }
  const operation = route.protocol.operationOf(req);
  if (!operation) {
    return route.protocol.error(seed, { status: 400, code: 'MissingAction', message: 'The request does not name an operation' });
  }
  const recording = route.recordings[operation];
  if (!recording) return route.protocol.unknownOperation(seed, operation);
  const ctx: SampleContext = { account: scope.account, accountId: scope.accountId, day: scope.day, startMs: scope.startMs, region, now: scope.now, drills: scope.drills };
  try {
    return recording({ ctx, req, operation, seed, protocol: route.protocol });
  } catch (e) {
    return route.protocol.error(seed, { status: 500, code: 'InternalFailure', message: `Sample recording ${service ?? ''}:${operation} failed: ${describeError(e)}` });
  }
}
