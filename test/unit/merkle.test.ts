import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { merkleRoot } from '../../src/core/merkle';

const sha256 = (...parts: Buffer[]): Buffer => {
  const h = createHash('sha256');
  for (const p of parts) h.update(p);
  return h.digest();
};

/** RFC 6962 §2.1, written as the RFC states it: recursive, split at the largest power of two < n. */
function referenceMth(leaves: Buffer[]): Buffer {
  const n = leaves.length;
  if (n === 0) return sha256();
  if (n === 1) return sha256(Buffer.of(0), leaves[0] as Buffer);
  let k = 1;
  while (k * 2 < n) k *= 2;
  return sha256(Buffer.of(1), referenceMth(leaves.slice(0, k)), referenceMth(leaves.slice(k)));
}

const digest = fc.uint8Array({ minLength: 32, maxLength: 32 }).map((b) => Buffer.from(b).toString('hex'));

describe('merkleRoot (RFC 6962 §2.1 over SHA-256)', () => {
  it('is SHA-256 of nothing for no leaves', () => {
    expect(merkleRoot([])).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
  });

  it('is SHA-256(0x00 || d) for one leaf', () => {
    const d = 'ab'.repeat(32);
    expect(merkleRoot([d])).toBe(sha256(Buffer.of(0), Buffer.from(d, 'hex')).toString('hex'));
  });

  it('matches the recursive reference for every leaf count 0..70', () => {
    for (let n = 0; n <= 70; n += 1) {
      const leaves = Array.from({ length: n }, (_, i) => sha256(Buffer.from(String(i))));
      expect(merkleRoot(leaves.map((l) => l.toString('hex')))).toBe(referenceMth(leaves).toString('hex'));
    }
  });

  it('matches the recursive reference for random leaves, counts 0..70 (property)', () => {
    fc.assert(
      fc.property(fc.array(digest, { minLength: 0, maxLength: 70 }), (leaves) => {
        expect(merkleRoot(leaves)).toBe(referenceMth(leaves.map((l) => Buffer.from(l, 'hex'))).toString('hex'));
      }),
      { numRuns: 200 },
    );
  });

  it('depends on leaf order (property)', () => {
    fc.assert(
      fc.property(fc.uniqueArray(digest, { minLength: 2, maxLength: 20 }), (leaves) => {
        expect(merkleRoot([...leaves].reverse())).not.toBe(merkleRoot(leaves));
      }),
      { numRuns: 100 },
    );
  });
});
