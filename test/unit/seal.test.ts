import { execFileSync } from 'node:child_process';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { ARTIFACT_SCHEMA, encodeArtifact, type SealedBytes } from '../../src/core/artifact';
import { storeAll } from '../../src/collectors/sink';
import { sha256Hex } from '../../src/core/hash';
import type { ManifestV1 } from '../../src/core/manifest';
import { merkleRoot } from '../../src/core/merkle';
import { sealDay, type DayEvidence } from '../../src/core/seal';
import { LocalKeySigner } from '../../src/signing/local-signer';
import type { Signer } from '../../src/signing/signer';
import { LocalObjectStore } from '../../src/vault/local-store';
import { Vault } from '../../src/vault/vault';
import { useTempDir } from '../support/temp';

const scope = { organization: 'Test EdTech', mode: 'sample' as const, accounts: ['111122223333'], regions: ['us-east-1'], collectors: ['s3'] };

/** Artifacts the days below refer to; the tests store them as collectors would. */
const stored: SealedBytes[] = [];

function day(date: string, versioning: string): DayEvidence {
  const request = { service: 's3', operation: 'GetBucketVersioning', input: { Bucket: 'student-records' }, account: '111122223333', region: 'us-east-1' };
  const sealed = encodeArtifact({ schema: ARTIFACT_SCHEMA, request, response: { Status: versioning } });
  stored.push(sealed);
  return {
    date,
    scope,
    artifacts: [{ key: sealed.key, sha256: sealed.sha256, bytes: sealed.bytes.length, collector: 's3', account: '111122223333', region: 'us-east-1', observedAt: `${date}T06:00:00.000Z` }],
    gaps: [{ collector: 'cloudtrail', account: '111122223333', region: 'us-east-1', operation: 'cloudtrail:DescribeTrails', errorCode: 'AccessDeniedException', message: 'denied' }],
  };
}

/** Stores the day's artifacts as the collectors would have, then seals. */
async function sealStored(vault: Vault, signer: Signer, evidence: DayEvidence, at: Date): ReturnType<typeof sealDay> {
  await storeAll(vault, stored);
  return sealDay(vault, signer, evidence, at);
}

describe('sealing days', () => {
  const tmp = useTempDir();
  const setup = async (): Promise<{ vault: Vault; signer: LocalKeySigner; dir: string }> => {
    const dir = path.join(tmp(), 'vault');
    const vault = new Vault(new LocalObjectStore(dir));
    return { dir, vault, signer: await LocalKeySigner.openOrCreate(path.join(tmp(), 'key.pem')) };
  };
  const read = async (dir: string, key: string): Promise<ManifestV1> => JSON.parse(await fs.readFile(path.join(dir, key), 'utf8')) as ManifestV1;

  it('chains each manifest to the previous one', async () => {
    const { vault, signer, dir } = await setup();
    const first = await sealStored(vault, signer, day('2026-07-01', 'Enabled'), new Date('2026-07-01T06:01:00Z'));
    const second = await sealStored(vault, signer, day('2026-07-02', 'Enabled'), new Date('2026-07-02T06:01:00Z'));
    expect([first.sequence, second.sequence]).toEqual([0, 1]);
    const m0 = await read(dir, first.key);
    const m1 = await read(dir, second.key);
    expect(m0.previous).toBeNull();
    expect(m1.previous).toEqual({ key: first.key, sha256: sha256Hex(await fs.readFile(path.join(dir, first.key))) });
    expect(m1.merkle).toEqual({ algorithm: 'RFC6962-SHA256', leafCount: 1, root: merkleRoot([m1.artifacts[0]!.sha256]) });
    expect(m1.gaps).toHaveLength(1);
  });

  it('appends a second manifest for a second run on the same day, rewriting nothing', async () => {
    const { vault, signer, dir } = await setup();
    const a = await sealStored(vault, signer, day('2026-07-01', 'Enabled'), new Date('2026-07-01T06:00:00Z'));
    const before = await fs.readFile(path.join(dir, a.key));
    const b = await sealStored(vault, signer, day('2026-07-01', 'Suspended'), new Date('2026-07-01T18:00:00Z'));
    expect(b.key).toBe('manifests/2026-07-01/00000001.json');
    expect(await fs.readFile(path.join(dir, a.key))).toEqual(before);
    expect((await read(dir, b.key)).previous?.key).toBe(a.key);
  });

  it('refuses to seal a day before the head of the chain', async () => {
    const { vault, signer } = await setup();
    await sealStored(vault, signer, day('2026-07-02', 'Enabled'), new Date());
    await expect(sealStored(vault, signer, day('2026-07-01', 'Enabled'), new Date())).rejects.toMatchObject({ code: 'CHAIN_CONFLICT' });
  });

  it('refuses a signer whose key is not the vault key', async () => {
    const { vault, signer } = await setup();
    await sealStored(vault, signer, day('2026-07-01', 'Enabled'), new Date());
    const other = await LocalKeySigner.openOrCreate(path.join(tmp(), 'other.pem'));
    await expect(sealStored(vault, other, day('2026-07-02', 'Enabled'), new Date())).rejects.toMatchObject({ code: 'SIGNING_KEY_CHANGED' });
  });

  it('completes a signature that an interrupted run did not write', async () => {
    const { vault, signer, dir } = await setup();
    const a = await sealStored(vault, signer, day('2026-07-01', 'Enabled'), new Date());
    await fs.rm(path.join(dir, `${a.key}.sig`), { force: true });
    await sealStored(vault, signer, day('2026-07-02', 'Enabled'), new Date());
    const out = execFileSync('openssl', ['dgst', '-sha256', '-verify', path.join(dir, 'public-key.pem'), '-signature', path.join(dir, `${a.key}.sig`), path.join(dir, a.key)]);
    expect(out.toString()).toBe('Verified OK\n');
  });

  it('exports the public key next to the manifests so openssl verifies every one', async () => {
    const { vault, signer, dir } = await setup();
    const keys = [];
    for (const d of ['2026-07-01', '2026-07-02', '2026-07-03']) keys.push((await sealStored(vault, signer, day(d, 'Enabled'), new Date())).key);
    for (const key of keys) {
      const out = execFileSync('openssl', ['dgst', '-sha256', '-verify', path.join(dir, 'public-key.pem'), '-signature', path.join(dir, `${key}.sig`), path.join(dir, key)]);
      expect(out.toString()).toBe('Verified OK\n');
    }
  });
});
