import type { SampleBucket, SampleLifecycleRule } from '../state/bucket-types';
import type { WireError } from '../wire/protocols';
import { respond, s3RequestIds, type SampleResponse } from '../wire/response';
import { XML_DECLARATION, el, text } from '../wire/xml';

/**
 * S3 bucket-configuration answers, one per Get* operation, as the Amazon S3 API Reference
 * documents their response syntax (GetBucketVersioning, GetObjectLockConfiguration,
 * GetBucketLogging, GetBucketEncryption, GetPublicAccessBlock,
 * GetBucketLifecycleConfiguration, GetBucketTagging, GetBucketPolicy, GetBucketLocation).
 * Where S3 answers "not configured" with an error, the answer is that error; "never
 * enabled" versioning and disabled logging are empty root elements, as S3 sends them.
 */
export const S3_XMLNS = 'http://s3.amazonaws.com/doc/2006-03-01/';

export type BucketAnswer = { readonly ok: SampleResponse } | { readonly error: WireError };

function xmlDoc(seed: string, root: string, inner: string, headers: Record<string, string> = {}): BucketAnswer {
  const ids = s3RequestIds(seed);
  const body = `${XML_DECLARATION}${inner === '' ? `<${root} xmlns="${S3_XMLNS}"/>` : `<${root} xmlns="${S3_XMLNS}">${inner}</${root}>`}`;
  return { ok: respond(200, { 'content-type': 'application/xml', 'x-amz-request-id': ids.requestId, 'x-amz-id-2': ids.hostId, server: 'AmazonS3', ...headers }, body) };
}

function notConfigured(b: SampleBucket, code: string, message: string): BucketAnswer {
  return { error: { status: 404, code, message, extra: { BucketName: b.name } } };
}

function lifecycleRule(r: SampleLifecycleRule): string {
  return el('Rule',
    text('ID', r.id),
    el('Filter', text('Prefix', r.prefix)),
    text('Status', 'Enabled'),
    ...(r.transitions ?? []).map((t) => el('Transition', text('Days', t.days), text('StorageClass', t.storageClass))),
    r.expirationDays === undefined ? '' : el('Expiration', text('Days', r.expirationDays)),
    r.noncurrentExpirationDays === undefined ? '' : el('NoncurrentVersionExpiration', text('NoncurrentDays', r.noncurrentExpirationDays)),
    r.abortIncompleteMultipartUploadDays === undefined ? '' : el('AbortIncompleteMultipartUpload', text('DaysAfterInitiation', r.abortIncompleteMultipartUploadDays)),
  );
}

export type BucketRecording = (b: SampleBucket, seed: string) => BucketAnswer;

export const BUCKET_RECORDINGS: Readonly<Record<string, BucketRecording>> = {
  GetBucketVersioning: (b, seed) => xmlDoc(seed, 'VersioningConfiguration', text('Status', b.versioning.status) + text('MfaDelete', b.versioning.mfaDelete)),
  GetObjectLockConfiguration: (b, seed) => b.objectLock
    ? xmlDoc(seed, 'ObjectLockConfiguration', text('ObjectLockEnabled', 'Enabled') + el('Rule', el('DefaultRetention', text('Mode', b.objectLock.mode), text('Days', b.objectLock.days))))
    : notConfigured(b, 'ObjectLockConfigurationNotFoundError', 'Object Lock configuration does not exist for this bucket'),
  GetBucketLogging: (b, seed) => xmlDoc(seed, 'BucketLoggingStatus', b.logging
    ? el('LoggingEnabled', text('TargetBucket', b.logging.targetBucket), text('TargetPrefix', b.logging.targetPrefix),
      b.logging.partitionedByEventTime ? el('TargetObjectKeyFormat', el('PartitionedPrefix', text('PartitionDateSource', 'EventTime'))) : '')
    : ''),
  GetBucketEncryption: (b, seed) => b.encryption
    ? xmlDoc(seed, 'ServerSideEncryptionConfiguration', el('Rule',
      el('ApplyServerSideEncryptionByDefault', text('SSEAlgorithm', b.encryption.algorithm), text('KMSMasterKeyID', b.encryption.kmsKeyArn)),
      text('BucketKeyEnabled', b.encryption.bucketKeyEnabled)))
    : notConfigured(b, 'ServerSideEncryptionConfigurationNotFoundError', 'The server side encryption configuration was not found'),
  GetPublicAccessBlock: (b, seed) => b.publicAccessBlock
    ? xmlDoc(seed, 'PublicAccessBlockConfiguration', text('BlockPublicAcls', b.publicAccessBlock.blockPublicAcls)
      + text('IgnorePublicAcls', b.publicAccessBlock.ignorePublicAcls) + text('BlockPublicPolicy', b.publicAccessBlock.blockPublicPolicy)
      + text('RestrictPublicBuckets', b.publicAccessBlock.restrictPublicBuckets))
    : notConfigured(b, 'NoSuchPublicAccessBlockConfiguration', 'The public access block configuration was not found'),
  GetBucketLifecycleConfiguration: (b, seed) => b.lifecycle
    ? xmlDoc(seed, 'LifecycleConfiguration', b.lifecycle.map(lifecycleRule).join(''), { 'x-amz-transition-default-minimum-object-size': 'all_storage_classes_128K' })
    : notConfigured(b, 'NoSuchLifecycleConfiguration', 'The lifecycle configuration does not exist'),
  GetBucketTagging: (b, seed) => b.tags
    ? xmlDoc(seed, 'Tagging', el('TagSet', ...b.tags.map((t) => el('Tag', text('Key', t.key), text('Value', t.value)))))
    : notConfigured(b, 'NoSuchTagSet', 'The TagSet does not exist'),
  GetBucketPolicy: (b, seed) => {
    if (b.policy === null) return notConfigured(b, 'NoSuchBucketPolicy', 'The bucket policy does not exist');
    const ids = s3RequestIds(seed);
    return { ok: respond(200, { 'content-type': 'application/json', 'x-amz-request-id': ids.requestId, 'x-amz-id-2': ids.hostId, server: 'AmazonS3' }, b.policy) };
  },
  // Buckets in us-east-1 have a null LocationConstraint: an empty element.
  GetBucketLocation: (b, seed) => {
    const ids = s3RequestIds(seed);
    const body = b.region === 'us-east-1'
      ? `${XML_DECLARATION}<LocationConstraint xmlns="${S3_XMLNS}"/>`
      : `${XML_DECLARATION}<LocationConstraint xmlns="${S3_XMLNS}">${b.region}</LocationConstraint>`;
    return { ok: respond(200, { 'content-type': 'application/xml', 'x-amz-request-id': ids.requestId, 'x-amz-id-2': ids.hostId, server: 'AmazonS3' }, body) };
  },
};
