import { createHash } from 'node:crypto';
import { artifactKey } from '../../src/core/artifact';
import type { ManifestV1 } from '../../src/core/manifest';
import { merkleRoot } from '../../src/core/merkle';
import { Failures } from '../../src/verify/codes';
import { MerkleChecks } from '../../src/verify/merkle-worker';

/**
 * The verifier's Merkle roots on a second thread give exactly the roots of src/core/merkle, and
 * a mismatch is reported like the in-place check (MERKLE_ROOT_MISMATCH, one per manifest).
 */
function manifestOf(count: number, seed: string): ManifestV1 {
  const artifacts = Array.from({ length: count }, (_, i) => {
    const sha256 = createHash('sha256').update(`${seed}:${i}`).digest('hex');
    return { key: artifactKey(sha256), sha256, bytes: 10, collector: 's3', account: '111122223333', region: 'us-east-1', observedAt: '2026-07-01T06:00:00.000Z' };
  });
  const root = merkleRoot(artifacts.map((a) => a.sha256));
  return { artifacts, merkle: { algorithm: 'RFC6962-SHA256', leafCount: count, root } } as unknown as ManifestV1;
}

describe('MerkleChecks', () => {
  it('agrees with merkleRoot on the worker (large lists) and in place (small ones)', async () => {
    const checks = new MerkleChecks();
    const failures = new Failures();
    for (const count of [0, 1, 2, 3, 7, 2047, 2048, 2049, 5000, 10_001]) checks.check(`m-${count}`, manifestOf(count, String(count)));
    await checks.finish(failures);
    expect(failures.list).toEqual([]);
  });

  it('reports a wrong root and a wrong leaf count, in the order checked', async () => {
    const checks = new MerkleChecks();
    const failures = new Failures();
    const wrongRoot = manifestOf(4096, 'a');
    wrongRoot.merkle.root = '0'.repeat(64);
    const wrongCount = manifestOf(3000, 'b');
    wrongCount.merkle.leafCount = 2999;
    checks.check('m-a', wrongRoot);
    checks.check('m-ok', manifestOf(2500, 'c'));
    checks.check('m-b', wrongCount);
    await checks.finish(failures);
    expect(failures.list.map((f) => [f.code, f.file])).toEqual([
      ['MERKLE_ROOT_MISMATCH', 'm-a'],
      ['MERKLE_ROOT_MISMATCH', 'm-b'],
    ]);
    expect(failures.list[0]?.message).toContain(`expected leafCount 4096 and root ${merkleRoot(wrongRoot.artifacts.map((a) => a.sha256))}`);
  });
});
