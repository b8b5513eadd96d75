import { EvidenceError } from '../core/errors';
import { sha256Hex } from '../core/hash';
import type { ObjectStore, PutOutcome } from './store';

/**
 * The vault over any store: content-addressed writes may meet an existing object (same
 * content, same key: stored once), exclusive writes may not; every read is re-hashed and a
 * mismatch refused, so integrity never depends on the store's own checksums.
 */
export class Vault {
  constructor(readonly store: ObjectStore) {}

  get url(): string {
    return this.store.url;
  }

  /** For content-addressed keys: an existing object under the same key is the same content. */
  async putContent(key: string, body: Buffer, sha256: string): Promise<PutOutcome> {
    return this.store.putIfAbsent(key, body, sha256);
  }

  /** For keys that must be new (manifests, signatures, packs): an existing key is a conflict. */
  async putNew(key: string, body: Buffer): Promise<void> {
    const outcome = await this.store.putIfAbsent(key, body, sha256Hex(body));
    if (outcome === 'exists') {
      throw new EvidenceError('VAULT_OBJECT_EXISTS', `${this.url}: ${key} already exists and is never overwritten`);
    }
  }

  /** putNew for a body in a file, streamed to the store rather than read into memory. */
  async putNewFile(key: string, file: string): Promise<void> {
    const outcome = await this.store.putFileIfAbsent(key, file);
    if (outcome === 'exists') {
      throw new EvidenceError('VAULT_OBJECT_EXISTS', `${this.url}: ${key} already exists and is never overwritten`);
    }
  }

  async readVerified(key: string, sha256: string): Promise<Buffer> {
    const body = await this.store.get(key);
    const actual = sha256Hex(body);
    if (actual !== sha256) {
      throw new EvidenceError(
        'VAULT_READ_MISMATCH',
        `${this.url}: ${key} has SHA-256 ${actual}, expected ${sha256}; the stored object was altered`,
      );
    }
    return body;
  }

  async read(key: string): Promise<Buffer> {
    return this.store.get(key);
  }

  /** An object written into a new file as it is read (a pack zip); not re-hashed: see readVerified. */
  async readToFile(key: string, file: string): Promise<void> {
    return this.store.getToFile(key, file);
  }

  async exists(key: string): Promise<boolean> {
    return this.store.exists(key);
  }

  async list(prefix: string): Promise<string[]> {
    return this.store.list(prefix);
  }
}
