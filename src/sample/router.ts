import { describeError } from '../core/errors';
import type { SampleAccount } from './organization';
import { findRoute } from './routes';
import type { SampleContext } from './route-types';
import { regionOf, signingServiceOf, type SampleRequest } from './wire/request';
import { requestId, respond, type SampleResponse } from './wire/response';

/**
 * The single entry point both transports share: one HTTP request in, one wire answer out,
 * computed from the sample state of `account` on simulated `day`. Never throws: a request
 * for an unknown service, an unrecorded operation or a fault in a recording each come back
 * as an AWS-shaped error the SDK turns into a typed exception (a gap, not a crash).
 */
export interface SampleScope {
  readonly account: SampleAccount;
  readonly day: number;
  readonly startMs: number;
}

export function answerSampleRequest(scope: SampleScope, req: SampleRequest): SampleResponse {
  const region = regionOf(req);
  const service = signingServiceOf(req);
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
  const ctx: SampleContext = { account: scope.account, day: scope.day, startMs: scope.startMs, region };
  try {
    return recording({ ctx, req, operation, seed, protocol: route.protocol });
  } catch (e) {
    return route.protocol.error(seed, { status: 500, code: 'InternalFailure', message: `Sample recording ${service ?? ''}:${operation} failed: ${describeError(e)}` });
  }
}
