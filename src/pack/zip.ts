import { createWriteStream } from 'node:fs';
import * as path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { ZipFile } from 'yazl';
import { packFiles } from './tree';

/**
 * The pack's zip (docs/formats/pack-v1.md §Zip): every file of the folder under one top-level
 * `<name>/`, in the same order as SHA256SUMS, with fixed mtimes (the pack's generatedAt) and
 * modes, so that the same folder always zips to the same bytes.
 */
export async function zipPack(folder: string, name: string, zipFile: string, mtime: Date): Promise<void> {
  const zip = new ZipFile();
  const written = pipeline(zip.outputStream, createWriteStream(zipFile, { flags: 'wx' }));
  for await (const rel of packFiles(folder)) {
    zip.addFile(path.join(folder, rel), `${name}/${rel}`, { mtime, mode: 0o100644, forceDosTimestamp: true });
  }
  zip.end();
  await written;
}
