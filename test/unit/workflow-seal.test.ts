import { readdirSync } from 'node:fs';
import * as path from 'node:path';
import { ARTIFACT_SCHEMA, encodeArtifact } from '../../src/core/artifact';
import { storeAll } from '../../src/collectors/sink';
import { sealDay } from '../../src/core/seal';
import { LocalKeySigner } from '../../src/signing/local-signer';
import { LocalObjectStore } from '../../src/vault/local-store';
import { Vault } from '../../src/vault/vault';
import { verifyVault } from '../../src/verify';
import { sealRecords } from '../../src/workflow/seal-records';
import { useTempDir } from '../support/temp';
import { sampleDetected, sampleReview } from '../support/workflow-records';

const scope = { organization: 'Test EdTech', mode: 'sample' as const, accounts: ['111122223333'], regions: ['us-east-1'], collectors: ['s3'] };

function listAll(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).map((e) => path.relative(dir, path.join(e.parentPath, e.name))).sort();
}

describe('sealing workflow records', () => {
  const tmp = useTempDir();
  const setup = async (): Promise<{ vault: Vault; signer: LocalKeySigner; dir: string }> => {
    const dir = path.join(tmp(), 'vault');
    const vault = new Vault(new LocalObjectStore(dir));
    return { dir, vault, signer: await LocalKeySigner.openOrCreate(path.join(tmp(), 'key.pem')) };
  };
  const daily = async (vault: Vault, signer: LocalKeySigner, date: string): Promise<void> => {
    const answer = encodeArtifact({ schema: ARTIFACT_SCHEMA, request: { service: 's3', operation: 'ListBuckets', input: {}, account: '111122223333', region: 'us-east-1' }, response: { Buckets: [] } });
    await storeAll(vault, [answer]);
    await sealDay(vault, signer, { date, scope, gaps: [], artifacts: [{ key: answer.key, sha256: answer.sha256, bytes: answer.bytes.length, collector: 's3', account: '111122223333', region: 'us-east-1', observedAt: `${date}T06:00:00.000Z` }] }, new Date(`${date}T06:01:00.000Z`));
  };

  it('appends a second manifest on the day, in the chain, and the vault verifies', async () => {
    const { vault, signer, dir } = await setup();
    await daily(vault, signer, '2026-10-10');

    const sealed = await sealRecords(vault, signer, [sampleDetected()], { now: new Date('2026-10-10T03:15:00.000Z') });
    await daily(vault, signer, '2026-10-11');
    const report = await verifyVault(dir, {});

    expect(sealed.key).toBe('manifests/2026-10-10/00000001.json');
    expect(sealed.records).toHaveLength(1);
    expect(report.failures).toEqual([]);
    expect(report.manifests).toBe(3);
  });

  it('names the organization of the chain in the records manifest', async () => {
    const { vault, signer } = await setup();
    await daily(vault, signer, '2026-10-10');

    const sealed = await sealRecords(vault, signer, [sampleReview()], { now: new Date('2026-10-10T10:00:00.000Z') });
    const manifest = JSON.parse((await vault.read(sealed.key)).toString('utf8')) as { scope: typeof scope; artifacts: Array<{ collector: string; account: string }> };

    expect(manifest.scope).toEqual({ ...scope, collectors: ['workflow'] });
    expect(manifest.artifacts).toEqual([expect.objectContaining({ collector: 'workflow', account: '*' })]);
  });

  it('refuses a record sealed on a day before the chain head, writing nothing', async () => {
    const { vault, signer, dir } = await setup();
    await daily(vault, signer, '2026-10-11');
    const before = listAll(dir);

    const attempt = sealRecords(vault, signer, [sampleDetected()], { now: new Date('2026-10-10T03:15:00.000Z') });

    await expect(attempt).rejects.toMatchObject({ code: 'CHAIN_CONFLICT' });
    expect(listAll(dir)).toEqual(before);
  });

  it('refuses an invalid record, writing nothing', async () => {
    const { vault, signer, dir } = await setup();
    await daily(vault, signer, '2026-10-10');
    const before = listAll(dir);

    const attempt = sealRecords(vault, signer, [sampleDetected(), sampleDetected({ recordedBy: 'Jane Doe' })], { now: new Date('2026-10-10T03:15:00.000Z') });

    await expect(attempt).rejects.toThrow('$.recordedBy');
    expect(listAll(dir)).toEqual(before);
  });

  it('needs the organization for a vault without a manifest', async () => {
    const { vault, signer } = await setup();

    await expect(sealRecords(vault, signer, [sampleReview()], { now: new Date('2026-10-10T10:00:00.000Z') })).rejects.toMatchObject({ code: 'USAGE' });
    const sealed = await sealRecords(vault, signer, [sampleReview()], { now: new Date('2026-10-10T10:00:00.000Z'), organization: 'Test EdTech' });
    expect(sealed.sequence).toBe(0);
  });
});
