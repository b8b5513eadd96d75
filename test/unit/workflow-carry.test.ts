import * as path from 'node:path';
import { storeAll } from '../../src/collectors/sink';
import { sealDay } from '../../src/core/seal';
import { CONTROL_RESULTS_SCHEMA } from '../../src/evaluate/engine';
import { RESULTS_COLLECTOR, encodeResults } from '../../src/evaluate/results-artifact';
import { LocalKeySigner } from '../../src/signing/local-signer';
import { LocalObjectStore } from '../../src/vault/local-store';
import { Vault } from '../../src/vault/vault';
import { verifyVault } from '../../src/verify';
import { carryRecords } from '../../src/workflow/carry';
import { sealRecords } from '../../src/workflow/seal-records';
import { useTempDir } from '../support/temp';
import { sampleAttestation, sampleDetected, sampleReview } from '../support/workflow-records';

const scope = { organization: 'Test EdTech', mode: 'sample' as const, accounts: ['111122223333'], regions: ['us-east-1'], collectors: ['s3'] };

describe('carrying workflow records into each evaluated day', () => {
  const tmp = useTempDir();

  /** A daily run's manifest: its control results plus the carried records, as runDay seals it. */
  async function evaluatedDay(vault: Vault, signer: LocalKeySigner, date: string): Promise<string[]> {
    const now = new Date(`${date}T06:00:00.000Z`);
    const carried = await carryRecords(vault, date, now);
    const results = encodeResults({ schema: CONTROL_RESULTS_SCHEMA, date, catalog: { id: 'c', version: '1', sha256: 'a'.repeat(64) }, summary: { pass: 0, fail: 0, 'not-applicable': 0, 'not-evidenced': 0, disabled: 0 }, controls: [] });
    await storeAll(vault, [results]);
    const entry = { key: results.key, sha256: results.sha256, bytes: results.bytes.length, collector: RESULTS_COLLECTOR, account: '*', region: '*', observedAt: now.toISOString() };
    await sealDay(vault, signer, { date, scope, gaps: [], artifacts: [entry, ...carried.entries] }, now);
    return carried.records.map((r) => r.record.kind);
  }

  it('lists the records sealed since the last evaluated day and those it carried, and the vault verifies', async () => {
    const dir = path.join(tmp(), 'vault');
    const vault = new Vault(new LocalObjectStore(dir));
    const signer = await LocalKeySigner.openOrCreate(path.join(tmp(), 'key.pem'));
    expect(await evaluatedDay(vault, signer, '2026-10-01')).toEqual([]);
    await sealRecords(vault, signer, [sampleAttestation()], { now: new Date('2026-10-01T09:00:00.000Z') });
    expect(await evaluatedDay(vault, signer, '2026-10-02')).toEqual(['attestation']);
    await sealRecords(vault, signer, [sampleDetected()], { now: new Date('2026-10-10T03:15:00.000Z') });
    await sealRecords(vault, signer, [sampleReview({ signedAt: '2026-10-10T10:00:00.000Z', recordedAt: '2026-10-10T10:00:00.000Z' })], { now: new Date('2026-10-10T10:00:00.000Z') });

    const carried = await evaluatedDay(vault, signer, '2026-10-11');

    expect(carried.sort()).toEqual(['attestation', 'incident-event', 'quarterly-review']);
    expect((await verifyVault(dir, {})).failures).toEqual([]);
  });

  it('drops records older than the carry window, except the document in force', async () => {
    const dir = path.join(tmp(), 'vault');
    const vault = new Vault(new LocalObjectStore(dir));
    const signer = await LocalKeySigner.openOrCreate(path.join(tmp(), 'key.pem'));
    await sealRecords(vault, signer, [sampleAttestation(), sampleDetected()], { now: new Date('2026-10-10T09:00:00.000Z'), organization: 'Test EdTech' });

    const late = await carryRecords(vault, '2027-12-01', new Date('2027-12-01T06:00:00.000Z'));

    expect(late.records.map((r) => r.record.kind)).toEqual(['attestation']);
  });
});
