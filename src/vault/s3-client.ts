import { S3Client, type S3ClientConfig } from '@aws-sdk/client-s3';
import { EvidenceError } from '../core/errors';

export interface VaultS3ClientOptions {
  region?: string;
  /** Only for S3-compatible stores (tests); AWS_ENDPOINT_URL(_S3) is honoured by the SDK itself. */
  endpoint?: string;
  forcePathStyle?: boolean;
  credentials?: S3ClientConfig['credentials'];
}

/**
 * An S3 client for the vault. Checksums only when an operation requires them: the store sends
 * ChecksumSHA256 (our own digest) and Content-MD5 itself, and the SDK's default trailing
 * checksum turns Buffer uploads into aws-chunked streams that Ceph RGW refuses (411).
 * Everything else (profiles, AWS_REGION, endpoints from the environment) is the SDK's.
 */
export function createVaultS3Client(options: VaultS3ClientOptions = {}): S3Client {
  const config: S3ClientConfig = {
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
  };
  if (options.region !== undefined) config.region = options.region;
  if (options.endpoint !== undefined) config.endpoint = options.endpoint;
  if (options.forcePathStyle === true) config.forcePathStyle = true;
  if (options.credentials !== undefined) config.credentials = options.credentials;
  return new S3Client(config);
}

export interface S3Location {
  bucket: string;
  /** No leading or trailing slash; '' for the bucket's root. */
  prefix: string;
}

// S3's bucket naming rules (general purpose buckets): 3–63 characters, lowercase letters,
// digits, dots and hyphens, starting and ending with a letter or digit, not an IP address.
const BUCKET_NAME = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;
const IP_ADDRESS = /^\d+\.\d+\.\d+\.\d+$/;

/**
 * Parses `s3://bucket[/prefix]` from a config file (CONFIG_INVALID) or a command line (USAGE).
 * Prefix segments must be non-empty and never `.` or `..`: keys derived from them must name
 * one place only.
 */
export function parseS3Url(url: string, code: 'CONFIG_INVALID' | 'USAGE' = 'CONFIG_INVALID'): S3Location {
  const refuse = (why: string): never => {
    throw new EvidenceError(code, `invalid vault URL '${url}': ${why}; expected s3://bucket or s3://bucket/prefix`);
  };
  if (!url.startsWith('s3://')) refuse('it does not start with s3://');
  if (/[?#\s\\]/.test(url)) refuse('it contains a query, fragment, whitespace or backslash');
  const rest = url.slice('s3://'.length);
  const slash = rest.indexOf('/');
  const bucket = slash === -1 ? rest : rest.slice(0, slash);
  const prefix = slash === -1 ? '' : rest.slice(slash + 1).replace(/\/+$/, '');
  if (bucket === '') refuse('the bucket name is empty');
  if (!BUCKET_NAME.test(bucket) || bucket.includes('..') || IP_ADDRESS.test(bucket)) {
    refuse(`'${bucket}' is not a valid S3 bucket name (3-63 lowercase letters, digits, dots, hyphens)`);
  }
  if (prefix !== '' && prefix.split('/').some((s) => s === '' || s === '.' || s === '..')) {
    refuse(`the prefix '${prefix}' has an empty, '.' or '..' segment`);
  }
  return { bucket, prefix };
}
