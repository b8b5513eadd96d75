import { hash } from 'node:crypto';

/**
 * Merkle Tree Hash of RFC 6962 §2.1 over SHA-256:
 *   MTH({})      = SHA-256()
 *   MTH({d0})    = SHA-256(0x00 || d0)
 *   MTH(D[n])    = SHA-256(0x01 || MTH(D[0:k]) || MTH(D[k:n])), k the largest power of two < n.
 * The leaves d_i are the raw 32-byte SHA-256 digests of the artifacts, in manifest order.
 */
export const MERKLE_ALGORITHM = 'RFC6962-SHA256';

const DIGEST = 32;

export function merkleRoot(leafDigestsHex: readonly string[]): string {
  if (leafDigestsHex.length === 0) return hash('sha256', '', 'hex');
  // One buffer per level, hashed through a scratch prefix buffer: a quarter's pack verifies a
  // million leaves, and one-shot hashing without per-node objects is what keeps that fast.
  let level = Buffer.allocUnsafe(leafDigestsHex.length * DIGEST);
  const leaf = Buffer.alloc(1 + DIGEST); // 0x00 || d
  leafDigestsHex.forEach((d, i) => {
    leaf.write(d, 1, DIGEST, 'hex');
    hash('sha256', leaf, 'buffer').copy(level, i * DIGEST);
  });
  // Bottom-up construction that reproduces the RFC's left-heavy split: pair from the left
  // and carry an odd last node up unchanged.
  const node = Buffer.alloc(1 + 2 * DIGEST);
  node[0] = 1;
  for (let count = leafDigestsHex.length; count > 1; count = Math.ceil(count / 2)) {
    const next = Buffer.allocUnsafe(Math.ceil(count / 2) * DIGEST);
    for (let i = 0; i < count; i += 2) {
      if (i + 1 === count) {
        level.copy(next, (i / 2) * DIGEST, i * DIGEST, (i + 1) * DIGEST);
        continue;
      }
      level.copy(node, 1, i * DIGEST, (i + 2) * DIGEST);
      hash('sha256', node, 'buffer').copy(next, (i / 2) * DIGEST);
    }
    level = next;
  }
  return level.subarray(0, DIGEST).toString('hex');
}
