import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { EvidenceError } from '../core/errors';
import { BrokenEvidenceError } from '../pack/broken';
import { extractPack } from '../pack/extract';
import { newestPackKey, PACKS_PREFIX } from '../pack/names';
import { LocalObjectStore } from '../vault/local-store';
import { createVaultS3Client, parseS3Url } from '../vault/s3-client';
import { S3ObjectStore } from '../vault/s3-store';
import { Vault } from '../vault/vault';
import { localDirectory } from './open-vault';
import { verifyPack } from '../verify/verify-pack';

/**
 * `evidence download`: fetch the quarter's newest pack zip from the vault. A zip has no hash that
 * a manifest names, so the read cannot be re-hashed against one: the zip is verified as a pack
 * (verifyPack) as soon as it is on disk, then extracted (safely: extract.ts), then the folder is
 * verified again. It is "done" only when both verified; a pack that fails is removed.
 */
export interface Downloaded {
  key: string;
  zip: string;
  dir: string;
  fingerprint: string | null;
}

export async function downloadPack(vault: Vault, quarter: string, outDir: string, publicKeyPem?: string): Promise<Downloaded> {
  const key = newestPackKey(await vault.list(`${PACKS_PREFIX}${quarter}/`), quarter);
  if (key === undefined) throw new EvidenceError('VAULT_NOT_FOUND', `${vault.url}: no pack for ${quarter} under ${PACKS_PREFIX}${quarter}/; build one with evidence pack`);
  const name = path.basename(key, '.zip');
  const out = path.resolve(outDir);
  await fs.mkdir(out, { recursive: true });
  for (const p of [path.join(out, name), path.join(out, `${name}.zip`)]) {
    if (await fs.access(p).then(() => true, () => false)) throw new EvidenceError('USAGE', `${p} already exists; remove it or choose another --out directory`);
  }
  const temp = await fs.mkdtemp(path.join(out, `.${name}.download-${randomBytes(3).toString('hex')}-`));
  try {
    const zip = path.join(temp, `${name}.zip`);
    await fs.writeFile(zip, await vault.read(key), { flag: 'wx' });
    const zipReport = await verifyPack(zip, { publicKeyPem });
    if (!zipReport.ok) throw new BrokenEvidenceError(zipReport.failures, `${vault.url}/${key}`);
    const dir = await extractPack(zip, name, temp);
    const dirReport = await verifyPack(dir, { publicKeyPem });
    if (!dirReport.ok) throw new BrokenEvidenceError(dirReport.failures, `${dir} (extracted)`);
    await fs.rename(dir, path.join(out, name));
    await fs.rename(zip, path.join(out, `${name}.zip`));
    return { key, zip: path.join(out, `${name}.zip`), dir: path.join(out, name), fingerprint: dirReport.publicKey?.fingerprint ?? null };
  } finally {
    await fs.rm(temp, { recursive: true, force: true });
  }
}

/** A vault opened only to read: no signer, no signing key needed. */
export function readOnlyVault(url: string): Vault {
  if (!url.startsWith('s3://')) return new Vault(new LocalObjectStore(localDirectory(url)));
  const location = parseS3Url(url, 'USAGE');
  return new Vault(new S3ObjectStore({ client: createVaultS3Client(), bucket: location.bucket, prefix: location.prefix }));
}
