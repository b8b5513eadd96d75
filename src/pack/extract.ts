import { createWriteStream, promises as fs } from 'node:fs';
import * as path from 'node:path';
import { pipeline } from 'node:stream/promises';
import * as yauzl from 'yauzl';
import { EvidenceError } from '../core/errors';

/**
 * Extracts a pack zip (docs/formats/pack-v1.md §Zip) into `into`, treating it as hostile: every
 * entry must lie under the one top-level folder `name/`, with no absolute path, no backslash and
 * no `.`, `..` or empty segment; anything else is refused before a byte is written outside.
 * Only regular files and folders are created (never links), and never over an existing file.
 */
export function safeEntryPath(entryName: string, name: string): string | undefined {
  if (entryName.startsWith('/') || /^[A-Za-z]:/.test(entryName) || entryName.includes('\\') || entryName.includes('\0')) return undefined;
  const segments = entryName.replace(/\/$/, '').split('/');
  if (segments[0] !== name || segments.some((s) => s === '' || s === '.' || s === '..')) return undefined;
  return segments.join('/');
}

export async function extractPack(zipFile: string, name: string, into: string): Promise<string> {
  let zip: yauzl.ZipFile;
  try {
    zip = await yauzl.openPromise(zipFile, { lazyEntries: true });
  } catch (e) {
    throw new EvidenceError('INPUT_UNREADABLE', `${zipFile}: not a readable zip: ${(e as Error).message}`, { cause: e });
  }
  try {
    for (let entry = await next(zip); entry !== null; entry = await next(zip)) {
      const rel = safeEntryPath(entry.fileName, name);
      if (rel === undefined) {
        throw new EvidenceError('EVIDENCE_BROKEN', `${zipFile}: entry '${entry.fileName}' is outside the pack folder '${name}/' (absolute, or escaping with ..); nothing outside ${into} was written`);
      }
      const target = path.join(into, ...rel.split('/'));
      if (entry.fileName.endsWith('/')) {
        await fs.mkdir(target, { recursive: true });
        continue;
      }
      await fs.mkdir(path.dirname(target), { recursive: true });
      await pipeline(await zip.openReadStreamPromise(entry), createWriteStream(target, { flags: 'wx', mode: 0o644 }));
    }
  } finally {
    zip.close();
  }
  return path.join(into, name);
}

function next(zip: yauzl.ZipFile): Promise<yauzl.Entry | null> {
  return new Promise((resolve, reject) => {
    const cleanup = (): void => {
      zip.removeListener('entry', onEntry);
      zip.removeListener('end', onEnd);
      zip.removeListener('error', onError);
    };
    const onEntry = (e: yauzl.Entry): void => { cleanup(); resolve(e); };
    const onEnd = (): void => { cleanup(); resolve(null); };
    const onError = (e: Error): void => { cleanup(); reject(new EvidenceError('EVIDENCE_BROKEN', `zip refused: ${e.message}`, { cause: e })); };
    zip.on('entry', onEntry);
    zip.on('end', onEnd);
    zip.on('error', onError);
    zip.readEntry();
  });
}
