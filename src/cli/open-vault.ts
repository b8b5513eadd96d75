import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { KMSClient } from '@aws-sdk/client-kms';
import { EvidenceError } from '../core/errors';
import { KmsSigner } from '../signing/kms-signer';
import { LocalKeySigner } from '../signing/local-signer';
import type { Signer } from '../signing/signer';
import { LocalObjectStore } from '../vault/local-store';
import { createVaultS3Client, parseS3Url } from '../vault/s3-client';
import { S3ObjectStore } from '../vault/s3-store';
import { Vault } from '../vault/vault';

export interface VaultOptions {
  vault: string;
  signingKey?: string;
  kmsKeyId?: string;
  retentionDays?: number;
}

export interface OpenedVault {
  vault: Vault;
  signer: Signer;
  /** Where the local signing key lives, when one is used. */
  signingKeyFile?: string;
}

/**
 * `file://DIR` or a plain directory: the local store, signed by a local key kept beside the
 * directory (DIR.signing-key.pem) unless --signing-key names one. `s3://BUCKET/PREFIX`: the
 * S3 Object Lock store, signed by the KMS key named by --kms-key-id (or a local key).
 */
export async function openVault(options: VaultOptions): Promise<OpenedVault> {
  const { vault: url } = options;
  if (url.startsWith('s3://')) {
    const location = parseS3Url(url, 'USAGE');
    const store = new S3ObjectStore({ client: createVaultS3Client(), bucket: location.bucket, prefix: location.prefix, retentionDays: options.retentionDays });
    if (options.kmsKeyId) return { vault: new Vault(store), signer: new KmsSigner(new KMSClient({}), options.kmsKeyId) };
    if (options.signingKey) return { vault: new Vault(store), signer: await LocalKeySigner.openOrCreate(options.signingKey), signingKeyFile: options.signingKey };
    throw new EvidenceError('USAGE', `an s3:// vault needs --kms-key-id (or EVIDENCE_KMS_KEY_ID) or --signing-key`);
  }
  const dir = localDirectory(url);
  const keyFile = options.signingKey ?? `${dir.replace(/[/\\]+$/, '')}.signing-key.pem`;
  return { vault: new Vault(new LocalObjectStore(dir)), signer: await LocalKeySigner.openOrCreate(keyFile), signingKeyFile: keyFile };
}

export function localDirectory(url: string): string {
  if (url.startsWith('file://')) {
    // file://relative/dir is what people type; file:///abs/dir is the RFC 8089 form.
    if (!url.startsWith('file:///')) return path.resolve(decodeURIComponent(url.slice('file://'.length)));
    try {
      return fileURLToPath(url);
    } catch (e) {
      throw new EvidenceError('USAGE', `invalid vault URL '${url}': expected file:///absolute/path or file://relative/path`, { cause: e });
    }
  }
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(url)) {
    throw new EvidenceError('USAGE', `unsupported vault URL '${url}': expected file://DIR or s3://BUCKET/PREFIX`);
  }
  return path.resolve(url);
}
