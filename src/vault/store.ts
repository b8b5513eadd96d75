/**
 * The vault's storage interface: one interface, two stores (local directory, S3 Object Lock).
 * Keys are relative slash-separated paths (docs/formats/vault-layout.md). A store never
 * overwrites and never deletes: evidence is append-only at this layer, whatever the store
 * below can do.
 */
export type PutOutcome = 'created' | 'exists';

export interface ObjectStore {
  /** For messages and manifests, e.g. `file:///srv/vault` or `s3://bucket/prefix`. */
  readonly url: string;
  /**
   * Writes `body` under `key` unless the key exists. `sha256` is our hex digest of `body`:
   * stores send it along where the backend can check it. When the key exists the store
   * leaves the object as it is (and, where it has retention, extends it, never shortens it)
   * and answers 'exists'; callers decide whether that is acceptable.
   */
  putIfAbsent(key: string, body: Buffer, sha256: string): Promise<PutOutcome>;
  /**
   * Like putIfAbsent, for a body in a file (a quarter's pack zip), which is never held in memory
   * whole: the S3 store sends a large file as a multipart upload, the local store copies it.
   */
  putFileIfAbsent(key: string, file: string): Promise<PutOutcome>;
  /** The stored bytes, or an EvidenceError VAULT_NOT_FOUND. */
  get(key: string): Promise<Buffer>;
  /**
   * Like get, into a new file (refused if `file` exists), never holding the object in memory
   * whole: a quarter's pack zip. A failed read leaves no file behind.
   */
  getToFile(key: string, file: string): Promise<void>;
  exists(key: string): Promise<boolean>;
  /** Every key under `prefix`, in ascending byte order. */
  list(prefix: string): Promise<string[]>;
  /** Always refused with VAULT_DELETE_REFUSED: there is no deleting evidence. */
  delete(key: string): Promise<never>;
}
