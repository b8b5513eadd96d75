import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { isEvidenceError } from '../core/errors';
import { signatureKey, type ManifestV1 } from '../core/manifest';
import { mapPool } from '../core/pool';
import type { Vault } from '../vault/vault';
import type { Failures } from '../verify/codes';
import { signatureVerifies, type TrustedKey } from '../verify/keys';
import type { QuarterManifest } from './verify-quarter';
import { sha256Hex } from '../core/hash';

/**
 * Copies vault objects into the pack folder under their vault keys (docs/formats/pack-v1.md
 * §Layout). Every read is re-hashed against the SHA-256 that a verified manifest names
 * (Vault.readVerified); an artifact that differs or is gone becomes the verifier's failure
 * (ARTIFACT_HASH_MISMATCH, ARTIFACT_MISSING) and the build goes on, so that every broken
 * artifact is named before the build is refused.
 */
export class PackCopier {
  private readonly dirs = new Set<string>();
  /**
   * Keys copied so far with the SHA-256 their bytes were verified against (the pack folder is
   * new: only this copier writes into it). An unchanged artifact is listed by every day of the
   * quarter; one key per distinct artifact is remembered. SHA256SUMS takes these hashes rather
   * than reading a hundred thousand files back.
   */
  readonly copied = new Map<string, string>();

  constructor(
    private readonly vault: Vault,
    private readonly root: string,
    private readonly trusted: TrustedKey,
    private readonly failures: Failures,
    private readonly concurrency = 8,
  ) {}

  /** The manifest (as verified) and its signature; answers the parsed manifest. */
  async manifest(m: QuarterManifest): Promise<ManifestV1> {
    const bytes = await this.vault.readVerified(m.key, m.sha256);
    const sigKey = signatureKey(m.key);
    const sig = await this.vault.read(sigKey);
    // Read again since verification: the copy must be the signature that was checked.
    if (!signatureVerifies(bytes, sig, this.trusted.key)) {
      this.failures.add('SIGNATURE_INVALID', sigKey, `${sigKey}: changed while the pack was built; it no longer verifies with key ${this.trusted.fingerprint}`);
    }
    await this.write(m.key, bytes, m.sha256);
    await this.write(sigKey, sig, sha256Hex(sig));
    return JSON.parse(bytes.toString('utf8')) as ManifestV1;
  }

  /** Every artifact the manifest lists; an artifact already copied (same key, same content) is skipped. */
  async artifacts(manifestKey: string, manifest: ManifestV1): Promise<void> {
    await mapPool(manifest.artifacts, this.concurrency, async (a) => {
      if (this.copied.has(a.key)) return;
      let bytes: Buffer;
      try {
        bytes = await this.vault.readVerified(a.key, a.sha256);
      } catch (e) {
        if (isEvidenceError(e, 'VAULT_READ_MISMATCH')) {
          this.failures.add('ARTIFACT_HASH_MISMATCH', a.key, `${a.key}: listed by ${manifestKey} with SHA-256 ${a.sha256}; ${e.message}`);
        } else if (isEvidenceError(e, 'VAULT_NOT_FOUND')) {
          this.failures.add('ARTIFACT_MISSING', a.key, `${a.key}: listed by ${manifestKey} (SHA-256 ${a.sha256}, ${a.bytes} bytes), not found in the vault`);
        } else throw e;
        return;
      }
      if (bytes.length !== a.bytes) {
        this.failures.add('ARTIFACT_HASH_MISMATCH', a.key, `${a.key}: ${manifestKey} lists ${a.bytes} bytes, found ${bytes.length} bytes`);
        return;
      }
      await this.write(a.key, bytes, a.sha256);
    });
  }

  /** The bytes of a copied object (already re-hashed when it was copied). */
  async read(key: string): Promise<Buffer | undefined> {
    return fs.readFile(this.file(key)).catch(() => undefined);
  }

  private async write(key: string, bytes: Buffer, sha256: string): Promise<void> {
    const file = this.file(key);
    const dir = path.dirname(file);
    if (!this.dirs.has(dir)) {
      await fs.mkdir(dir, { recursive: true });
      this.dirs.add(dir);
    }
    await fs.writeFile(file, bytes, { flag: 'wx' });
    this.copied.set(key, sha256);
  }

  /** Keys come from verified manifests (manifest keys, content addresses): no `..`, no absolute path. */
  private file(key: string): string {
    return path.join(this.root, ...key.split('/'));
  }
}
