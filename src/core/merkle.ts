import { hash } from 'node:crypto';

/**
 * Merkle Tree Hash of RFC 6962 §2.1 over SHA-256:
 *   MTH({})      = SHA-256()
 *   MTH({d0})    = SHA-256(0x00 || d0)
 *   MTH(D[n])    = SHA-256(0x01 || MTH(D[0:k]) || MTH(D[k:n])), k the largest power of two < n.
 * The leaves d_i are the raw 32-byte SHA-256 digests of the artifacts, in manifest order.
 */
export const MERKLE_ALGORITHM = 'RFC6962-SHA256';

export function merkleRoot(leafDigestsHex: readonly string[]): string {
  return merkleRootOfDigests(leafDigests(leafDigestsHex), leafDigestsHex.length, (b) => hash('sha256', b, 'buffer')).toString('hex');
}

/** The leaves as one buffer of raw 32-byte digests, as merkleRootOfDigests takes them. */
export function leafDigests(leafDigestsHex: readonly string[]): Buffer {
  // Its own memory, never a slice of the shared pool: the verifier hands it to another thread.
  const out = Buffer.allocUnsafeSlow(leafDigestsHex.length * 32);
  leafDigestsHex.forEach((d, i) => out.write(d, i * 32, 32, 'hex'));
  return out;
}

/**
 * The root over `count` raw digests laid end to end in `digests`. Self-contained (it refers to
 * nothing outside itself) so that the verifier can run the very same function in a worker thread.
 * One buffer per level and one-shot hashing of a scratch prefix buffer: a quarter's pack has a
 * million leaves.
 */
export function merkleRootOfDigests(digests: Buffer, count: number, sha256: (data: Buffer) => Buffer): Buffer {
  if (count === 0) return sha256(Buffer.alloc(0));
  let level = Buffer.allocUnsafe(count * 32);
  const leaf = Buffer.alloc(33); // 0x00 || d
  for (let i = 0; i < count; i++) {
    digests.copy(leaf, 1, i * 32, i * 32 + 32);
    sha256(leaf).copy(level, i * 32);
  }
  // Bottom-up construction that reproduces the RFC's left-heavy split: pair from the left
  // and carry an odd last node up unchanged.
  const node = Buffer.alloc(65); // 0x01 || left || right
  node[0] = 1;
  for (let n = count; n > 1; n = Math.ceil(n / 2)) {
    const next = Buffer.allocUnsafe(Math.ceil(n / 2) * 32);
    for (let i = 0; i < n; i += 2) {
      if (i + 1 === n) {
        level.copy(next, (i / 2) * 32, i * 32, i * 32 + 32);
        continue;
      }
      level.copy(node, 1, i * 32, i * 32 + 64);
      sha256(node).copy(next, (i / 2) * 32);
    }
    level = next;
  }
  return level.subarray(0, 32);
}
