import { createHash } from 'node:crypto';

/** An HTTP answer, independent of the transport that carries it back. */
export interface SampleResponse {
  readonly statusCode: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
}

/**
 * Request ids are derived from what was asked (account, region, operation, input), not from
 * the day, so an unchanged answer is byte-identical from one simulated day to the next.
 * No Date header is sent: the SDK corrects its clock skew from it, and a simulated date
 * would shift the signing clock of every client the demo builds.
 */
function digest(seed: string): string {
  return createHash('sha256').update(seed).digest('hex');
}

export function requestId(seed: string): string {
  const h = digest(seed);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/** S3's pair: a 16-character x-amz-request-id and a base64 x-amz-id-2. */
export function s3RequestIds(seed: string): { requestId: string; hostId: string } {
  const h = digest(seed);
  return { requestId: h.slice(0, 16).toUpperCase(), hostId: Buffer.from(digest(`${seed}#host`), 'hex').toString('base64') };
}

export function respond(statusCode: number, headers: Record<string, string>, body: string): SampleResponse {
  return { statusCode, headers: { ...headers, 'content-length': String(Buffer.byteLength(body)) }, body };
}
