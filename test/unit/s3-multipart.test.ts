import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import * as path from 'node:path';
import {
  AbortMultipartUploadCommand,
  CompleteMultipartUploadCommand,
  CreateMultipartUploadCommand,
  GetObjectRetentionCommand,
  HeadObjectCommand,
  NotFound,
  PutObjectCommand,
  PutObjectRetentionCommand,
  S3Client,
  S3ServiceException,
  UploadPartCommand,
} from '@aws-sdk/client-s3';
import { mockClient } from 'aws-sdk-client-mock';
import { S3ObjectStore } from '../../src/vault/s3-store';
import { useTempDir } from '../support/temp';

// A file larger than one part goes up as a multipart upload (S3's documented responses:
// CreateMultipartUpload answers an UploadId, each UploadPart an ETag).
const s3 = mockClient(S3Client);
const NOW = new Date('2026-01-01T00:00:00.000Z');
const RETAIN_UNTIL = new Date('2027-02-05T00:00:00.000Z'); // NOW + 400 days
const PART = 5 * 1024 * 1024;
const KEY = 'packs/2026-Q3/evidence-pack-2026-Q3-20261001T060000Z.zip';

const store = (partBytes = PART) => new S3ObjectStore({ client: new S3Client({}), bucket: 'evidence-vault', prefix: 'org', now: () => NOW, partBytes });
const headNotFound = () => new NotFound({ message: 'UnknownError', $metadata: { httpStatusCode: 404 } });
const b64 = (algorithm: string, b: Buffer) => createHash(algorithm).update(b).digest('base64');

beforeEach(() => s3.reset());

describe('S3ObjectStore.putFileIfAbsent', () => {
  const tmp = useTempDir();
  const file = (bytes: Buffer) => {
    const f = path.join(tmp(), 'pack.zip');
    writeFileSync(f, bytes);
    return f;
  };
  // 12 MiB: two full parts and a last one of 2 MiB.
  const body = Buffer.alloc(12 * 1024 * 1024, 7);
  body.write('the first part', 0);
  const parts = [body.subarray(0, PART), body.subarray(PART, 2 * PART), body.subarray(2 * PART)];

  it('uploads a file larger than a part in parts, with COMPLIANCE retention, per-part SHA-256 and MD5, and If-None-Match', async () => {
    // Prepare
    s3.on(HeadObjectCommand).rejects(headNotFound());
    s3.on(CreateMultipartUploadCommand).resolves({ UploadId: 'upload-1', Bucket: 'evidence-vault', Key: `org/${KEY}` });
    s3.on(UploadPartCommand).callsFake((input: { PartNumber: number }) => ({ ETag: `"etag-${input.PartNumber}"` }));
    s3.on(CompleteMultipartUploadCommand).resolves({ ETag: '"etag-3"', VersionId: 'v1' });
    s3.on(GetObjectRetentionCommand).resolves({ Retention: { Mode: 'COMPLIANCE', RetainUntilDate: RETAIN_UNTIL } });

    // Act
    const outcome = await store().putFileIfAbsent(KEY, file(body));

    // Assess
    expect(outcome).toBe('created');
    expect(s3.commandCalls(CreateMultipartUploadCommand).map((c) => c.args[0].input)).toEqual([
      { Bucket: 'evidence-vault', Key: `org/${KEY}`, ObjectLockMode: 'COMPLIANCE', ObjectLockRetainUntilDate: RETAIN_UNTIL, ChecksumAlgorithm: 'SHA256' },
    ]);
    const sent = s3.commandCalls(UploadPartCommand).map((c) => c.args[0].input);
    expect(sent.map(({ Body, ...rest }) => ({ ...rest, bytes: (Body as Buffer).length }))).toEqual(
      parts.map((p, i) => ({ Bucket: 'evidence-vault', Key: `org/${KEY}`, UploadId: 'upload-1', PartNumber: i + 1, ChecksumSHA256: b64('sha256', p), ContentMD5: b64('md5', p), bytes: p.length })),
    );
    expect(Buffer.concat(sent.map((s) => s.Body as Buffer)).equals(body)).toBe(true);
    expect(s3.commandCalls(CompleteMultipartUploadCommand).map((c) => c.args[0].input)).toEqual([
      {
        Bucket: 'evidence-vault',
        Key: `org/${KEY}`,
        UploadId: 'upload-1',
        MultipartUpload: { Parts: parts.map((p, i) => ({ PartNumber: i + 1, ETag: `"etag-${i + 1}"`, ChecksumSHA256: b64('sha256', p) })) },
        IfNoneMatch: '*',
      },
    ]);
    expect(s3).not.toHaveReceivedCommand(AbortMultipartUploadCommand);
    expect(s3).not.toHaveReceivedCommand(PutObjectCommand);
    // The retention the upload asked for is there: nothing more is sent.
    expect(s3).not.toHaveReceivedCommand(PutObjectRetentionCommand);
  });

  it('sets COMPLIANCE retention on the completed object when the store ignored it on create', async () => {
    s3.on(HeadObjectCommand).rejects(headNotFound());
    s3.on(CreateMultipartUploadCommand).resolves({ UploadId: 'upload-4' });
    s3.on(UploadPartCommand).resolves({ ETag: '"e"' });
    s3.on(CompleteMultipartUploadCommand).resolves({ ETag: '"e-3"' });
    s3.on(GetObjectRetentionCommand).rejects(new S3ServiceException({ name: 'NoSuchObjectLockConfiguration', $fault: 'client', message: 'The specified object does not have a ObjectLock configuration', $metadata: { httpStatusCode: 404 } }));

    await expect(store().putFileIfAbsent(KEY, file(body))).resolves.toBe('created');

    expect(s3.commandCalls(PutObjectRetentionCommand).map((c) => c.args[0].input)).toEqual([
      { Bucket: 'evidence-vault', Key: `org/${KEY}`, Retention: { Mode: 'COMPLIANCE', RetainUntilDate: RETAIN_UNTIL } },
    ]);
  });

  it('aborts the upload when a part fails, and says which call failed', async () => {
    s3.on(HeadObjectCommand).rejects(headNotFound());
    s3.on(CreateMultipartUploadCommand).resolves({ UploadId: 'upload-2' });
    s3.on(UploadPartCommand, { PartNumber: 1 }).resolves({ ETag: '"etag-1"' });
    s3.on(UploadPartCommand, { PartNumber: 2 }).rejects(new S3ServiceException({ name: 'SlowDown', $fault: 'server', message: 'Please reduce your request rate.', $metadata: { httpStatusCode: 503 } }));

    await expect(store().putFileIfAbsent(KEY, file(body))).rejects.toMatchObject({ code: 'VAULT_UNAVAILABLE', message: expect.stringContaining('S3 UploadPart') });

    expect(s3.commandCalls(AbortMultipartUploadCommand).map((c) => c.args[0].input)).toEqual([{ Bucket: 'evidence-vault', Key: `org/${KEY}`, UploadId: 'upload-2' }]);
    expect(s3).not.toHaveReceivedCommand(CompleteMultipartUploadCommand);
  });

  it('answers exists when a racing writer completes first (412), aborting its own upload', async () => {
    s3.on(HeadObjectCommand).rejects(headNotFound());
    s3.on(CreateMultipartUploadCommand).resolves({ UploadId: 'upload-3' });
    s3.on(UploadPartCommand).resolves({ ETag: '"e"' });
    s3.on(CompleteMultipartUploadCommand).rejects(new S3ServiceException({ name: 'PreconditionFailed', $fault: 'client', message: 'At least one of the pre-conditions you specified did not hold', $metadata: { httpStatusCode: 412 } }));
    s3.on(GetObjectRetentionCommand).resolves({ Retention: { Mode: 'COMPLIANCE', RetainUntilDate: RETAIN_UNTIL } });

    await expect(store().putFileIfAbsent(KEY, file(body))).resolves.toBe('exists');

    expect(s3).toHaveReceivedCommandWith(AbortMultipartUploadCommand, { UploadId: 'upload-3' });
  });

  it('sends a file of one part or less as a single PutObject with its whole SHA-256', async () => {
    s3.on(HeadObjectCommand).rejects(headNotFound());
    s3.on(PutObjectCommand).resolves({ ETag: '"x"' });
    const small = Buffer.from('a small pack');

    await expect(store().putFileIfAbsent(KEY, file(small))).resolves.toBe('created');

    expect(s3).toHaveReceivedCommandWith(PutObjectCommand, { Body: small, ChecksumSHA256: b64('sha256', small), ObjectLockMode: 'COMPLIANCE', IfNoneMatch: '*' });
    expect(s3).not.toHaveReceivedCommand(CreateMultipartUploadCommand);
  });

  it('refuses a part size below S3’s 5 MiB minimum', () => {
    expect(() => store(1024 * 1024)).toThrow(/partBytes must be a whole number of bytes >= 5242880/);
  });
});
