import middy from '@middy/core';
import { KMSClient } from '@aws-sdk/client-kms';
import type { Context, ScheduledEvent } from 'aws-lambda';
import { readCollectConfig } from '../src/config/lambda-env';
import { loadCatalog } from '../src/catalog';
import { evaluationFor } from '../src/evaluate/registry';
import { collectAccount } from '../src/pipeline/collect-account';
import { KmsSigner } from '../src/signing/kms-signer';
import { createVaultS3Client, parseS3Url } from '../src/vault/s3-client';
import { S3ObjectStore } from '../src/vault/s3-store';
import { Vault } from '../src/vault/vault';

// Cold start: configuration checked once, clients built once (single-account mode here;
// the organization-wide fan-out comes with the deployment work).
const config = readCollectConfig(process.env);
const location = parseS3Url(config.vaultUrl);
const vault = new Vault(new S3ObjectStore({ client: createVaultS3Client(), bucket: location.bucket, prefix: location.prefix, retentionDays: config.retentionDays }));
const signer = new KmsSigner(new KMSClient({}), config.kmsKeyId);
// The bundled catalog, loaded once per container (it is part of the bundle, no IO).
const evaluation = loadCatalog().then(evaluationFor);

/** Daily schedule: collect and seal the day the event was scheduled for (UTC). */
export const handler = middy<ScheduledEvent, { manifest: string; sha256: string; artifacts: number; gaps: number }, Error, Context>().handler(async (event) => {
  const result = await collectAccount({ vault, signer, date: event.time.slice(0, 10), regions: config.regions, organization: config.organization, evaluation: await evaluation });
  return { manifest: result.key, sha256: result.sha256, artifacts: result.artifacts, gaps: result.gaps };
});
