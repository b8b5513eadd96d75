import { createHash } from 'node:crypto';
import { readSync } from 'node:fs';
import * as path from 'node:path';
import { grewPastLimit, readBounded, walkVault, withBoundedFile, type FileFailure, type ReadFile, type VaultEntry } from './reader';

/**
 * A pack as the verifier sees it, wherever it lies (docs/verification.md §Verifying a pack): its
 * files by key (relative to the pack's folder), a bounded reader, and a streaming hasher that
 * keeps nothing in memory. A folder is read with the vault reader's rules; a zip's entries are
 * read in place (zip-source.ts), never extracted.
 */
export type HashOutcome = { ok: true; sha256: string; size: number } | FileFailure;

export interface PackSource {
  path: string;
  /** The pack's folder name (the zip's top folder; a directory's base name). */
  name: string;
  entries: VaultEntry[];
  read: ReadFile;
  hash(key: string, limit: number): Promise<HashOutcome>;
  close(): Promise<void>;
}

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
  return withBoundedFile<HashOutcome>(root, key, limit, undefined, (fd, size) => {
    const hash = createHash('sha256');
    // Most pack files are small artifacts: a buffer of their size, not a megabyte each.
    const buf = Buffer.allocUnsafe(Math.max(1, Math.min(CHUNK, size + 1)));
    let total = 0;
    for (;;) {
      const bytesRead = readSync(fd, buf, 0, buf.length, null);
      if (bytesRead === 0) break;
      total += bytesRead;
      if (total > limit) return grewPastLimit(key, limit);
      hash.update(buf.subarray(0, bytesRead));
    }
    return { ok: true, sha256: hash.digest('hex'), size: total };
  });
}
