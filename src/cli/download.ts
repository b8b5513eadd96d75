import { constants as fsConstants, promises as fs } from 'node:fs';
import * as path from 'node:path';
import { EvidenceError } from '../core/errors';
import { BrokenEvidenceError } from '../pack/broken';
import { newestPackKey, PACKS_PREFIX } from '../pack/names';
import { LocalObjectStore } from '../vault/local-store';
import { createVaultS3Client, parseS3Url } from '../vault/s3-client';
import { S3ObjectStore } from '../vault/s3-store';
import { Vault } from '../vault/vault';
import { localDirectory } from './open-vault';
import { extractPackZip, verifyPack } from '../verify';

/**
 * `evidence download`: fetch the quarter's newest pack zip from the vault, then
 * downloadVerifiedPack. A zip has no hash that a manifest names, so the read cannot be re-hashed
 * against one: the zip is verified as a pack (verifyPack) as soon as it is on disk, then extracted
 * with the verifier's extractPackZip (which refuses the whole zip on one unsafe entry before
 * writing anything), then the folder is verified again. It is "done" only when both verified; a
 * pack that fails is removed and nothing is left in the target.
 */
export interface Downloaded {
  key: string;
  zip: string;
  dir: string;
  fingerprint: string | null;
}

export interface VerifiedDownloadOptions {
  publicKeyPem?: string;
  /** The pack's expected name (the vault key's file name): its zip must hold exactly that folder. */
  name?: string;
  /** Where the zip came from, for messages (default: the zip's path). */
  source?: string;
}

const KEPT_NOTHING = 'nothing was kept';

export async function downloadPack(vault: Vault, quarter: string, outDir: string, publicKeyPem?: string): Promise<Downloaded> {
  const key = newestPackKey(await vault.list(`${PACKS_PREFIX}${quarter}/`), quarter);
  if (key === undefined) throw new EvidenceError('VAULT_NOT_FOUND', `${vault.url}: no pack for ${quarter} under ${PACKS_PREFIX}${quarter}/; build one with evidence pack`);
  const name = path.basename(key, '.zip');
  await refuseExisting(path.resolve(outDir), name);
  const got = await downloadVerifiedPack((file) => vault.readToFile(key, file), outDir, { publicKeyPem, name, source: `${vault.url}/${key}` });
  return { key, ...got };
}

/**
 * The download's core, without the vault: verify a pack zip (bytes, or a file that is copied
 * first so that what is verified is what is kept), extract it safely, verify the folder, then
 * place `<name>/` and `<name>.zip` in `outDir`. Work happens in a temporary folder inside
 * `outDir`, removed whatever happens; a refusal is EVIDENCE_BROKEN naming each verifier failure.
 */
export async function downloadVerifiedPack(zip: Buffer | string | ((file: string) => Promise<void>), outDir: string, options: VerifiedDownloadOptions = {}): Promise<Omit<Downloaded, 'key'>> {
  const source = options.source ?? (typeof zip === 'string' ? zip : 'pack zip');
  const out = path.resolve(outDir);
  if (options.name !== undefined) await refuseExisting(out, options.name);
  await fs.mkdir(out, { recursive: true });
  const temp = await fs.mkdtemp(path.join(out, '.download-'));
  try {
    const zipFile = path.join(temp, `${options.name ?? 'pack'}.zip`);
    if (typeof zip === 'string') await readInto(zip, zipFile);
    else if (typeof zip === 'function') await zip(zipFile); // streamed from the vault, never held whole
    else await fs.writeFile(zipFile, zip, { flag: 'wx' });
    const zipReport = await verifyPack(zipFile, { publicKeyPem: options.publicKeyPem });
    if (!zipReport.ok) throw new BrokenEvidenceError(zipReport.failures, source, KEPT_NOTHING);
    const extracted = await extractPackZip(zipFile, temp);
    if (!extracted.ok) throw new BrokenEvidenceError(extracted.failures, `${source} (extraction)`, KEPT_NOTHING);
    const name = path.basename(extracted.dir);
    if (options.name !== undefined && name !== options.name) {
      throw new EvidenceError('EVIDENCE_BROKEN', `${source}: expected the zip to hold the folder ${options.name}/, found ${name}/; ${KEPT_NOTHING}`);
    }
    const dirReport = await verifyPack(extracted.dir, { publicKeyPem: options.publicKeyPem });
    if (!dirReport.ok) throw new BrokenEvidenceError(dirReport.failures, `${source} (extracted)`, KEPT_NOTHING);
    await refuseExisting(out, name);
    await fs.rename(extracted.dir, path.join(out, name));
    await fs.rename(zipFile, path.join(out, `${name}.zip`));
    return { zip: path.join(out, `${name}.zip`), dir: path.join(out, name), fingerprint: dirReport.publicKey?.fingerprint ?? null };
  } finally {
    await fs.rm(temp, { recursive: true, force: true });
  }
}

async function readInto(file: string, into: string): Promise<void> {
  try {
    await fs.copyFile(file, into, fsConstants.COPYFILE_EXCL);
  } catch (e) {
    throw new EvidenceError('INPUT_UNREADABLE', `${file}: cannot read the pack zip (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`, { cause: e });
  }
}

/** A downloaded pack never replaces anything (rename() would silently replace an empty folder). */
async function refuseExisting(out: string, name: string): Promise<void> {
  for (const p of [path.join(out, name), path.join(out, `${name}.zip`)]) {
    if (await fs.lstat(p).then(() => true, () => false)) throw new EvidenceError('USAGE', `${p} already exists; remove it or choose another --out directory`);
  }
}

/** A vault opened only to read: no signer, no signing key needed. */
export function readOnlyVault(url: string): Vault {
  if (!url.startsWith('s3://')) return new Vault(new LocalObjectStore(localDirectory(url)));
  const location = parseS3Url(url, 'USAGE');
  return new Vault(new S3ObjectStore({ client: createVaultS3Client(), bucket: location.bucket, prefix: location.prefix }));
}
