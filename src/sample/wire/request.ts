/**
 * The parts of an HTTP request the sample organization answers from, whichever way it
 * arrived (an SDK HttpRequest through the request handler, or a node:http request through
 * the sample server). Header names are lower-case; query values are the first given.
 */
export interface SampleRequest {
  readonly method: string;
  readonly hostname: string;
  readonly path: string;
  readonly query: Readonly<Record<string, string>>;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
}

const REGION = /^[a-z]{2}(-gov|-iso[a-z]?)?-[a-z]+-\d+$/;
const CREDENTIAL = /Credential=[^/\s,]+\/\d{8}\/([^/\s,]+)\/([^/\s,]+)\/aws4_request/;

/** Region and service from the SigV4 credential scope (Authorization header or presigned query). */
export function credentialScope(req: SampleRequest): { region: string; service: string } | undefined {
  const source = req.headers['authorization'] ?? (req.query['X-Amz-Credential'] ? `Credential=${req.query['X-Amz-Credential']}` : '');
  const m = CREDENTIAL.exec(source);
  return m?.[1] && m[2] ? { region: m[1], service: m[2] } : undefined;
}

function isAwsHost(hostname: string): boolean {
  return hostname.endsWith('.amazonaws.com');
}

/**
 * The region a request is for: from an AWS hostname (cloudtrail.us-east-1.amazonaws.com,
 * bucket.s3.us-west-2.amazonaws.com; global endpoints such as s3.amazonaws.com mean
 * us-east-1), otherwise (a custom endpoint) from the credential scope the SDK signed with.
 */
export function regionOf(req: SampleRequest): string {
  if (isAwsHost(req.hostname)) {
    const labels = req.hostname.split('.').flatMap((l) => (l.startsWith('s3-') ? [l.slice(3)] : [l]));
    return labels.find((l) => REGION.test(l)) ?? 'us-east-1';
  }
  return credentialScope(req)?.region ?? 'us-east-1';
}

/** SigV4 signing name of the service (s3, sts, cloudtrail, …): credential scope first, then hostname. */
export function signingServiceOf(req: SampleRequest): string | undefined {
  const scoped = credentialScope(req)?.service;
  if (scoped) return scoped;
  if (!isAwsHost(req.hostname)) return undefined;
  const labels = req.hostname.split('.');
  if (labels.some((l) => l === 's3' || l.startsWith('s3-'))) return 's3';
  return labels[0]?.replace(/-fips$/, '');
}

/** Form-encoded body of an awsQuery / ec2Query request. */
export function formParams(req: SampleRequest): URLSearchParams {
  return new URLSearchParams(req.body);
}

/** A JSON request body as an object; an empty or non-object body reads as {}. */
export function jsonBody(req: SampleRequest): Readonly<Record<string, unknown>> | undefined {
  if (req.body.trim() === '') return {};
  try {
    const parsed: unknown = JSON.parse(req.body);
    return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}
