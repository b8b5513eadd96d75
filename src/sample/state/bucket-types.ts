import type { SampleRegion } from '../organization';

/** The configuration of one S3 bucket, as the S3 Get* APIs would reveal it. `null` = never configured. */
export interface SampleBucket {
  readonly name: string;
  readonly account: string;
  readonly region: SampleRegion;
  /** ListBuckets CreationDate, as S3 writes it (millisecond precision, Z). */
  readonly creationDate: string;
  /** Status absent = versioning never enabled; mfaDelete absent = MFA delete never configured. */
  readonly versioning: { readonly status?: 'Enabled' | 'Suspended'; readonly mfaDelete?: 'Enabled' | 'Disabled' };
  readonly objectLock: { readonly mode: 'COMPLIANCE' | 'GOVERNANCE'; readonly days: number } | null;
  readonly logging: { readonly targetBucket: string; readonly targetPrefix: string; readonly partitionedByEventTime: boolean } | null;
  readonly encryption: { readonly algorithm: 'AES256' | 'aws:kms'; readonly kmsKeyArn?: string; readonly bucketKeyEnabled: boolean } | null;
  readonly publicAccessBlock: {
    readonly blockPublicAcls: boolean;
    readonly ignorePublicAcls: boolean;
    readonly blockPublicPolicy: boolean;
    readonly restrictPublicBuckets: boolean;
  } | null;
  readonly lifecycle: readonly SampleLifecycleRule[] | null;
  readonly tags: readonly { readonly key: string; readonly value: string }[] | null;
  /** Bucket policy document exactly as GetBucketPolicy returns it (JSON text). */
  readonly policy: string | null;
}

export interface SampleLifecycleRule {
  readonly id: string;
  readonly prefix: string;
  readonly transitions?: readonly { readonly days: number; readonly storageClass: 'STANDARD_IA' | 'GLACIER' | 'DEEP_ARCHIVE' }[];
  readonly expirationDays?: number;
  readonly noncurrentExpirationDays?: number;
  readonly abortIncompleteMultipartUploadDays?: number;
}

export const ALL_BLOCKED = {
  blockPublicAcls: true,
  ignorePublicAcls: true,
  blockPublicPolicy: true,
  restrictPublicBuckets: true,
} as const;
