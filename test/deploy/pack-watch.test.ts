import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { createPackHandler } from '../../src/deploy/pack-handler';
import { createWatchHandler } from '../../src/deploy/watch-handler';
import { previousQuarter } from '../../src/pipeline/pack-quarter';
import { MemoryStagingStore } from '../../src/pipeline/staging';
import { LocalObjectStore } from '../../src/vault/local-store';
import { Vault } from '../../src/vault/vault';
import { verifyPath } from '../../src/verify';
import { OTHER_TEST_KEY, TEST_KEY } from '../support/keys';
import { useTempDir } from '../support/temp';
import { dateOf, runFanOutDay, type FanOutSetup } from './fanout';
import { lambdaContext, recordingObservability, testSigner } from './lambda';

const tempDir = useTempDir('evidence-pack-fn-');

/** The last two days of 2026-Q3, sealed by the daily functions. */
async function sealedQuarterEnd(): Promise<FanOutSetup & { recorded: () => Record<string, number[]> }> {
  const obs = recordingObservability();
  const s = { vault: new Vault(new LocalObjectStore(path.join(tempDir(), 'vault'))), signer: testSigner(), staging: new MemoryStagingStore(), obs, recorded: obs.recorded };
  await runFanOutDay(s, 0);
  await runFanOutDay(s, 1);
  expect(dateOf(1)).toBe('2026-09-30');
  return s;
}

describe('the quarterly pack function', () => {
  it('packs the quarter before the scheduled day', () => {
    expect(previousQuarter('2026-10-04')).toBe('2026-Q3');
    expect(previousQuarter('2027-01-01')).toBe('2026-Q4');
    expect(previousQuarter('2026-04-28')).toBe('2026-Q1');
  });

  it('builds the previous quarter\'s pack from the vault, stores it under packs/, and it verifies; a repeated invocation builds nothing', async () => {
    const s = await sealedQuarterEnd();
    const work = path.join(tempDir(), 'work');
    await fs.mkdir(work);
    const pack = createPackHandler({ ...s.obs, vault: s.vault, signer: s.signer, now: () => new Date('2026-10-04T07:00:00.000Z'), workDir: work });
    const built = await pack({ time: '2026-10-04T07:00:00Z' }, lambdaContext('pack'));
    expect(built).toMatchObject({ quarter: '2026-Q3', built: true, vaultKey: 'packs/2026-Q3/evidence-pack-2026-Q3-20261004T070000Z.zip' });
    expect(built.missingDays).toBe(92 - 2);
    expect(await fs.readdir(work)).toEqual([]); // the Lambda's /tmp is left empty
    expect(s.recorded().PackBuilt).toEqual([1]);
    const report = await verifyPath(path.join(tempDir(), 'vault', built.vaultKey), { publicKeyPem: TEST_KEY.publicKeyPem });
    expect(report.failures).toEqual([]);
    expect(report.ok).toBe(true);

    const again = await pack({ time: '2026-10-05T07:00:00Z' }, lambdaContext('pack'));
    expect(again).toEqual({ quarter: '2026-Q3', built: false, vaultKey: built.vaultKey });
  });

  it('fails, naming the quarter and what is wrong, on a vault with nothing sealed (the pack alarm sees the error)', async () => {
    const obs = recordingObservability();
    const pack = createPackHandler({ ...obs, vault: new Vault(new LocalObjectStore(tempDir())), signer: testSigner(), now: () => new Date('2026-07-04T07:00:00.000Z'), workDir: tempDir() });
    await expect(pack({ quarter: '2026-Q2' }, lambdaContext('pack'))).rejects.toThrow(/2026-Q2: the evidence is not intact, no pack was built[^]*PUBLIC_KEY_MISSING/);
    await expect(pack({ quarter: '2026-Q5' }, lambdaContext('pack'))).rejects.toThrow('expected YYYY-Qn');
  });
});

describe('the daily chain watch', () => {
  it('reports ChainVerified 1 when the newest manifests verify and yesterday is sealed', async () => {
    const s = await sealedQuarterEnd();
    const watch = createWatchHandler({ ...s.obs, vault: s.vault, publicKeyPem: () => Promise.resolve(TEST_KEY.publicKeyPem), now: () => new Date('2026-10-01T10:00:00Z') });
    const result = await watch({}, lambdaContext('watch'));
    expect(result).toMatchObject({ verified: true, problems: [], head: { date: '2026-09-30' }, checked: 2, daysBehind: 0 });
    expect(s.recorded().ChainVerified).toEqual([1]);
  });

  it('reports ChainVerified 0 for missed days, another signing key, and a broken signature', async () => {
    const s = await sealedQuarterEnd();
    const late = createWatchHandler({ ...s.obs, vault: s.vault, publicKeyPem: () => Promise.resolve(TEST_KEY.publicKeyPem), now: () => new Date('2026-10-04T10:00:00Z') });
    const missed = await late({}, lambdaContext('watch'));
    expect(missed).toMatchObject({ verified: false, daysBehind: 3 });
    expect(missed.problems).toEqual(['the newest sealed day is 2026-09-30; 3 day(s) up to yesterday 2026-10-03 are missing']);

    const otherKey = createWatchHandler({ ...s.obs, vault: s.vault, publicKeyPem: () => Promise.resolve(OTHER_TEST_KEY.publicKeyPem), now: () => new Date('2026-10-01T10:00:00Z') });
    const wrong = await otherKey({}, lambdaContext('watch'));
    expect(wrong.verified).toBe(false);
    expect(wrong.problems.some((p) => p.startsWith('public-key.pem is key'))).toBe(true);
    expect(wrong.problems.filter((p) => p.includes('the signature does not verify'))).toHaveLength(2);

    // Replace the newest signature with the previous day's (the local store's files are read-only).
    const sig = path.join(tempDir(), 'vault', 'manifests', '2026-09-30', '00000001.json.sig');
    await fs.chmod(sig, 0o644);
    await fs.copyFile(path.join(tempDir(), 'vault', 'manifests', '2026-09-29', '00000000.json.sig'), sig);
    const tampered = await late({}, lambdaContext('watch'));
    expect(tampered.problems).toContain(`manifests/2026-09-30/00000001.json: the signature does not verify with the signing key ${tampered.problems.join(' ').match(/signing key ([0-9a-f]{64})/)?.[1] ?? '?'}`);
    expect(s.recorded().ChainVerified).toEqual([0, 0, 0]);
  });
});
