import {
  GetBucketEncryptionCommand,
  GetBucketLifecycleConfigurationCommand,
  GetBucketLoggingCommand,
  GetBucketPolicyCommand,
  GetBucketTaggingCommand,
  GetBucketVersioningCommand,
  GetObjectLockConfigurationCommand,
  GetPublicAccessBlockCommand,
  ListBucketsCommand,
  S3Client,
  type Bucket,
} from '@aws-sdk/client-s3';
import { GetPublicAccessBlockCommand as GetAccountPublicAccessBlockCommand, S3ControlClient } from '@aws-sdk/client-s3-control';
import type { Recorder } from './recorder';
import type { CollectTarget, Collector } from './types';

type BucketQuestion = (client: S3Client, input: { Bucket: string }) => Promise<object>;

/**
 * Per-bucket questions, with the AWS error codes that mean "not configured" (an answer
 * about the bucket, sealed as evidence) rather than a failure to collect.
 */
const BUCKET_QUESTIONS: ReadonlyArray<{ operation: string; send: BucketQuestion; answers?: string[] }> = [
  { operation: 'GetBucketVersioning', send: (c, i) => c.send(new GetBucketVersioningCommand(i)) },
  { operation: 'GetObjectLockConfiguration', send: (c, i) => c.send(new GetObjectLockConfigurationCommand(i)), answers: ['ObjectLockConfigurationNotFoundError'] },
  { operation: 'GetBucketLogging', send: (c, i) => c.send(new GetBucketLoggingCommand(i)) },
  { operation: 'GetBucketEncryption', send: (c, i) => c.send(new GetBucketEncryptionCommand(i)), answers: ['ServerSideEncryptionConfigurationNotFoundError'] },
  { operation: 'GetPublicAccessBlock', send: (c, i) => c.send(new GetPublicAccessBlockCommand(i)), answers: ['NoSuchPublicAccessBlockConfiguration'] },
  { operation: 'GetBucketLifecycleConfiguration', send: (c, i) => c.send(new GetBucketLifecycleConfigurationCommand(i)), answers: ['NoSuchLifecycleConfiguration'] },
  { operation: 'GetBucketTagging', send: (c, i) => c.send(new GetBucketTaggingCommand(i)), answers: ['NoSuchTagSet'] },
  { operation: 'GetBucketPolicy', send: (c, i) => c.send(new GetBucketPolicyCommand(i)), answers: ['NoSuchBucketPolicy'] },
];

/**
 * S3 is account-wide: the account-level public access block (S3 Control) is asked once, and
 * buckets are listed once (home region), then asked in their own region.
 */
export const s3Collector: Collector = {
  name: 's3',
  async collect(target: CollectTarget, rec: Recorder): Promise<void> {
    if (!target.isHomeRegion) return;
    // Account-level block public access applies to every bucket whatever its own settings (no
    // public student-data buckets); NoSuchPublicAccessBlockConfiguration = none set, a fact.
    const control = target.clients.get(S3ControlClient, target.region);
    const account = { AccountId: target.account };
    await rec.ask({ service: 's3-control', operation: 'GetPublicAccessBlock', input: account, answers: ['NoSuchPublicAccessBlockConfiguration'] }, () =>
      control.send(new GetAccountPublicAccessBlockCommand(account)),
    );
    const home = target.clients.get(S3Client, target.region);
    const list = { service: 's3', operation: 'ListBuckets', input: { MaxBuckets: 1000 }, tokenIn: 'ContinuationToken' };
    const pages = await rec.pages(list, (input) => home.send(new ListBucketsCommand(input)), (p) => p.ContinuationToken);
    const buckets: Bucket[] = pages.flatMap((p) => p.Buckets ?? []);
    for (const bucket of buckets) {
      if (!bucket.Name) continue;
      const region = bucket.BucketRegion ?? target.region;
      const client = target.clients.get(S3Client, region);
      const input = { Bucket: bucket.Name };
      for (const q of BUCKET_QUESTIONS) {
        await rec.ask({ service: 's3', operation: q.operation, input, region, answers: q.answers }, () => q.send(client, input));
      }
    }
  },
};
