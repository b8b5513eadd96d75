import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Readable } from 'node:stream';
import {
  GetObjectCommand,
  GetObjectRetentionCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  NoSuchKey,
  NotFound,
  PutObjectCommand,
  PutObjectRetentionCommand,
  S3Client,
  S3ServiceException,
} from '@aws-sdk/client-s3';
import { sdkStreamMixin } from '@smithy/core/serde';
import { mockClient } from 'aws-sdk-client-mock';
import { createVaultS3Client, parseS3Url } from '../../src/vault/s3-client';
import { S3ObjectStore } from '../../src/vault/s3-store';

// Fixtures follow S3's documented responses: HeadObject 404 carries no body (SDK: NotFound),
// GetObject's 404 is NoSuchKey, conditional writes fail with 412 PreconditionFailed.
const s3 = mockClient(S3Client);
const NOW = new Date('2026-01-01T00:00:00.000Z');
const RETAIN_UNTIL = new Date('2027-02-05T00:00:00.000Z'); // NOW + 400 days (the default)
const HELLO = Buffer.from('hello');
const HELLO_SHA256 = '2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824';
const KEY = 'artifacts/2cf24dba.json';

const store = () => new S3ObjectStore({ client: new S3Client({}), bucket: 'evidence-vault', prefix: 'org', now: () => NOW });
const headNotFound = () => new NotFound({ message: 'UnknownError', $metadata: { httpStatusCode: 404 } });
const awsError = (name: string, httpStatusCode: number, message: string) =>
  new S3ServiceException({ name, $fault: 'client', message, $metadata: { httpStatusCode } });
const existing = { ETag: '"5d41402abc4b2a76b9719d911017c592"', ContentLength: 5, VersionId: 'v1' };

beforeEach(() => s3.reset());

describe('S3ObjectStore.putIfAbsent', () => {
  it('writes a new object with COMPLIANCE retention, our SHA-256, Content-MD5 and If-None-Match', async () => {
    // Prepare
    s3.on(HeadObjectCommand).rejects(headNotFound());
    s3.on(PutObjectCommand).resolves({ ETag: '"5d41402abc4b2a76b9719d911017c592"', VersionId: 'v1' });

    // Act
    const outcome = await store().putIfAbsent(KEY, HELLO, HELLO_SHA256);

    // Assess
    expect(outcome).toBe('created');
    expect(s3).toHaveReceivedCommandWith(HeadObjectCommand, { Bucket: 'evidence-vault', Key: `org/${KEY}` });
    expect(s3.commandCalls(PutObjectCommand).map((c) => c.args[0].input)).toEqual([
      {
        Bucket: 'evidence-vault',
        Key: `org/${KEY}`,
        Body: HELLO,
        ObjectLockMode: 'COMPLIANCE',
        ObjectLockRetainUntilDate: RETAIN_UNTIL,
        ChecksumSHA256: 'LPJNul+wow4m6DsqxbninhsWHlwfp0JecwQzYpOLmCQ=',
        ContentMD5: 'XUFAKrxLKna5cZ2REBfFkg==',
        IfNoneMatch: '*',
      },
    ]);
    expect(s3).not.toHaveReceivedCommand(PutObjectRetentionCommand);
  });

  it('extends the retention of an existing object that ends sooner, and writes nothing', async () => {
    s3.on(HeadObjectCommand).resolves(existing);
    s3.on(GetObjectRetentionCommand).resolves({
      Retention: { Mode: 'COMPLIANCE', RetainUntilDate: new Date('2026-06-30T00:00:00.000Z') },
    });

    const outcome = await store().putIfAbsent(KEY, HELLO, HELLO_SHA256);

    expect(outcome).toBe('exists');
    expect(s3).not.toHaveReceivedCommand(PutObjectCommand);
    expect(s3.commandCalls(PutObjectRetentionCommand).map((c) => c.args[0].input)).toEqual([
      { Bucket: 'evidence-vault', Key: `org/${KEY}`, Retention: { Mode: 'COMPLIANCE', RetainUntilDate: RETAIN_UNTIL } },
    ]);
  });

  it('never shortens a retention that already ends later', async () => {
    s3.on(HeadObjectCommand).resolves(existing);
    s3.on(GetObjectRetentionCommand).resolves({
      Retention: { Mode: 'COMPLIANCE', RetainUntilDate: new Date('2030-01-01T00:00:00.000Z') },
    });

    const outcome = await store().putIfAbsent(KEY, HELLO, HELLO_SHA256);

    expect(outcome).toBe('exists');
    expect(s3).not.toHaveReceivedCommand(PutObjectCommand);
    expect(s3).not.toHaveReceivedCommand(PutObjectRetentionCommand);
  });

  it('puts a COMPLIANCE retention on an existing object that has none', async () => {
    s3.on(HeadObjectCommand).resolves(existing);
    s3.on(GetObjectRetentionCommand).rejects(
      awsError('NoSuchObjectLockConfiguration', 404, 'The specified object does not have a ObjectLock configuration'),
    );

    await expect(store().putIfAbsent(KEY, HELLO, HELLO_SHA256)).resolves.toBe('exists');

    expect(s3).toHaveReceivedCommandWith(PutObjectRetentionCommand, {
      Retention: { Mode: 'COMPLIANCE', RetainUntilDate: RETAIN_UNTIL },
    });
  });

  it('answers exists when a racing writer wins the conditional write (412)', async () => {
    s3.on(HeadObjectCommand).rejects(headNotFound());
    s3.on(PutObjectCommand).rejects(
      awsError('PreconditionFailed', 412, 'At least one of the pre-conditions you specified did not hold'),
    );
    s3.on(GetObjectRetentionCommand).resolves({ Retention: { Mode: 'COMPLIANCE', RetainUntilDate: RETAIN_UNTIL } });

    await expect(store().putIfAbsent(KEY, HELLO, HELLO_SHA256)).resolves.toBe('exists');

    expect(s3).toHaveReceivedCommandTimes(PutObjectCommand, 1);
    expect(s3).not.toHaveReceivedCommand(PutObjectRetentionCommand);
  });

  it('refuses a digest that is not the body’s, before sending anything', async () => {
    const wrong = HELLO_SHA256.replace('2c', '3c');

    await expect(store().putIfAbsent(KEY, HELLO, wrong)).rejects.toMatchObject({ code: 'INTERNAL' });

    expect(s3.calls()).toHaveLength(0);
  });

  it('reports AccessDenied as VAULT_UNAVAILABLE naming the operation, bucket, key and code', async () => {
    const denied = awsError('AccessDenied', 403, 'Access Denied');
    s3.on(HeadObjectCommand).rejects(denied);

    const error = await store().putIfAbsent(KEY, HELLO, HELLO_SHA256).catch((e: unknown) => e);

    expect(error).toMatchObject({ code: 'VAULT_UNAVAILABLE', cause: denied });
    expect(String(error)).toMatch(/HeadObject on bucket evidence-vault, key org\/artifacts\/2cf24dba\.json failed: AccessDenied/);
    expect(s3).not.toHaveReceivedCommand(PutObjectCommand);
  });
});

describe('S3ObjectStore reads', () => {
  it('get returns the stored bytes', async () => {
    s3.on(GetObjectCommand, { Bucket: 'evidence-vault', Key: `org/${KEY}` }).resolves({
      Body: sdkStreamMixin(Readable.from([HELLO])),
      ContentLength: 5,
    });

    await expect(store().get(KEY)).resolves.toEqual(HELLO);
  });

  it('get of a missing key is VAULT_NOT_FOUND with the vault url and key', async () => {
    s3.on(GetObjectCommand).rejects(new NoSuchKey({ message: 'The specified key does not exist.', $metadata: { httpStatusCode: 404 } }));

    const error = await store().get(KEY).catch((e: unknown) => e);

    expect(error).toMatchObject({ code: 'VAULT_NOT_FOUND' });
    expect(String(error)).toContain(`s3://evidence-vault/org: no object ${KEY}`);
  });

  it('get denied is VAULT_UNAVAILABLE with the original error as cause', async () => {
    const denied = awsError('AccessDenied', 403, 'Access Denied');
    s3.on(GetObjectCommand).rejects(denied);

    await expect(store().get(KEY)).rejects.toMatchObject({ code: 'VAULT_UNAVAILABLE', cause: denied });
  });

  it('getToFile streams the body into a new file, chunk by chunk', async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'ev-s3-get-'));
    try {
      const chunks = [Buffer.alloc(70_000, 1), Buffer.alloc(70_000, 2), HELLO];
      s3.on(GetObjectCommand, { Bucket: 'evidence-vault', Key: `org/${KEY}` }).resolves({ Body: sdkStreamMixin(Readable.from(chunks)) });
      await store().getToFile(KEY, path.join(dir, 'out.zip'));
      expect(await fs.readFile(path.join(dir, 'out.zip'))).toEqual(Buffer.concat(chunks));
      // The target is created, never overwritten.
      s3.on(GetObjectCommand).resolves({ Body: sdkStreamMixin(Readable.from([HELLO])) });
      await expect(store().getToFile(KEY, path.join(dir, 'out.zip'))).rejects.toMatchObject({ code: 'VAULT_UNAVAILABLE' });
      expect((await fs.stat(path.join(dir, 'out.zip'))).size).toBe(140_005);
    } finally {
      await fs.rm(dir, { recursive: true, force: true });
    }
  });

  it('getToFile of a missing key is VAULT_NOT_FOUND, and a body that breaks off leaves no file', async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'ev-s3-get-'));
    try {
      s3.on(GetObjectCommand).rejects(new NoSuchKey({ message: 'The specified key does not exist.', $metadata: { httpStatusCode: 404 } }));
      await expect(store().getToFile(KEY, path.join(dir, 'a.zip'))).rejects.toMatchObject({ code: 'VAULT_NOT_FOUND' });
      const broken = new Readable({ read() { this.push(HELLO); this.destroy(new Error('socket hang up')); } });
      s3.on(GetObjectCommand).resolves({ Body: sdkStreamMixin(broken) });
      const error = await store().getToFile(KEY, path.join(dir, 'b.zip')).catch((e: unknown) => e);
      expect(error).toMatchObject({ code: 'VAULT_UNAVAILABLE' });
      expect(String(error)).toContain('socket hang up');
      expect(await fs.readdir(dir)).toEqual([]);
    } finally {
      await fs.rm(dir, { recursive: true, force: true });
    }
  });

  it('exists maps HeadObject 404 to false and an answer to true', async () => {
    s3.on(HeadObjectCommand).rejects(headNotFound()).on(HeadObjectCommand, { Key: `org/${KEY}` }).resolves(existing);

    await expect(store().exists(KEY)).resolves.toBe(true);
    await expect(store().exists('artifacts/none.json')).resolves.toBe(false);
  });

  it('list follows ContinuationToken to the last page, strips the prefix and sorts by bytes', async () => {
    // Prepare: three pages, as S3 returns them (IsTruncated + NextContinuationToken)
    const page = (keys: string[], next?: string) => ({
      ...{ Name: 'evidence-vault', Prefix: 'org/manifests/', KeyCount: keys.length, MaxKeys: 2 },
      ...{ IsTruncated: next !== undefined, NextContinuationToken: next },
      Contents: keys.map((k) => ({ Key: `org/${k}`, Size: 5, StorageClass: 'STANDARD' as const })),
    });
    s3.on(ListObjectsV2Command)
      .resolvesOnce(page(['manifests/b.json', 'manifests/a.json'], 'token-1'))
      .resolvesOnce(page(['manifests/c.json', 'manifests/C.json'], 'token-2'))
      .resolvesOnce(page(['manifests/a.sig']));

    // Act
    const keys = await store().list('manifests/');

    // Assess
    expect(keys).toEqual(['manifests/C.json', 'manifests/a.json', 'manifests/a.sig', 'manifests/b.json', 'manifests/c.json']);
    expect(s3.commandCalls(ListObjectsV2Command).map((c) => c.args[0].input)).toEqual([
      { Bucket: 'evidence-vault', Prefix: 'org/manifests/', ContinuationToken: undefined },
      { Bucket: 'evidence-vault', Prefix: 'org/manifests/', ContinuationToken: 'token-1' },
      { Bucket: 'evidence-vault', Prefix: 'org/manifests/', ContinuationToken: 'token-2' },
    ]);
  });

  it('delete is always refused and sends nothing', async () => {
    await expect(store().delete(KEY)).rejects.toMatchObject({ code: 'VAULT_DELETE_REFUSED' });

    expect(s3.calls()).toHaveLength(0);
  });
});

describe('createVaultS3Client and parseS3Url', () => {
  it('computes and validates checksums only when an operation requires them', async () => {
    const client = createVaultS3Client({ region: 'us-east-1', forcePathStyle: true });

    await expect(client.config.requestChecksumCalculation()).resolves.toBe('WHEN_REQUIRED');
    await expect(client.config.responseChecksumValidation()).resolves.toBe('WHEN_REQUIRED');
    expect(client.config.forcePathStyle).toBe(true);
  });

  it('parses bucket and prefix', () => {
    expect(parseS3Url('s3://evidence-vault')).toEqual({ bucket: 'evidence-vault', prefix: '' });
    expect(parseS3Url('s3://evidence-vault/org/prod/')).toEqual({ bucket: 'evidence-vault', prefix: 'org/prod' });
    expect(store().url).toBe('s3://evidence-vault/org');
  });

  it.each([
    ['https://evidence-vault/org', 'does not start with s3://'],
    ['s3:///org', 'bucket name is empty'],
    ['s3://Evidence_Vault', 'not a valid S3 bucket name'],
    ['s3://192.168.0.1', 'not a valid S3 bucket name'],
    ['s3://evidence-vault/org/../other', "'..' segment"],
    ['s3://evidence-vault/org?x=1', 'query'],
  ])('refuses %s (%s)', (url, why) => {
    const thrown = (code?: 'USAGE') => {
      try {
        return parseS3Url(url, code);
      } catch (e) {
        return e;
      }
    };
    expect(thrown('USAGE')).toMatchObject({ code: 'USAGE', message: expect.stringContaining(why) });
    expect(thrown()).toMatchObject({ code: 'CONFIG_INVALID' });
  });
});
