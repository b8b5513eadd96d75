import { SAMPLE_ACCOUNTS } from '../organization';
import type { Recording, ServiceRoute } from '../route-types';
import type { WireError, WireProtocol } from '../wire/protocols';
import type { SampleRequest } from '../wire/request';
import { respond, s3RequestIds, type SampleResponse } from '../wire/response';
import { XML_DECLARATION, el, text } from '../wire/xml';

/**
 * Amazon S3 Control (restXml at {account}.s3-control.{region}.amazonaws.com, signing name
 * s3, x-amz-account-id header): the account-level GetPublicAccessBlock as the S3 Control API
 * Reference documents it. Every account blocks all public access except the management
 * account, which never configured it (404 NoSuchPublicAccessBlockConfiguration). S3 Control
 * wraps errors in <ErrorResponse><Error>, unlike S3.
 */
const XMLNS = 'http://awss3control.amazonaws.com/doc/2018-08-20/';
const BLOCKED = new Set<string>([SAMPLE_ACCOUNTS.logArchive.id, SAMPLE_ACCOUNTS.production.id]);

function headers(seed: string): Record<string, string> {
  const ids = s3RequestIds(seed);
  return { 'content-type': 'application/xml', 'x-amz-request-id': ids.requestId, 'x-amz-id-2': ids.hostId, server: 'AmazonS3' };
}

function error(seed: string, e: WireError): SampleResponse {
  const ids = s3RequestIds(seed);
  const extra = Object.entries(e.extra ?? {}).map(([k, v]) => text(k, v)).join('');
  return respond(e.status, { ...headers(seed), ...e.headers },
    `${XML_DECLARATION}<ErrorResponse>${el('Error', text('Code', e.code), text('Message', e.message), extra)}${text('RequestId', ids.requestId)}${text('HostId', ids.hostId)}</ErrorResponse>`);
}

function operationOf(req: SampleRequest): string | undefined {
  if (req.method === 'GET' && /^\/v20180820\/configuration\/publicAccessBlock\/?$/.test(req.path)) return 'GetPublicAccessBlock';
  return `${req.method} ${req.path}`;
}

const PROTOCOL: WireProtocol = {
  name: 'restXml',
  operationOf,
  error,
  unknownOperation: (seed, op) => error(seed, { status: 501, code: 'NotImplemented', message: `The sample organization has no recording for S3 Control ${op}` }),
};

const getPublicAccessBlock: Recording = ({ ctx, req, seed }) => {
  const asked = req.headers['x-amz-account-id'] ?? '';
  if (asked !== ctx.account.id) return error(seed, { status: 403, code: 'AccessDenied', message: 'Access Denied' });
  if (!BLOCKED.has(asked)) {
    return error(seed, { status: 404, code: 'NoSuchPublicAccessBlockConfiguration', message: 'The public access block configuration was not found', extra: { AccountId: asked } });
  }
  const flags = ['BlockPublicAcls', 'IgnorePublicAcls', 'BlockPublicPolicy', 'RestrictPublicBuckets'].map((f) => text(f, true)).join('');
  return respond(200, headers(seed), `${XML_DECLARATION}<PublicAccessBlockConfiguration xmlns="${XMLNS}">${flags}</PublicAccessBlockConfiguration>`);
};

export const S3_CONTROL_ROUTE: ServiceRoute = {
  signingName: 's3-control',
  protocol: PROTOCOL,
  recordings: { GetPublicAccessBlock: getPublicAccessBlock },
};
