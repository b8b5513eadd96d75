import { formParams, type SampleRequest } from './request';
import { requestId, respond, s3RequestIds, type SampleResponse } from './response';
import { XML_DECLARATION, el, text } from './xml';

/**
 * The AWS wire protocols, each knowing how a request names its operation and how the
 * service shapes its answers and errors:
 * - awsJson1_0 / awsJson1_1: POST /, X-Amz-Target `Prefix.Operation`, errors
 *   `{"__type","message"}` with x-amzn-ErrorType (CloudTrail, Config, Logs, Events, …).
 * - awsQuery: form `Action=…&Version=…`, `<XResponse><XResult>`, errors `<ErrorResponse>` (STS, IAM, SNS).
 * - ec2Query: like awsQuery, errors `<Response><Errors><Error>` (EC2).
 * - restXml: S3's own routing (see services/s3.ts), errors `<Error><Code>`.
 * - restJson1: routes by method and path, errors JSON with x-amzn-ErrorType (GuardDuty).
 */
export interface WireError {
  readonly status: number;
  readonly code: string;
  readonly message: string;
  /** Extra elements S3 puts in its <Error> (BucketName, Endpoint, …). */
  readonly extra?: Readonly<Record<string, string>>;
  readonly headers?: Readonly<Record<string, string>>;
}

export interface WireProtocol {
  readonly name: 'awsJson1_0' | 'awsJson1_1' | 'awsQuery' | 'ec2Query' | 'restXml' | 'restJson1';
  /** The operation name the request carries, or undefined when it names none. */
  operationOf(req: SampleRequest): string | undefined;
  error(seed: string, e: WireError): SampleResponse;
  /** The service's own answer to an operation the sample has no recording for. */
  unknownOperation(seed: string, operation: string): SampleResponse;
}

export interface AwsJsonOptions {
  /** Organizations names the member `Message`; most services `message`. */
  readonly messageKey?: 'message' | 'Message';
  /** awsQueryCompatible services (CloudWatch) also send the query error code in x-amzn-query-error. */
  readonly queryCompatible?: boolean;
}

export function awsJson(version: '1.0' | '1.1', targetPrefix: string, options: AwsJsonOptions = {}): WireProtocol {
  const contentType = `application/x-amz-json-${version}`;
  const error = (seed: string, e: WireError): SampleResponse =>
    respond(e.status, {
      'content-type': contentType, 'x-amzn-requestid': requestId(seed), 'x-amzn-errortype': e.code,
      ...(options.queryCompatible ? { 'x-amzn-query-error': `${e.code};${e.status >= 500 ? 'Receiver' : 'Sender'}` } : {}),
      ...e.headers,
    }, JSON.stringify({ __type: e.code, [options.messageKey ?? 'message']: e.message }));
  return {
    name: version === '1.0' ? 'awsJson1_0' : 'awsJson1_1',
    operationOf: (req) => {
      const target = req.headers['x-amz-target'] ?? '';
      return target.startsWith(`${targetPrefix}.`) ? target.slice(targetPrefix.length + 1) : undefined;
    },
    error,
    unknownOperation: (seed, op) =>
      error(seed, { status: 400, code: 'UnknownOperationException', message: `The sample organization has no recording for ${targetPrefix}.${op}` }),
  };
}

/** Success body of an awsJson operation. */
export function jsonOk(protocol: WireProtocol, seed: string, body: unknown): SampleResponse {
  const version = protocol.name === 'awsJson1_0' ? '1.0' : '1.1';
  return respond(200, { 'content-type': `application/x-amz-json-${version}`, 'x-amzn-requestid': requestId(seed) }, JSON.stringify(body));
}

export function awsQuery(xmlns: string, version: string): WireProtocol {
  const error = (seed: string, e: WireError): SampleResponse =>
    respond(e.status, { 'content-type': 'text/xml', 'x-amzn-requestid': requestId(seed), ...e.headers },
      `<ErrorResponse xmlns="${xmlns}">\n  ${el('Error', text('Type', e.status >= 500 ? 'Receiver' : 'Sender'), text('Code', e.code), text('Message', e.message))}\n  ${text('RequestId', requestId(seed))}\n</ErrorResponse>\n`);
  return {
    name: 'awsQuery',
    operationOf: (req) => formParams(req).get('Action') ?? undefined,
    error,
    unknownOperation: (seed, op) =>
      error(seed, { status: 400, code: 'InvalidAction', message: `Could not find operation ${op} for version ${version} in the sample organization's recordings` }),
  };
}

/** Success body of an awsQuery operation: `<OpResponse><OpResult>…</OpResult><ResponseMetadata>`. */
export function queryOk(xmlns: string, operation: string, seed: string, resultXml: string): SampleResponse {
  const id = requestId(seed);
  const body = `<${operation}Response xmlns="${xmlns}">\n  <${operation}Result>\n${resultXml}\n  </${operation}Result>\n  <ResponseMetadata>\n    ${text('RequestId', id)}\n  </ResponseMetadata>\n</${operation}Response>\n`;
  return respond(200, { 'content-type': 'text/xml', 'x-amzn-requestid': id }, body);
}

export function ec2Query(): WireProtocol {
  const error = (seed: string, e: WireError): SampleResponse =>
    respond(e.status, { 'content-type': 'text/xml;charset=UTF-8', ...e.headers },
      `${XML_DECLARATION}<Response>${el('Errors', el('Error', text('Code', e.code), text('Message', e.message)))}${text('RequestID', requestId(seed))}</Response>`);
  return {
    name: 'ec2Query',
    operationOf: (req) => formParams(req).get('Action') ?? undefined,
    error,
    unknownOperation: (seed, op) =>
      error(seed, { status: 400, code: 'InvalidAction', message: `The action ${op} is not valid for this web service (no recording in the sample organization).` }),
  };
}

/** Success body of an ec2Query operation: `<OpResponse xmlns><requestId>…` then the members. */
export function ec2Ok(operation: string, seed: string, membersXml: string): SampleResponse {
  const body = `${XML_DECLARATION}<${operation}Response xmlns="http://ec2.amazonaws.com/doc/2016-11-15/">${text('requestId', requestId(seed))}${membersXml}</${operation}Response>`;
  return respond(200, { 'content-type': 'text/xml;charset=UTF-8' }, body);
}

/** Success body of a restJson1 operation. */
export function restJsonOk(seed: string, body: unknown): SampleResponse {
  return respond(200, { 'content-type': 'application/json', 'x-amzn-requestid': requestId(seed) }, JSON.stringify(body));
}

export function restJson1(operationOf: (req: SampleRequest) => string | undefined): WireProtocol {
  const error = (seed: string, e: WireError): SampleResponse =>
    respond(e.status, { 'content-type': 'application/json', 'x-amzn-requestid': requestId(seed), 'x-amzn-errortype': e.code, ...e.headers },
      JSON.stringify({ message: e.message, __type: e.code }));
  return {
    name: 'restJson1',
    operationOf,
    error,
    unknownOperation: (seed, op) => error(seed, { status: 404, code: 'UnknownOperationException', message: `The sample organization has no recording for ${op}` }),
  };
}

/** S3's REST-XML error document (Amazon S3 API Reference, "Error responses"). */
export function s3Error(seed: string, e: WireError): SampleResponse {
  const ids = s3RequestIds(seed);
  const extra = Object.entries(e.extra ?? {}).map(([k, v]) => text(k, v)).join('');
  return respond(e.status,
    { 'content-type': 'application/xml', 'x-amz-request-id': ids.requestId, 'x-amz-id-2': ids.hostId, server: 'AmazonS3', ...e.headers },
    `${XML_DECLARATION}<Error>${text('Code', e.code)}${text('Message', e.message)}${extra}${text('RequestId', ids.requestId)}${text('HostId', ids.hostId)}</Error>`);
}

export function restXml(operationOf: (req: SampleRequest) => string | undefined): WireProtocol {
  return {
    name: 'restXml',
    operationOf,
    error: s3Error,
    unknownOperation: (seed, op) =>
      s3Error(seed, { status: 501, code: 'NotImplemented', message: `The sample organization has no recording for S3 ${op}` }),
  };
}
