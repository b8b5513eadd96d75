import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import {
  GetObjectCommand,
  GetObjectRetentionCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  PutObjectRetentionCommand,
  type S3Client,
} from '@aws-sdk/client-s3';
import { EvidenceError } from '../core/errors';
import { isSha256Hex, sha256Hex } from '../core/hash';
import { MIN_PART_BYTES, MultipartError, putFileMultipart } from './s3-multipart';
import type { ObjectStore, PutOutcome } from './store';

export interface S3ObjectStoreOptions {
  client: S3Client;
  bucket: string;
  prefix?: string;
  /** COMPLIANCE retention for every object written or reused; extended, never shortened. */
  retentionDays?: number;
  now?: () => Date;
  /** Files larger than this go up as a multipart upload of parts this size (at least 5 MiB). */
  partBytes?: number;
}

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * The vault on S3 with Object Lock in COMPLIANCE mode (DESIGN.md, "Vault"): nobody, the
 * account's root included, can delete a sealed version or shorten its retention before it
 * ends. The store adds no trust of its own: the vault re-hashes every read.
 */
export class S3ObjectStore implements ObjectStore {
  readonly url: string;
  private readonly client: S3Client;
  private readonly bucket: string;
  private readonly prefix: string;
  private readonly retentionDays: number;
  private readonly now: () => Date;
  private readonly partBytes: number;

  constructor(options: S3ObjectStoreOptions) {
    const retentionDays = options.retentionDays ?? 400;
    if (!Number.isInteger(retentionDays) || retentionDays < 1) {
      throw new EvidenceError('CONFIG_INVALID', `retentionDays must be a whole number of days >= 1, got ${retentionDays}`);
    }
    if (options.bucket === '') throw new EvidenceError('CONFIG_INVALID', 'the vault bucket name is empty');
    this.client = options.client;
    this.bucket = options.bucket;
    this.prefix = (options.prefix ?? '').replace(/^\/+|\/+$/g, '');
    this.retentionDays = retentionDays;
    this.now = options.now ?? (() => new Date());
    this.partBytes = options.partBytes ?? 16 * 1024 * 1024;
    if (!Number.isInteger(this.partBytes) || this.partBytes < MIN_PART_BYTES) {
      throw new EvidenceError('CONFIG_INVALID', `partBytes must be a whole number of bytes >= ${MIN_PART_BYTES} (S3's smallest part), got ${this.partBytes}`);
    }
    this.url = this.prefix === '' ? `s3://${this.bucket}` : `s3://${this.bucket}/${this.prefix}`;
  }

  async putIfAbsent(key: string, body: Buffer, sha256: string): Promise<PutOutcome> {
    // RGW never checks x-amz-checksum-sha256, so a wrong digest from the caller would be
    // stored under a content address that lies; refuse it before anything is written.
    if (!isSha256Hex(sha256) || sha256Hex(body) !== sha256) {
      throw new EvidenceError('INTERNAL', `${this.url}: ${key}: the given SHA-256 '${sha256}' is not the body's digest`);
    }
    const retainUntil = this.retainUntil();
    if (await this.exists(key)) {
      await this.extendRetention(key, retainUntil);
      return 'exists';
    }
    try {
      await this.client.send(
        new PutObjectCommand({
          Bucket: this.bucket,
          Key: this.fullKey(key),
          // A Buffer, never a stream: a streamed body goes out aws-chunked, which RGW refuses.
          Body: body,
          ObjectLockMode: 'COMPLIANCE',
          ObjectLockRetainUntilDate: retainUntil,
          // AWS checks the SHA-256; RGW ignores it but checks Content-MD5 (400 BadDigest).
          ChecksumSHA256: Buffer.from(sha256, 'hex').toString('base64'),
          ContentMD5: createHash('md5').update(body).digest('base64'),
          // Closes the gap between the HeadObject above and this write: a racing writer
          // that got there first makes this one fail with 412 instead of a second version.
          IfNoneMatch: '*',
        }),
      );
      return 'created';
    } catch (e) {
      if (awsCode(e) !== 'PreconditionFailed' && httpStatus(e) !== 412) throw this.unavailable('PutObject', key, e);
    }
    await this.extendRetention(key, retainUntil);
    return 'exists';
  }

  async putFileIfAbsent(key: string, file: string): Promise<PutOutcome> {
    const size = (await fs.stat(file)).size;
    // One part's worth or less: a single PutObject, with its whole-object SHA-256.
    if (size <= this.partBytes) {
      const body = await fs.readFile(file);
      return this.putIfAbsent(key, body, sha256Hex(body));
    }
    const retainUntil = this.retainUntil();
    if (await this.exists(key)) {
      await this.extendRetention(key, retainUntil);
      return 'exists';
    }
    try {
      await putFileMultipart({ client: this.client, bucket: this.bucket, key: this.fullKey(key), file, size, partBytes: this.partBytes, retainUntil });
      // Some stores (Ceph RGW 16) ignore Object Lock headers on CreateMultipartUpload: the
      // retention is checked on the completed object and set where it is missing or shorter.
      await this.extendRetention(key, retainUntil);
      return 'created';
    } catch (e) {
      const original = e instanceof MultipartError ? e.original : e;
      if (awsCode(original) !== 'PreconditionFailed' && httpStatus(original) !== 412) {
        throw this.unavailable(e instanceof MultipartError ? e.operation : 'multipart upload', key, original);
      }
    }
    await this.extendRetention(key, retainUntil);
    return 'exists';
  }

  async get(key: string): Promise<Buffer> {
    try {
      const out = await this.client.send(new GetObjectCommand({ Bucket: this.bucket, Key: this.fullKey(key) }));
      if (out.Body === undefined) throw new Error('GetObject answered without a body');
      return Buffer.from(await out.Body.transformToByteArray());
    } catch (e) {
      if (awsCode(e) === 'NoSuchKey') {
        throw new EvidenceError('VAULT_NOT_FOUND', `${this.url}: no object ${key} (s3 key ${this.fullKey(key)})`, { cause: e });
      }
      throw this.unavailable('GetObject', key, e);
    }
  }

  async getToFile(key: string, file: string): Promise<void> {
    let created = false;
    try {
      const out = await this.client.send(new GetObjectCommand({ Bucket: this.bucket, Key: this.fullKey(key) }));
      if (out.Body === undefined) throw new Error('GetObject answered without a body');
      // Opened exclusively before anything is written: an existing file is never touched.
      const handle = await fs.open(file, 'wx');
      created = true;
      // In Node the body is a readable stream: written as it arrives, never held whole.
      await pipeline(out.Body as Readable, handle.createWriteStream());
    } catch (e) {
      if (created) await fs.rm(file, { force: true });
      if (awsCode(e) === 'NoSuchKey') {
        throw new EvidenceError('VAULT_NOT_FOUND', `${this.url}: no object ${key} (s3 key ${this.fullKey(key)})`, { cause: e });
      }
      if ((e as NodeJS.ErrnoException).code === 'EEXIST') {
        throw new EvidenceError('VAULT_UNAVAILABLE', `${this.url}: cannot write ${key} to ${file}: it already exists`, { cause: e });
      }
      throw this.unavailable('GetObject', key, e);
    }
  }

  async exists(key: string): Promise<boolean> {
    try {
      await this.client.send(new HeadObjectCommand({ Bucket: this.bucket, Key: this.fullKey(key) }));
      return true;
    } catch (e) {
      // HeadObject has no body, so S3 can only say 404 ('NotFound'), never 'NoSuchKey'.
      if (awsCode(e) === 'NotFound' || awsCode(e) === 'NoSuchKey' || httpStatus(e) === 404) return false;
      throw this.unavailable('HeadObject', key, e);
    }
  }

  async list(prefix: string): Promise<string[]> {
    const root = this.prefix === '' ? '' : `${this.prefix}/`;
    const keys: string[] = [];
    let token: string | undefined;
    do {
      let page;
      try {
        page = await this.client.send(
          new ListObjectsV2Command({ Bucket: this.bucket, Prefix: root + prefix, ContinuationToken: token }),
        );
      } catch (e) {
        throw this.unavailable('ListObjectsV2', prefix, e);
      }
      for (const object of page.Contents ?? []) {
        if (object.Key?.startsWith(root) === true) keys.push(object.Key.slice(root.length));
      }
      token = page.IsTruncated === true ? page.NextContinuationToken : undefined;
    } while (token !== undefined);
    // Ascending byte order (the interface's promise), not UTF-16 order.
    return keys.sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)));
  }

  delete(key: string): Promise<never> {
    return Promise.reject(
      new EvidenceError('VAULT_DELETE_REFUSED', `${this.url}: refusing to delete ${key}: evidence is never deleted`),
    );
  }

  /** Extends an existing object's COMPLIANCE retention to `until` when it ends sooner; never shortens it. */
  private async extendRetention(key: string, until: Date): Promise<void> {
    const Key = this.fullKey(key);
    let current: Date | undefined;
    try {
      const out = await this.client.send(new GetObjectRetentionCommand({ Bucket: this.bucket, Key }));
      current = out.Retention?.RetainUntilDate;
    } catch (e) {
      // An object without retention (written before the bucket's lock) gets one now.
      const code = awsCode(e);
      if (code !== 'NoSuchObjectLockConfiguration' && code !== 'ObjectLockConfigurationNotFoundError') {
        throw this.unavailable('GetObjectRetention', key, e);
      }
    }
    if (current !== undefined && current.getTime() >= until.getTime()) return;
    try {
      await this.client.send(
        new PutObjectRetentionCommand({ Bucket: this.bucket, Key, Retention: { Mode: 'COMPLIANCE', RetainUntilDate: until } }),
      );
    } catch (e) {
      throw this.unavailable('PutObjectRetention', key, e);
    }
  }

  private retainUntil(): Date {
    // Whole seconds, as S3 stores them: otherwise every reuse would look "later" by a few
    // milliseconds and cost a PutObjectRetention for nothing.
    return new Date(Math.ceil((this.now().getTime() + this.retentionDays * DAY_MS) / 1000) * 1000);
  }

  private fullKey(key: string): string {
    return this.prefix === '' ? key : `${this.prefix}/${key}`;
  }

  private unavailable(operation: string, key: string, e: unknown): EvidenceError {
    const message = e instanceof Error ? e.message : String(e);
    return new EvidenceError(
      'VAULT_UNAVAILABLE',
      `${this.url}: S3 ${operation} on bucket ${this.bucket}, key ${this.fullKey(key)} failed: ${awsCode(e) ?? 'error'} (${message})`,
      { cause: e },
    );
  }
}

/** The AWS error code: the SDK puts it in `name` (e.g. 'NoSuchKey', 'AccessDenied'). */
function awsCode(e: unknown): string | undefined {
  return e instanceof Error ? e.name : undefined;
}

function httpStatus(e: unknown): number | undefined {
  if (typeof e !== 'object' || e === null || !('$metadata' in e)) return undefined;
  const metadata = (e as { $metadata?: { httpStatusCode?: number } }).$metadata;
  return metadata?.httpStatusCode;
}
