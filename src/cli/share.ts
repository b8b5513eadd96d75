import { GetObjectCommand } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { EvidenceError } from '../core/errors';
import { newestPackKey, PACKS_PREFIX } from '../pack/names';
import { createVaultS3Client, parseS3Url, type VaultS3ClientOptions } from '../vault/s3-client';
import { S3ObjectStore } from '../vault/s3-store';

/**
 * `evidence share`: a presigned GetObject URL of the quarter's newest pack zip. Presigning is a
 * local computation with the caller's credentials (no network); S3 caps a SigV4 URL at 7 days.
 */
export const MAX_EXPIRY_SECONDS = 604_800;

/** `Nd`, `Nh` or `Nm`, at most 7 days. */
export function parseExpiry(value: string, option = '--expires'): number {
  const m = /^(\d{1,7})([dhm])$/.exec(value);
  if (m === null) throw new EvidenceError('USAGE', `${option}: '${value}' is not a duration; expected Nd, Nh or Nm, e.g. 7d, 12h, 30m`);
  const seconds = Number(m[1]) * { d: 86_400, h: 3_600, m: 60 }[m[2] as 'd' | 'h' | 'm'];
  if (seconds < 60) throw new EvidenceError('USAGE', `${option}: '${value}' is too short; at least 1m`);
  if (seconds > MAX_EXPIRY_SECONDS) {
    throw new EvidenceError('USAGE', `${option}: '${value}' is longer than 7 days (604800 s), the most a presigned S3 URL can last; share again when it expires`);
  }
  return seconds;
}

export async function sharePack(options: { vault: string; quarter: string; expiresIn: number; client?: VaultS3ClientOptions }): Promise<{ url: string; key: string }> {
  if (!options.vault.startsWith('s3://')) throw new EvidenceError('USAGE', `share needs an s3:// vault, found '${options.vault}'`);
  const location = parseS3Url(options.vault, 'USAGE');
  const client = createVaultS3Client(options.client);
  try {
    const store = new S3ObjectStore({ client, bucket: location.bucket, prefix: location.prefix });
    const key = newestPackKey(await store.list(`${PACKS_PREFIX}${options.quarter}/`), options.quarter);
    if (key === undefined) throw new EvidenceError('VAULT_NOT_FOUND', `${store.url}: no pack for ${options.quarter} under ${PACKS_PREFIX}${options.quarter}/; build one with evidence pack`);
    const s3Key = location.prefix === '' ? key : `${location.prefix}/${key}`;
    const url = await getSignedUrl(client, new GetObjectCommand({ Bucket: location.bucket, Key: s3Key }), { expiresIn: options.expiresIn });
    return { url, key };
  } finally {
    client.destroy();
  }
}
