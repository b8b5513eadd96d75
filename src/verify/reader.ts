import { hash } from 'node:crypto';
import { closeSync, constants, fstatSync, lstatSync, openSync, readSync, readdirSync } from 'node:fs';
import * as path from 'node:path';

/**
 * The verifier's only file IO (docs/formats/vault-layout.md §Reading a vault). A vault is
 * hostile input: symlinks and special files are listed but never followed or opened, and a
 * file larger than its limit is refused from its size alone, before a byte of it is read.
 */
export const LIMITS = {
  manifest: 256 * 1024 * 1024,
  artifact: 64 * 1024 * 1024,
  signature: 4 * 1024,
  publicKey: 64 * 1024,
  /** Pack files (pack-v1): pack.json and SHA256SUMS are parsed; other files are only hashed, streaming. */
  packJson: 256 * 1024 * 1024,
  sums: 64 * 1024 * 1024,
  packFile: 2 * 1024 * 1024 * 1024,
} as const;

export type EntryKind = 'file' | 'symlink' | 'special';

export interface VaultEntry {
  /** Posix path relative to the vault root, e.g. `manifests/2026-01-05/00000000.json`. */
  key: string;
  kind: EntryKind;
  /**
   * A zip entry's declared size; -1 for a regular file of a folder, which is sized on its open
   * descriptor when read (ReadFile's expectedSize), not by a stat per file in the walk.
   */
  size: number;
}

export type ReadOutcome =
  | { ok: true; bytes: Buffer; sha256: string }
  | { ok: false; reason: 'too-large' | 'not-regular' | 'unreadable'; message: string }
  /** Only when an expected size was given: the file has another size, and was not read. */
  | { ok: false; reason: 'wrong-size'; size: number; message: string };

/**
 * Reads one file of a tree by key, bounded by a limit: a vault or pack folder (readBounded), or
 * an entry of a pack zip (zip-source.ts). The checks shared by vaults and packs take one.
 */
export type ReadFile = (key: string, limit: number, expectedSize?: number) => Promise<ReadOutcome>;

export function readerFor(root: string | ReadFile): ReadFile {
  return typeof root === 'string' ? (key, limit, expectedSize) => readBounded(root, key, limit, expectedSize) : root;
}

/**
 * Lists every non-directory entry under root, sorted by key; directories are walked, never
 * followed. Synchronous calls: a pack holds a hundred thousand small files, and one system call
 * after another is several times faster than as many promises through the thread pool.
 */
export async function walkVault(root: string): Promise<VaultEntry[]> {
  return Promise.resolve(walkVaultSync(root));
}

function walkVaultSync(root: string): VaultEntry[] {
  const out: VaultEntry[] = [];
  const pending: string[] = [''];
  for (let rel = pending.pop(); rel !== undefined; rel = pending.pop()) {
    const dirents = readdirSync(path.join(root, rel), { withFileTypes: true });
    for (const d of dirents) {
      const key = rel === '' ? d.name : `${rel}/${d.name}`;
      if (d.isDirectory()) {
        pending.push(key);
        continue;
      }
      if (d.isFile()) {
        out.push({ key, kind: 'file', size: -1 });
        continue;
      }
      const st = lstatSync(path.join(root, key));
      const kind: EntryKind = st.isSymbolicLink() ? 'symlink' : st.isFile() ? 'file' : 'special';
      out.push({ key, kind, size: st.size });
    }
  }
  return out.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

const OPEN_FLAGS = constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0) | (constants.O_NONBLOCK ?? 0);
const CHUNK = 1024 * 1024;

/**
 * Reads and hashes one file in chunks. The size is checked on the open descriptor (no race
 * with the walk), and reading stops at the limit even if the file grows meanwhile.
 */
export async function readBounded(root: string, key: string, limit: number, expectedSize?: number): Promise<ReadOutcome> {
  return Promise.resolve(readBoundedSync(root, key, limit, expectedSize));
}

/** readBounded without a promise (see walkVault for why). */
export function readBoundedSync(root: string, key: string, limit: number, expectedSize?: number): ReadOutcome {
  return withBoundedFile<ReadOutcome>(root, key, limit, expectedSize, (fd, size) => {
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const want = Math.min(CHUNK, Math.max(size - total, 0) + 1, limit + 1 - total);
      const buf = Buffer.allocUnsafe(want);
      const bytesRead = readSync(fd, buf, 0, want, null);
      if (bytesRead === 0) break;
      total += bytesRead;
      if (total > limit) return grewPastLimit(key, limit);
      chunks.push(buf.subarray(0, bytesRead));
      // A short read of a regular file is its end: no second call just to be told so.
      if (bytesRead < want) break;
    }
    const bytes = chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks, total);
    return { ok: true, bytes, sha256: hash('sha256', bytes, 'hex') };
  });
}

export type FileFailure = Extract<ReadOutcome, { ok: false }>;

/**
 * Opens `key` under `root` without following links, checks on the open descriptor that it is a
 * regular file of at most `limit` bytes (and of `expectedSize`, when given), hands the descriptor
 * and its size to `read`, and closes it. Every failure, thrown or checked, is an outcome.
 */
export function withBoundedFile<T>(root: string, key: string, limit: number, expectedSize: number | undefined, read: (fd: number, size: number) => T | FileFailure): T | FileFailure {
  let fd: number | undefined;
  try {
    fd = openSync(path.join(root, key), OPEN_FLAGS);
    const st = fstatSync(fd);
    if (!st.isFile()) return { ok: false, reason: 'not-regular', message: `${key} is not a regular file` };
    if (expectedSize !== undefined && st.size !== expectedSize) return { ok: false, reason: 'wrong-size', size: st.size, message: `${key} is ${st.size} bytes, expected ${expectedSize}; not read` };
    if (st.size > limit) {
      return { ok: false, reason: 'too-large', message: `${key} is ${formatSize(st.size)}, larger than the ${formatSize(limit)} limit; not read` };
    }
    return read(fd, st.size);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ELOOP') return { ok: false, reason: 'not-regular', message: `${key} is a symlink; not followed` };
    return { ok: false, reason: 'unreadable', message: `${key} could not be read (${code ?? 'error'})` };
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/** The file grew past its limit while it was read (its size on opening was within it). */
export function grewPastLimit(key: string, limit: number): FileFailure {
  return { ok: false, reason: 'too-large', message: `${key} grew past the ${formatSize(limit)} limit while read` };
}

export function formatSize(n: number): string {
  if (n >= 1024 * 1024 * 1024) return `${(n / 1024 ** 3).toFixed(1)} GiB (${n} bytes)`;
  if (n >= 1024 * 1024) return `${(n / 1024 ** 2).toFixed(1)} MiB (${n} bytes)`;
  return `${n} bytes`;
}
