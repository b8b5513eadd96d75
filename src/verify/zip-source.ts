import { createHash, hash as sha256Of } from 'node:crypto';
import { closeSync, fstatSync, openSync } from 'node:fs';
import * as path from 'node:path';
import { crc32 } from 'node:zlib';
import * as yauzl from 'yauzl';
import type { Failures } from './codes';
import type { HashOutcome, PackSource } from './pack-source';
import { formatSize, type ReadOutcome } from './reader';
import { checkNames, unixMode } from './zip-names';
import { readEntryDirect, WindowReader } from './zip-direct';
import { listZipEntries } from './zip-list';

/**
 * A pack zip read in place (docs/verification.md §Verifying a pack, zip): names are checked
 * before any entry is read, entries are streamed and hashed as they inflate, nothing is written.
 * Sizes are bounded twice: the declared uncompressed size against the file's limit before
 * reading, and the bytes actually inflated against the declared size while reading (yauzl's
 * validateEntrySizes) and against the limit, so a zip bomb stops at its declared size.
 */
export async function zipSource(file: string, failures: Failures): Promise<PackSource | null> {
  const label = path.basename(file);
  let zip: yauzl.ZipFile;
  let entries: yauzl.Entry[];
  let reader: WindowReader | undefined;
  try {
    const fd = openSync(file, 'r');
    try {
      reader = new WindowReader(fd, fstatSync(fd).size);
    } catch (e) {
      closeSync(fd);
      throw e;
    }
    zip = await yauzl.fromRandomAccessReaderPromise(reader, reader.size, { lazyEntries: true, autoClose: false, decodeStrings: false, validateEntrySizes: true });
  } catch (e) {
    if (reader !== undefined) reader.close(() => undefined);
    failures.add('ZIP_MALFORMED', label, `${label}: expected a zip archive, cannot read it (${(e as Error).message})`);
    return null;
  }
  try {
    entries = await listZipEntries(zip);
  } catch (e) {
    zip.close();
    failures.add('ZIP_MALFORMED', label, `${label}: its central directory cannot be read (${(e as Error).message})`);
    return null;
  }

  const names = checkNames(entries, (e) => ({ name: entryName(e), mode: unixMode(e.externalFileAttributes) }));
  for (const u of names.unsafe) failures.add('ZIP_UNSAFE_ENTRY', u.name, `${label}: entry ${JSON.stringify(u.name)} has ${u.why}; every entry must lie inside the pack's one top folder`);
  const byKey = new Map<string, yauzl.Entry>();
  for (const { key, entry } of names.placed) {
    if (key === null) continue;
    if (entry.isEncrypted() || !entry.canDecodeFileData()) {
      failures.add('ZIP_MALFORMED', key, `${label}: entry ${key} is encrypted or uses compression method ${entry.compressionMethod}; expected stored or deflated`);
      continue;
    }
    byKey.set(key, entry);
  }

  const broken = (key: string, why: string): { ok: false; reason: 'unreadable'; message: string } => {
    if (!failures.list.some((f) => f.code === 'ZIP_MALFORMED' && f.file === key)) failures.add('ZIP_MALFORMED', key, `${label}: entry ${key} ${why}`);
    return { ok: false, reason: 'unreadable', message: `${key}: ${why}` };
  };

  // Small entries are read in place through the reader's window of the file (zip-direct.ts).
  const window = reader.window;

  async function stream(key: string, limit: number, keep: boolean, expectedSize?: number): Promise<ReadOutcome | HashOutcome> {
    const entry = byKey.get(key);
    if (entry === undefined) return { ok: false, reason: 'unreadable', message: `${key}: no such entry` };
    if (expectedSize !== undefined && entry.uncompressedSize !== expectedSize) {
      return { ok: false, reason: 'wrong-size', size: entry.uncompressedSize, message: `${key} declares ${entry.uncompressedSize} bytes, expected ${expectedSize}; not read` };
    }
    if (entry.uncompressedSize > limit) {
      return { ok: false, reason: 'too-large', message: `${key} declares ${formatSize(entry.uncompressedSize)}, larger than the ${formatSize(limit)} limit; not read` };
    }
    if (entry.compressedSize <= DIRECT_MAX && entry.uncompressedSize <= DIRECT_MAX) {
      const got = readEntryDirect(window, entry);
      if (!got.ok) return broken(key, got.why);
      const sha256 = sha256Of('sha256', got.bytes, 'hex');
      return keep ? { ok: true, bytes: got.bytes, sha256 } : { ok: true, sha256, size: got.bytes.length };
    }
    const hash = createHash('sha256');
    const chunks: Buffer[] = [];
    let total = 0;
    let crc = 0;
    try {
      for await (const chunk of await zip.openReadStreamPromise(entry)) {
        const b = chunk as Buffer;
        total += b.length;
        if (total > limit) return broken(key, `inflates past the ${formatSize(limit)} limit`);
        hash.update(b);
        crc = crc32(b, crc);
        if (keep) chunks.push(b);
      }
    } catch (e) {
      return broken(key, `does not inflate to its declared ${entry.uncompressedSize} bytes (${(e as Error).message})`);
    }
    if (crc >>> 0 !== entry.crc32 >>> 0) return broken(key, `has CRC-32 ${crc >>> 0}, its header declares ${entry.crc32 >>> 0}`);
    const sha256 = hash.digest('hex');
    return keep ? { ok: true, bytes: Buffer.concat(chunks, total), sha256 } : { ok: true, sha256, size: total };
  }

  return {
    path: file,
    name: names.top ?? '',
    entries: [...byKey].map(([key, e]) => ({ key, kind: 'file' as const, size: e.uncompressedSize })).sort((a, b) => (a.key < b.key ? -1 : 1)),
    read: (key, limit, expectedSize) => stream(key, limit, true, expectedSize) as Promise<ReadOutcome>,
    hash: (key, limit) => stream(key, limit, false) as Promise<HashOutcome>,
    close: () => Promise.resolve(zip.close()),
  };
}

const DIRECT_MAX = 8 * 1024 * 1024;

/**
 * The entry's name, exactly as stored (UTF-8 when flagged, CP437 otherwise; backslashes kept).
 * An Info-ZIP Unicode Path field that names it differently would make unzip tools write another
 * file than the one verified: such an entry gets both names joined, which checkNames refuses.
 */
export function entryName(e: yauzl.Entry): string {
  const stored = yauzl.getFileNameLowLevel(e.generalPurposeBitFlag, e.fileNameRaw, [], true);
  const unicode = yauzl.getFileNameLowLevel(e.generalPurposeBitFlag, e.fileNameRaw, e.extraFields, true);
  return stored === unicode ? stored : `${stored}\u0000${unicode}`;
}
