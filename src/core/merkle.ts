import { createHash } from 'node:crypto';

/**
 * Merkle Tree Hash of RFC 6962 §2.1 over SHA-256:
 *   MTH({})      = SHA-256()
 *   MTH({d0})    = SHA-256(0x00 || d0)
 *   MTH(D[n])    = SHA-256(0x01 || MTH(D[0:k]) || MTH(D[k:n])), k the largest power of two < n.
 * The leaves d_i are the raw 32-byte SHA-256 digests of the artifacts, in manifest order.
 */
export const MERKLE_ALGORITHM = 'RFC6962-SHA256';

export function merkleRoot(leafDigestsHex: readonly string[]): string {
  if (leafDigestsHex.length === 0) return createHash('sha256').digest('hex');
  let level = leafDigestsHex.map((d) => leafHash(Buffer.from(d, 'hex')));
  // Bottom-up construction that reproduces the RFC's left-heavy split: pair from the left
  // and carry an odd last node up unchanged.
  while (level.length > 1) {
    const next: Buffer[] = [];
    for (let i = 0; i < level.length; i += 2) {
      const left = level[i] as Buffer;
      const right = level[i + 1];
      next.push(right === undefined ? left : nodeHash(left, right));
    }
    level = next;
  }
  return (level[0] as Buffer).toString('hex');
}

function leafHash(d: Buffer): Buffer {
  return createHash('sha256').update(Buffer.of(0)).update(d).digest();
}

function nodeHash(left: Buffer, right: Buffer): Buffer {
  return createHash('sha256').update(Buffer.of(1)).update(left).update(right).digest();
}
