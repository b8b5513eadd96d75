import { createWriteStream, promises as fs } from 'node:fs';
import * as path from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import * as yauzl from 'yauzl';
import { Failures, type VerifyFailure } from './codes';
import { LIMITS, formatSize } from './reader';
import { listZipEntries } from './zip-list';
import { checkNames, unixMode } from './zip-names';
import { entryName } from './zip-source';

/**
 * Extracts a pack zip for download (docs/verification.md §Verifying a pack, zip), treating it as
 * hostile: every name is checked (zip-names.ts) before anything is written, and one unsafe entry
 * refuses the whole zip. Files are written into a fresh temporary folder inside `targetDir`,
 * never over an existing file and only as regular files, then the pack folder is renamed into
 * place; on any failure the temporary folder is removed. Extraction proves nothing about the
 * content: verify the zip (or the extracted folder) with verifyPack.
 */
export type ExtractResult = { ok: true; dir: string } | { ok: false; failures: VerifyFailure[] };

export async function extractPackZip(zipFile: string, targetDir: string): Promise<ExtractResult> {
  const failures = new Failures();
  const label = path.basename(zipFile);
  let zip: yauzl.ZipFile;
  try {
    zip = await yauzl.openPromise(zipFile, { lazyEntries: true, autoClose: false, decodeStrings: false, validateEntrySizes: true });
  } catch (e) {
    failures.add('ZIP_MALFORMED', label, `${label}: expected a zip archive, cannot read it (${(e as Error).message})`);
    return { ok: false, failures: failures.list };
  }
  let tmp: string | undefined;
  try {
    const names = checkNames(await listZipEntries(zip), (e) => ({ name: entryName(e), mode: unixMode(e.externalFileAttributes) }));
    for (const u of names.unsafe) failures.add('ZIP_UNSAFE_ENTRY', u.name, `${label}: entry ${JSON.stringify(u.name)} has ${u.why}; nothing was extracted`);
    for (const { key, entry } of names.placed) {
      if (key !== null && (entry.isEncrypted() || !entry.canDecodeFileData())) failures.add('ZIP_MALFORMED', key, `${label}: entry ${key} is encrypted or uses an unsupported compression method; nothing was extracted`);
      if (key !== null && entry.uncompressedSize > LIMITS.packFile) failures.add('ZIP_MALFORMED', key, `${label}: entry ${key} declares ${formatSize(entry.uncompressedSize)}, over the limit; nothing was extracted`);
    }
    if (failures.list.length > 0 || names.top === null) return { ok: false, failures: failures.list };

    const root = path.resolve(targetDir);
    tmp = await fs.mkdtemp(path.join(root, '.extracting-'));
    const top = path.join(tmp, names.top);
    await fs.mkdir(top);
    for (const { key, entry } of names.placed) {
      if (key === null) continue;
      const dest = path.resolve(top, ...key.split('/'));
      if (!dest.startsWith(`${top}${path.sep}`)) throw new Error(`entry ${key} resolves outside the pack folder`);
      await fs.mkdir(path.dirname(dest), { recursive: true });
      await pipeline(await zip.openReadStreamPromise(entry), limitTo(LIMITS.packFile, key), createWriteStream(dest, { flags: 'wx', mode: 0o644 }));
    }
    const final = path.join(root, names.top);
    // rename() would silently replace an empty folder: an existing one is refused instead.
    if (await fs.lstat(final).then(() => true, () => false)) throw new Error(`${final} already exists; an existing folder is never replaced`);
    await fs.rename(top, final).catch((e: NodeJS.ErrnoException) => {
      throw new Error(`cannot place the pack folder at ${final} (${e.code ?? e.message}; an existing folder is never replaced)`);
    });
    return { ok: true, dir: final };
  } catch (e) {
    failures.add('ZIP_MALFORMED', label, `${label}: extraction stopped, nothing kept (${(e as Error).message})`);
    return { ok: false, failures: failures.list };
  } finally {
    zip.close();
    if (tmp !== undefined) await fs.rm(tmp, { recursive: true, force: true });
  }
}

function limitTo(limit: number, key: string): Transform {
  let total = 0;
  return new Transform({
    transform(chunk: Buffer, _enc, done) {
      total += chunk.length;
      done(total > limit ? new Error(`entry ${key} inflates past the ${formatSize(limit)} limit`) : null, chunk);
    },
  });
}
