import { canonicalBytes, type JsonValue } from './canonical';
import { sha256Hex } from './hash';

/**
 * Artifact v1 (docs/formats/artifact-v1.md): what was asked and what AWS answered.
 * No timestamps of ours, so unchanged state canonicalizes, hashes and is stored the same.
 */
export const ARTIFACT_SCHEMA = 'evidence-vault/artifact/v1';

export interface ArtifactRequest {
  service: string;
  operation: string;
  input: { [key: string]: JsonValue };
  account: string;
  region: string;
}

/** An error answer that states a fact about the resource (e.g. NoSuchLifecycleConfiguration). */
export interface ArtifactErrorAnswer {
  code: string;
  message: string;
}

export type ArtifactV1 =
  | { schema: typeof ARTIFACT_SCHEMA; request: ArtifactRequest; response: JsonValue }
  | { schema: typeof ARTIFACT_SCHEMA; request: ArtifactRequest; error: ArtifactErrorAnswer };

export interface SealedBytes {
  key: string;
  sha256: string;
  bytes: Buffer;
}

/** Content address of an artifact: the key is derived from the hash of its canonical bytes. */
export function artifactKey(sha256: string): string {
  return `artifacts/sha256/${sha256.slice(0, 2)}/${sha256}.json`;
}

export function encodeArtifact(artifact: ArtifactV1): SealedBytes {
  const bytes = canonicalBytes(artifact as unknown as JsonValue);
  const sha256 = sha256Hex(bytes);
  return { key: artifactKey(sha256), sha256, bytes };
}
