import { randomBytes } from 'node:crypto';
import { constants as fsConstants, promises as fs } from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { EvidenceError, describeError } from '../core/errors';
import type { ObjectStore, PutOutcome } from './store';

/**
 * A vault in a local directory: the embedded default and the store the tests use.
 * It refuses overwrite and delete through this API and leaves files read-only, but anyone
 * with write access to the directory can still change it: it is NOT WORM-grade storage
 * (docs/formats/vault-layout.md). Tampering is still caught by `evidence verify`.
 */
export class LocalObjectStore implements ObjectStore {
  readonly url: string;
  /** Directories known to exist: most days store few new objects and many unchanged ones. */
  private readonly dirs = new Set<string>();

  constructor(readonly root: string) {
    this.url = pathToFileURL(path.resolve(root)).href;
  }

  async putIfAbsent(key: string, body: Buffer, _sha256?: string): Promise<PutOutcome> {
    return this.place(key, (temp) => fs.writeFile(temp, body, { flag: 'wx', mode: 0o444 }));
  }

  async putFileIfAbsent(key: string, file: string): Promise<PutOutcome> {
    // Copied by the kernel, never read into memory; read-only like every object of the store.
    return this.place(key, async (temp) => {
      await fs.copyFile(file, temp, fsConstants.COPYFILE_EXCL);
      await fs.chmod(temp, 0o444);
    });
  }

  /** Writes a temporary file with `fill`, then hard-links it into place unless the key exists. */
  private async place(key: string, fill: (temp: string) => Promise<void>): Promise<PutOutcome> {
    const target = this.resolve(key);
    // Unchanged state is the common case: answer it without writing anything.
    if (await this.exists(key)) return 'exists';
    const dir = path.dirname(target);
    if (!this.dirs.has(dir)) {
      await fs.mkdir(dir, { recursive: true });
      this.dirs.add(dir);
    }
    // Write a temporary file, then hard-link it into place: link() fails with EEXIST rather
    // than replacing, and readers never see a half-written object.
    const temp = path.join(this.root, `.incoming-${process.pid}-${randomBytes(6).toString('hex')}`);
    try {
      await fill(temp);
      await fs.link(temp, target);
      return 'created';
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'EEXIST') return 'exists';
      throw new EvidenceError('VAULT_UNAVAILABLE', `${this.url}: cannot write ${key}: ${describeError(e)}`, { cause: e });
    } finally {
      await fs.rm(temp, { force: true });
    }
  }

  async get(key: string): Promise<Buffer> {
    try {
      return await fs.readFile(this.resolve(key));
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') {
        throw new EvidenceError('VAULT_NOT_FOUND', `${this.url}: ${key} does not exist`, { cause: e });
      }
      throw new EvidenceError('VAULT_UNAVAILABLE', `${this.url}: cannot read ${key}: ${describeError(e)}`, { cause: e });
    }
  }

  async getToFile(key: string, file: string): Promise<void> {
    try {
      await fs.copyFile(this.resolve(key), file, fsConstants.COPYFILE_EXCL);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code === 'ENOENT' && !(await this.exists(key))) {
        throw new EvidenceError('VAULT_NOT_FOUND', `${this.url}: ${key} does not exist`, { cause: e });
      }
      throw new EvidenceError('VAULT_UNAVAILABLE', `${this.url}: cannot copy ${key} to ${file}: ${describeError(e)}`, { cause: e });
    }
  }

  async exists(key: string): Promise<boolean> {
    try {
      await fs.access(this.resolve(key));
      return true;
    } catch {
      return false;
    }
  }

  async list(prefix: string): Promise<string[]> {
    const keys: string[] = [];
    const dir = prefix.includes('/') ? prefix.slice(0, prefix.lastIndexOf('/')) : '';
    await this.walk(dir, keys);
    return keys.filter((k) => k.startsWith(prefix)).sort(byteOrder);
  }

  delete(key: string): Promise<never> {
    return Promise.reject(new EvidenceError('VAULT_DELETE_REFUSED', `${this.url}: refusing to delete ${key}: evidence is never deleted`));
  }

  private async walk(relDir: string, out: string[]): Promise<void> {
    let entries;
    try {
      entries = await fs.readdir(path.join(this.root, relDir), { withFileTypes: true });
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return;
      throw new EvidenceError('VAULT_UNAVAILABLE', `${this.url}: cannot list ${relDir || '/'}: ${describeError(e)}`, { cause: e });
    }
    for (const entry of entries) {
      const rel = relDir ? `${relDir}/${entry.name}` : entry.name;
      if (entry.isDirectory()) await this.walk(rel, out);
      else if (entry.isFile() && !entry.name.startsWith('.incoming-')) out.push(rel);
    }
  }

  /** Keys are relative, slash-separated, without '.', '..' or empty segments. */
  private resolve(key: string): string {
    const segments = key.split('/');
    if (key.length === 0 || key.includes('\\') || key.includes('\0') || segments.some((s) => s === '' || s === '.' || s === '..')) {
      throw new EvidenceError('USAGE', `invalid vault key ${JSON.stringify(key)}`);
    }
    return path.join(this.root, ...segments);
  }
}

function byteOrder(a: string, b: string): number {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return Buffer.compare(x, y);
}
