import { createHash } from 'node:crypto';
import { closeSync, constants, fstatSync, openSync, readSync } from 'node:fs';
import * as path from 'node:path';
import { formatSize, readBounded, walkVault, type ReadFile, type VaultEntry } from './reader';

/**
 * A pack as the verifier sees it, wherever it lies (docs/verification.md §Verifying a pack): its
 * files by key (relative to the pack's folder), a bounded reader, and a streaming hasher that
 * keeps nothing in memory. A folder is read with the vault reader's rules; a zip's entries are
 * read in place (zip-source.ts), never extracted.
 */
export type HashOutcome = { ok: true; sha256: string; size: number } | { ok: false; reason: 'too-large' | 'not-regular' | 'unreadable'; message: string };

export interface PackSource {
  path: string;
  /** The pack's folder name (the zip's top folder; a directory's base name). */
  name: string;
  entries: VaultEntry[];
  read: ReadFile;
  hash(key: string, limit: number): Promise<HashOutcome>;
  close(): Promise<void>;
}

const OPEN_FLAGS = constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0) | (constants.O_NONBLOCK ?? 0);
const CHUNK = 1024 * 1024;

export async function folderSource(dir: string): Promise<PackSource> {
  const entries = await walkVault(dir);
  return {
    path: dir,
    name: path.basename(path.resolve(dir)),
    entries,
    read: (key, limit) => readBounded(dir, key, limit),
    hash: (key, limit) => hashFile(dir, key, limit),
    close: () => Promise.resolve(),
  };
}

/** Like readBounded, without keeping the bytes: for report.pdf and other files only hashed. */
async function hashFile(root: string, key: string, limit: number): Promise<HashOutcome> {
  return Promise.resolve(hashFileSync(root, key, limit));
}

function hashFileSync(root: string, key: string, limit: number): HashOutcome {
  let fd: number | undefined;
  try {
    fd = openSync(path.join(root, key), OPEN_FLAGS);
    const st = fstatSync(fd);
    if (!st.isFile()) return { ok: false, reason: 'not-regular', message: `${key} is not a regular file` };
    if (st.size > limit) return { ok: false, reason: 'too-large', message: `${key} is ${formatSize(st.size)}, larger than the ${formatSize(limit)} limit; not read` };
    const hash = createHash('sha256');
    // Most pack files are small artifacts: a buffer of their size, not a megabyte each.
    const buf = Buffer.allocUnsafe(Math.max(1, Math.min(CHUNK, st.size + 1)));
    let total = 0;
    for (;;) {
      const bytesRead = readSync(fd, buf, 0, buf.length, null);
      if (bytesRead === 0) break;
      total += bytesRead;
      if (total > limit) return { ok: false, reason: 'too-large', message: `${key} grew past the ${formatSize(limit)} limit while read` };
      hash.update(buf.subarray(0, bytesRead));
    }
    return { ok: true, sha256: hash.digest('hex'), size: total };
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ELOOP') return { ok: false, reason: 'not-regular', message: `${key} is a symlink; not followed` };
    return { ok: false, reason: 'unreadable', message: `${key} could not be read (${code ?? 'error'})` };
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}
