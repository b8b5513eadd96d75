import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import {
  AbortMultipartUploadCommand,
  CompleteMultipartUploadCommand,
  CreateMultipartUploadCommand,
  UploadPartCommand,
  type CompletedPart,
  type S3Client,
} from '@aws-sdk/client-s3';

/**
 * A file put as one S3 object through a multipart upload (a quarter's pack zip can be far larger
 * than is reasonable to hold in memory): one part in memory at a time, each sent with its own
 * SHA-256 (AWS checks it) and Content-MD5 (Ceph RGW checks it), the object created with Object
 * Lock COMPLIANCE retention like every vault object, and completed only if the key is still
 * absent (If-None-Match). Any failure aborts the upload, so no parts are left behind.
 */
export interface MultipartPut {
  client: S3Client;
  bucket: string;
  key: string;
  file: string;
  size: number;
  partBytes: number;
  retainUntil: Date;
}

/** S3's smallest part (all but the last). */
export const MIN_PART_BYTES = 5 * 1024 * 1024;

/** Thrown with the failed operation's name, so that the store can say which call failed. */
export class MultipartError extends Error {
  constructor(
    readonly operation: string,
    readonly original: unknown,
  ) {
    super(original instanceof Error ? original.message : String(original));
  }
}

export async function putFileMultipart(p: MultipartPut): Promise<void> {
  const { client, bucket: Bucket, key: Key } = p;
  let UploadId: string | undefined;
  try {
    const created = await client.send(
      new CreateMultipartUploadCommand({ Bucket, Key, ObjectLockMode: 'COMPLIANCE', ObjectLockRetainUntilDate: p.retainUntil, ChecksumAlgorithm: 'SHA256' }),
    );
    UploadId = created.UploadId;
    if (UploadId === undefined) throw new Error('CreateMultipartUpload answered without an UploadId');
  } catch (e) {
    throw new MultipartError('CreateMultipartUpload', e);
  }
  let operation = 'UploadPart';
  try {
    const parts: CompletedPart[] = [];
    const handle = await fs.open(p.file, 'r');
    try {
      for (let PartNumber = 1, offset = 0; offset < p.size; PartNumber++, offset += p.partBytes) {
        const body = Buffer.allocUnsafe(Math.min(p.partBytes, p.size - offset));
        for (let at = 0; at < body.length; ) {
          const { bytesRead } = await handle.read(body, at, body.length - at, offset + at);
          if (bytesRead === 0) throw new Error(`${p.file} ended at byte ${offset + at}, expected ${p.size} bytes`);
          at += bytesRead;
        }
        const ChecksumSHA256 = createHash('sha256').update(body).digest('base64');
        const ContentMD5 = createHash('md5').update(body).digest('base64');
        const out = await client.send(new UploadPartCommand({ Bucket, Key, UploadId, PartNumber, Body: body, ChecksumSHA256, ContentMD5 }));
        parts.push({ PartNumber, ETag: out.ETag, ChecksumSHA256 });
      }
    } finally {
      await handle.close();
    }
    operation = 'CompleteMultipartUpload';
    await client.send(new CompleteMultipartUploadCommand({ Bucket, Key, UploadId, MultipartUpload: { Parts: parts }, IfNoneMatch: '*' }));
  } catch (e) {
    try {
      await client.send(new AbortMultipartUploadCommand({ Bucket, Key, UploadId }));
    } catch {
      // The upload's own failure is the one to report. An upload left open is never an object;
      // a lifecycle rule for incomplete multipart uploads removes its parts.
    }
    throw new MultipartError(operation, e);
  }
}
