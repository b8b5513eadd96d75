import type { ArtifactV1, SealedBytes } from '../core/artifact';
import { mapPool } from '../core/pool';
import type { Vault } from '../vault/vault';

/**
 * Where a recorder puts each artifact as soon as AWS has answered. The vault sink stores it
 * at once (content-addressed: stored once, retention extended on reuse), so a day's evidence
 * is never held in memory and nothing collected is lost if the run stops before sealing.
 */
export interface ArtifactSink {
  /** `artifact` is the object `sealed` encodes, for sinks that keep it (no parsing back). */
  put(sealed: SealedBytes, artifact?: ArtifactV1): Promise<void>;
}

export class VaultSink implements ArtifactSink {
  created = 0;
  reused = 0;
  /** Parsed artifacts kept for the day's evaluation (only when asked: large organizations). */
  readonly retained = new Map<string, ArtifactV1>();

  constructor(
    private readonly vault: Vault,
    private readonly retain = false,
  ) {}

  async put(sealed: SealedBytes, artifact?: ArtifactV1): Promise<void> {
    const outcome = await this.vault.putContent(sealed.key, sealed.bytes, sealed.sha256);
    if (outcome === 'created') this.created++;
    else this.reused++;
    if (this.retain) this.retained.set(sealed.key, artifact ?? (JSON.parse(sealed.bytes.toString('utf8')) as ArtifactV1));
  }
}

/** Stores already-sealed artifacts (tests, and callers that collected in memory). */
export async function storeAll(vault: Vault, artifacts: readonly SealedBytes[]): Promise<void> {
  await mapPool(artifacts, 16, (a) => vault.putContent(a.key, a.bytes, a.sha256));
}
