import { GetObjectCommand, ListObjectsV2Command, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { EvidenceError, describeError } from '../core/errors';

/**
 * Where the organization run keeps what its workers collected until the seal step moves it into
 * the vault (docs/deploy.md §Fan-out). Unlike the vault it may be overwritten: a retried worker
 * replaces its own objects, so a day's staged set is the last attempt of every item. It is not
 * evidence until sealed; the deployment expires it after a few days.
 */
export interface StagingStore {
  put(key: string, body: Buffer | string): Promise<void>;
  /** The object's bytes, or undefined when there is none. */
  get(key: string): Promise<Buffer | undefined>;
  /** Keys under `prefix`, in ascending order. */
  list(prefix: string): Promise<string[]>;
}

/** Staging in an S3 bucket (SSE-KMS, TLS only, lifecycle expiry: serverless.yml StagingBucket). */
export class S3StagingStore implements StagingStore {
  constructor(
    private readonly client: S3Client,
    readonly bucket: string,
  ) {}

  async put(key: string, body: Buffer | string): Promise<void> {
    try {
      await this.client.send(new PutObjectCommand({ Bucket: this.bucket, Key: key, Body: body, ContentType: 'application/json' }));
    } catch (e) {
      throw this.unavailable('PutObject', key, e);
    }
  }

  async get(key: string): Promise<Buffer | undefined> {
    try {
      const out = await this.client.send(new GetObjectCommand({ Bucket: this.bucket, Key: key }));
      return out.Body ? Buffer.from(await out.Body.transformToByteArray()) : Buffer.alloc(0);
    } catch (e) {
      if ((e as { name?: string }).name === 'NoSuchKey') return undefined;
      throw this.unavailable('GetObject', key, e);
    }
  }

  async list(prefix: string): Promise<string[]> {
    const keys: string[] = [];
    let token: string | undefined;
    do {
      let page;
      try {
        page = await this.client.send(new ListObjectsV2Command({ Bucket: this.bucket, Prefix: prefix, ContinuationToken: token }));
      } catch (e) {
        throw this.unavailable('ListObjectsV2', prefix, e);
      }
      for (const o of page.Contents ?? []) if (o.Key !== undefined) keys.push(o.Key);
      token = page.IsTruncated === true ? page.NextContinuationToken : undefined;
    } while (token !== undefined);
    return keys.sort();
  }

  private unavailable(operation: string, key: string, e: unknown): EvidenceError {
    const code = e instanceof Error && e.name !== 'Error' ? `${e.name}: ` : '';
    return new EvidenceError('AWS_UNAVAILABLE', `staging s3://${this.bucket}/${key}: ${operation} failed: ${code}${describeError(e)}`, { cause: e });
  }
}

/** Staging in memory: one process runs the whole fan-out (tests, the cost benchmark). */
export class MemoryStagingStore implements StagingStore {
  readonly objects = new Map<string, Buffer>();
  puts = 0;
  gets = 0;
  lists = 0;

  put(key: string, body: Buffer | string): Promise<void> {
    this.puts++;
    this.objects.set(key, Buffer.from(body));
    return Promise.resolve();
  }

  get(key: string): Promise<Buffer | undefined> {
    this.gets++;
    return Promise.resolve(this.objects.get(key));
  }

  list(prefix: string): Promise<string[]> {
    this.lists++;
    return Promise.resolve([...this.objects.keys()].filter((k) => k.startsWith(prefix)).sort());
  }
}

/** The staging layout of one day (docs/deploy.md §Staging). */
export const stagingKeys = {
  items: (date: string): string => `runs/${date}/items.json`,
  artifact: (date: string, sha256: string): string => `staging/${date}/artifacts/${sha256}.json`,
  result: (date: string, account: string, region: string): string => `staging/${date}/results/${account}/${region}.json`,
  failure: (date: string, account: string, region: string): string => `staging/${date}/failures/${account}/${region}.json`,
};
