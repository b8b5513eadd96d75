import { readdirSync } from 'node:fs';
import * as path from 'node:path';
import { COLLECTORS } from '../../src/collectors/registry';
import { ITEM_FAILED_OPERATION } from '../../src/pipeline/seal-staged';
import { MemoryStagingStore } from '../../src/pipeline/staging';
import { LocalObjectStore } from '../../src/vault/local-store';
import { Vault } from '../../src/vault/vault';
import { SAMPLE_ORGANIZATION } from '../../src/sample';
import type { Signer } from '../../src/signing/signer';
import { verifyVault } from '../../src/verify';
import { TEST_KEY } from '../support/keys';
import { useTempDir } from '../support/temp';
import { dateOf, runFanOutDay, sealAgain, type FanOutSetup } from './fanout';
import { recordingObservability, testSigner } from './lambda';

const tempDir = useTempDir('evidence-fanout-');
const ITEMS = SAMPLE_ORGANIZATION.accounts.length * SAMPLE_ORGANIZATION.regions.length;

function setup(overrides: Partial<FanOutSetup> = {}): FanOutSetup & { recorded: () => Record<string, number[]> } {
  const obs = recordingObservability();
  return { vault: new Vault(new LocalObjectStore(tempDir())), signer: testSigner(), staging: new MemoryStagingStore(), obs, recorded: obs.recorded, ...overrides };
}

function vaultFiles(): string[] {
  return readdirSync(tempDir(), { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && !e.name.startsWith('.'))
    .map((e) => path.relative(tempDir(), path.join(e.parentPath, e.name)))
    .sort();
}

async function expectVaultVerifies(days: number): Promise<void> {
  const report = await verifyVault(tempDir(), { publicKeyPem: TEST_KEY.publicKeyPem });
  expect(report.failures).toEqual([]);
  expect(report.ok).toBe(true);
  expect(report.manifests).toBe(days);
}

describe('the daily functions (plan, collect per account x region, seal)', () => {
  it('collect a day of the sample organization and seal one manifest for it that verifies', async () => {
    const s = setup();
    const day = await runFanOutDay(s, 0);
    expect(day.plan).toMatchObject({ date: dateOf(0), sealed: false, items: ITEMS, accounts: SAMPLE_ORGANIZATION.accounts.length });
    expect(day.collected).toHaveLength(ITEMS);
    expect(day.seal).toMatchObject({ date: dateOf(0), alreadySealed: false, key: `manifests/${dateOf(0)}/00000000.json`, failedItems: 0 });
    const staged = day.collected.reduce((n, c) => n + ('artifacts' in c ? c.artifacts : 0), 0);
    expect(day.seal!.artifacts).toBe(staged + 1); // + the control results
    expect(s.recorded()).toMatchObject({ Items: [ITEMS], DaySealed: [1], Artifacts: [day.seal!.artifacts], Gaps: [day.seal!.gaps], FailedItems: [0] });
    expect(s.recorded().RunDuration).toEqual([300]);
    await expectVaultVerifies(1);
  });

  it('chain the next day to it, in one organization-mode manifest per day', async () => {
    const s = setup();
    await runFanOutDay(s, 0);
    const second = await runFanOutDay(s, 1);
    expect(second.seal!.key).toBe(`manifests/${dateOf(1)}/00000001.json`);
    await expectVaultVerifies(2);
  });

  it('turn an item whose collect step failed into a gap per collector naming the recorded error, and still seal', async () => {
    const s = setup();
    const production = SAMPLE_ORGANIZATION.accounts.find((a) => a.role !== 'management')!.id;
    const region = SAMPLE_ORGANIZATION.regions[0];
    const day = await runFanOutDay(s, 0, { failing: (item) => item.account === production && item.region === region });
    expect(day.seal!.failedItems).toBe(1);
    const manifest = JSON.parse((await s.vault.read(day.seal!.key)).toString('utf8')) as { gaps: { collector: string; account: string; region: string; operation: string; errorCode: string; message: string }[] };
    const itemGaps = manifest.gaps.filter((g) => g.operation === ITEM_FAILED_OPERATION);
    expect(itemGaps.map((g) => g.collector).sort()).toEqual(COLLECTORS.map((c) => c.name).sort());
    for (const g of itemGaps) {
      expect(g).toMatchObject({ account: production, region, errorCode: 'Error' });
      expect(g.message).toContain(`simulated crash collecting ${production}/${region}`);
    }
    expect(s.recorded().Gaps![0]).toBeGreaterThanOrEqual(COLLECTORS.length);
    await expectVaultVerifies(1);
  });

  it('do nothing on a duplicated run after the day is sealed: plan ends it, a retried seal writes nothing', async () => {
    const s = setup();
    const first = await runFanOutDay(s, 0);
    const before = vaultFiles();
    const again = await runFanOutDay(s, 0);
    expect(again.plan).toEqual({ date: dateOf(0), sealed: true, manifest: first.seal!.key });
    expect(again.collected).toEqual([]);
    const resealed = await sealAgain(s, 0);
    expect(resealed).toMatchObject({ alreadySealed: true, key: first.seal!.key, sha256: first.seal!.sha256, newArtifacts: 0 });
    expect(vaultFiles()).toEqual(before);
    await expectVaultVerifies(1);
  });

  it('redo a seal that crashed after storing the artifacts: the retry lists every one of them', async () => {
    const s = setup();
    const failing: Signer = { publicKeyPem: () => s.signer.publicKeyPem(), sign: () => Promise.reject(new Error('KMS unavailable')) };
    await expect(runFanOutDay({ ...s, signer: failing }, 0)).rejects.toThrow('KMS unavailable');
    expect(vaultFiles().filter((f) => f.startsWith('artifacts/')).length).toBeGreaterThan(0);
    expect(vaultFiles().filter((f) => f.startsWith('manifests/'))).toEqual([]);
    const retried = await sealAgain(s, 0);
    expect(retried).toMatchObject({ alreadySealed: false, key: `manifests/${dateOf(0)}/00000000.json`, newArtifacts: 0 });
    await expectVaultVerifies(1); // no UNLISTED_FILE: the artifacts stored by the crashed seal are listed
  });

  it('complete a seal that crashed between the manifest and its signature', async () => {
    const s = setup();
    const store = new LocalObjectStore(tempDir());
    let refuseSignature = true;
    const flaky = new Vault({
      url: store.url,
      putIfAbsent: (key, body, sha) => (refuseSignature && key.endsWith('.json.sig') ? Promise.reject(new Error('connection reset')) : store.putIfAbsent(key, body, sha)),
      putFileIfAbsent: (k, f) => store.putFileIfAbsent(k, f),
      getToFile: (k, f) => store.getToFile(k, f),
      get: (k) => store.get(k),
      exists: (k) => store.exists(k),
      list: (p) => store.list(p),
      delete: (k) => store.delete(k),
    });
    await expect(runFanOutDay({ ...s, vault: flaky }, 0)).rejects.toThrow('connection reset');
    expect(vaultFiles().filter((f) => f.startsWith('manifests/'))).toEqual([`manifests/${dateOf(0)}/00000000.json`]);
    refuseSignature = false;
    const retried = await sealAgain({ ...s, vault: flaky }, 0);
    expect(retried).toMatchObject({ alreadySealed: true, key: `manifests/${dateOf(0)}/00000000.json` });
    await expectVaultVerifies(1);
  });

  it('seal the same manifest content when a collect step is retried (it overwrites its own staged result)', async () => {
    const s = setup();
    const first = await runFanOutDay(s, 0, { skipSeal: true });
    const resultKeys = [...s.staging.objects.keys()].filter((k) => k.includes('/results/'));
    const before = new Map(resultKeys.map((k) => [k, s.staging.objects.get(k)!.length]));
    await runFanOutDay(s, 0, { skipSeal: true });
    expect([...s.staging.objects.keys()].filter((k) => k.includes('/results/'))).toEqual(resultKeys);
    for (const k of resultKeys) expect(s.staging.objects.get(k)!.length).toBe(before.get(k));
    expect(first.collected).toHaveLength(ITEMS);
    const sealed = await sealAgain(s, 0);
    expect(sealed.alreadySealed).toBe(false);
    await expectVaultVerifies(1);
  });
});
