import type { SampleRequest } from './wire/request';
import { respond, type SampleResponse } from './wire/response';

/**
 * Synthetic accounts (`actAs`): a benchmark organization of many accounts reuses the
 * recordings of one sample account. Account ids are rewritten as text at the edges: the
 * request's synthetic id reads as the sample id on the way in, and every sample id in the
 * answer reads as the synthetic id on the way out, so ARNs, owner ids and error messages
 * name the synthetic account. Only this account's own id is rewritten; other accounts'
 * ids (the organization's, an assumed role's) stay as recorded. Encoded content (the
 * base64 credential report) is built with the presented id by its recording instead.
 */
function replaceAll(value: string, from: string, to: string): string {
  return value.split(from).join(to);
}

export function requestAsSample(req: SampleRequest, presentedId: string, sampleId: string): SampleRequest {
  if (presentedId === sampleId) return req;
  const swap = (v: string) => replaceAll(v, presentedId, sampleId);
  return {
    ...req,
    hostname: swap(req.hostname),
    path: swap(req.path),
    query: Object.fromEntries(Object.entries(req.query).map(([k, v]) => [k, swap(v)])),
    headers: Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, swap(v)])),
    body: swap(req.body),
  };
}

export function responseAsPresented(res: SampleResponse, presentedId: string, sampleId: string): SampleResponse {
  if (presentedId === sampleId || !res.body.includes(sampleId)) return res;
  const headers = Object.fromEntries(Object.entries(res.headers).filter(([k]) => k !== 'content-length'));
  return respond(res.statusCode, headers, replaceAll(res.body, sampleId, presentedId));
}
