import { createHash } from 'node:crypto';
import type { Recording, SampleCall, ServiceRoute } from '../route-types';
import { SAMPLE_BUCKETS, bucketOnDay, findBucket } from '../state/buckets';
import type { SampleBucket } from '../state/bucket-types';
import { restXml, s3Error } from '../wire/protocols';
import type { SampleRequest } from '../wire/request';
import { respond, s3RequestIds, type SampleResponse } from '../wire/response';
import { XML_DECLARATION, el, text } from '../wire/xml';
import { BUCKET_RECORDINGS, S3_XMLNS } from './s3-config';

/**
 * Amazon S3 (REST-XML). Requests come virtual-hosted (bucket.s3.us-west-2.amazonaws.com,
 * bucket.localhost) or path-style (s3.us-west-2.amazonaws.com/bucket, 127.0.0.1:port/bucket);
 * the operation is the bucket subresource named in the query (?versioning, ?object-lock, …).
 * Before any bucket answer come S3's own checks: NoSuchBucket (404), another account's bucket
 * (403 AccessDenied) and a bucket in another region (301 PermanentRedirect with
 * x-amz-bucket-region, which the SDK's followRegionRedirects understands).
 */
const SUBRESOURCE_OPERATIONS: Readonly<Record<string, string>> = {
  versioning: 'GetBucketVersioning',
  'object-lock': 'GetObjectLockConfiguration',
  logging: 'GetBucketLogging',
  encryption: 'GetBucketEncryption',
  publicAccessBlock: 'GetPublicAccessBlock',
  lifecycle: 'GetBucketLifecycleConfiguration',
  tagging: 'GetBucketTagging',
  policy: 'GetBucketPolicy',
  location: 'GetBucketLocation',
};

export function s3Address(req: SampleRequest): { bucket?: string; key: string } {
  const host = req.hostname;
  const virtual = host.endsWith('.amazonaws.com') ? /^(.+)\.s3[.-]/.exec(host)?.[1]
    : host.endsWith('.localhost') ? host.slice(0, -'.localhost'.length) : undefined;
  const path = req.path.replace(/^\/+/, '');
  if (virtual) return { bucket: virtual, key: decodeURIComponent(path) };
  const slash = path.indexOf('/');
  const bucket = decodeURIComponent(slash < 0 ? path : path.slice(0, slash));
  return { bucket: bucket === '' ? undefined : bucket, key: slash < 0 ? '' : decodeURIComponent(path.slice(slash + 1)) };
}

function s3OperationOf(req: SampleRequest): string {
  const { bucket, key } = s3Address(req);
  if (!bucket && req.method === 'GET') return 'ListBuckets';
  if (bucket && key === '' && req.method === 'HEAD') return 'HeadBucket';
  if (bucket && key === '' && req.method === 'GET') {
    const sub = Object.keys(req.query).find((k) => k in SUBRESOURCE_OPERATIONS);
    if (sub) return SUBRESOURCE_OPERATIONS[sub] ?? sub;
  }
  const named = req.query['x-id'];
  if (named) return named;
  const subs = Object.keys(req.query).filter((k) => !k.startsWith('x-') && !k.startsWith('X-Amz-'));
  return `${req.method} ${bucket ? (key ? 'object' : 'bucket') : 'service'}${subs.length ? ` ?${subs.join('&')}` : ''}`;
}

const PROTOCOL = restXml(s3OperationOf);

/** The bucket the call addresses, as it stands today, or S3's error answer. */
function locateBucket(call: SampleCall, regionBound: boolean): SampleBucket | SampleResponse {
  const name = s3Address(call.req).bucket ?? '';
  const found = findBucket(name);
  if (!found) return s3Error(call.seed, { status: 404, code: 'NoSuchBucket', message: 'The specified bucket does not exist', extra: { BucketName: name } });
  if (found.account !== call.ctx.account.id) return s3Error(call.seed, { status: 403, code: 'AccessDenied', message: 'Access Denied' });
  if (regionBound && found.region !== call.ctx.region) {
    return s3Error(call.seed, {
      status: 301, code: 'PermanentRedirect',
      message: 'The bucket you are attempting to access must be addressed using the specified endpoint. Please send all future requests to this endpoint.',
      extra: { Endpoint: `${name}.s3.${found.region}.amazonaws.com`, Bucket: name },
      headers: { 'x-amz-bucket-region': found.region },
    });
  }
  return bucketOnDay(found, call.ctx.day);
}

function isResponse(x: SampleBucket | SampleResponse): x is SampleResponse {
  return 'statusCode' in x;
}

function bucketRecording(operation: string): Recording {
  return (call) => {
    const recording = BUCKET_RECORDINGS[operation];
    const bucket = locateBucket(call, operation !== 'GetBucketLocation');
    if (isResponse(bucket)) return bucket;
    if (!recording) return PROTOCOL.unknownOperation(call.seed, operation);
    const answer = recording(bucket, call.seed);
    return 'ok' in answer ? answer.ok : s3Error(call.seed, answer.error);
  };
}

/** HEAD answers carry no body; errors are the status code alone. */
const headBucket: Recording = (call) => {
  const bucket = locateBucket(call, true);
  const ids = s3RequestIds(call.seed);
  const base = { 'x-amz-request-id': ids.requestId, 'x-amz-id-2': ids.hostId, server: 'AmazonS3' };
  if (isResponse(bucket)) return { statusCode: bucket.statusCode, headers: { ...base, ...pick(bucket.headers, 'x-amz-bucket-region') }, body: '' };
  return { statusCode: 200, headers: { ...base, 'x-amz-bucket-region': bucket.region, 'x-amz-access-point-alias': 'false' }, body: '' };
};

function pick(headers: Readonly<Record<string, string>>, name: string): Record<string, string> {
  const value = headers[name];
  return value === undefined ? {} : { [name]: value };
}

/** Opaque continuation token: S3's are obfuscated; ours name the next bucket. */
const encodeToken = (name: string) => Buffer.from(`sample-v1:${name}`).toString('base64');
const decodeToken = (token: string) => {
  const raw = Buffer.from(token, 'base64').toString('utf8');
  return raw.startsWith('sample-v1:') ? raw.slice('sample-v1:'.length) : undefined;
};

const listBuckets: Recording = (call) => {
  const q = call.req.query;
  const max = q['max-buckets'] === undefined ? 10_000 : Number(q['max-buckets']);
  if (!Number.isInteger(max) || max < 1 || max > 10_000) {
    return s3Error(call.seed, { status: 400, code: 'InvalidArgument', message: 'The max-buckets parameter must be between 1 and 10000', extra: { ArgumentName: 'max-buckets', ArgumentValue: String(q['max-buckets']) } });
  }
  const all = SAMPLE_BUCKETS.filter((b) => b.account === call.ctx.account.id)
    .filter((b) => q['prefix'] === undefined || b.name.startsWith(q['prefix']))
    .filter((b) => q['bucket-region'] === undefined || b.region === q['bucket-region']);
  const token = q['continuation-token'];
  const after = token === undefined ? '' : decodeToken(token);
  if (after === undefined) {
    return s3Error(call.seed, { status: 400, code: 'InvalidArgument', message: 'The continuation token provided is incorrect', extra: { ArgumentName: 'continuation-token', ArgumentValue: token ?? '' } });
  }
  const start = all.findIndex((b) => b.name >= after);
  const from = start < 0 ? all.length : start;
  const page = all.slice(from, from + max);
  const next = all[from + max];
  // The API reference: BucketRegion is included when the request has at least one valid parameter.
  const withRegion = ['max-buckets', 'continuation-token', 'prefix', 'bucket-region'].some((p) => q[p] !== undefined);
  const buckets = page.map((b) => el('Bucket', text('Name', b.name), text('CreationDate', b.creationDate), withRegion ? text('BucketRegion', b.region) : ''));
  const ownerId = createHash('sha256').update(`canonical-user:${call.ctx.account.id}`).digest('hex');
  const body = `${XML_DECLARATION}<ListAllMyBucketsResult xmlns="${S3_XMLNS}">${el('Owner', text('ID', ownerId))}${el('Buckets', ...buckets)}`
    + `${next ? text('ContinuationToken', encodeToken(next.name)) : ''}${text('Prefix', q['prefix'])}</ListAllMyBucketsResult>`;
  const ids = s3RequestIds(call.seed);
  return respond(200, { 'content-type': 'application/xml', 'x-amz-request-id': ids.requestId, 'x-amz-id-2': ids.hostId, server: 'AmazonS3' }, body);
};

export const S3_ROUTE: ServiceRoute = {
  signingName: 's3',
  protocol: PROTOCOL,
  recordings: {
    ListBuckets: listBuckets,
    HeadBucket: headBucket,
    ...Object.fromEntries(Object.keys(BUCKET_RECORDINGS).map((op) => [op, bucketRecording(op)])),
  },
};
