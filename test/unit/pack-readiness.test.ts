import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { PDFParse } from 'pdf-parse';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { storeAll } from '../../src/collectors/sink';
import { sealDay } from '../../src/core/seal';
import { CONTROL_RESULTS_SCHEMA } from '../../src/evaluate/engine';
import { RESULTS_COLLECTOR, encodeResults } from '../../src/evaluate/results-artifact';
import { buildPack, type BuiltPack } from '../../src/pack/build';
import type { PackJson } from '../../src/pack/model';
import { LocalKeySigner } from '../../src/signing/local-signer';
import { LocalObjectStore } from '../../src/vault/local-store';
import { Vault } from '../../src/vault/vault';
import { verifyPack } from '../../src/verify';
import { carryRecords } from '../../src/workflow/carry';
import type { WorkflowRecord } from '../../src/workflow/model';
import { encodeRecord } from '../../src/workflow/records';
import { sealRecords } from '../../src/workflow/seal-records';
import { TEST_KEY } from '../support/keys';
import { writePackJson, writeSums } from '../support/pack-builder-for-tests';
import { sampleAttestation, sampleDetected, sampleReview } from '../support/workflow-records';

/**
 * A quarter with workflow records sealed between daily runs (several manifests a day): the pack's
 * readiness section, its days' results, and the verifier recomputing the section from the records.
 */
const scope = { organization: 'Test EdTech', mode: 'sample' as const, accounts: ['111122223333'], regions: ['us-east-1'], collectors: ['s3'] };
let root = '';
let built: BuiltPack;
const event = (type: 'escalated' | 'customers-notified', at: string): WorkflowRecord => sampleDetected({ event: type, at, detection: null, recordedAt: at });

async function evaluatedDay(vault: Vault, signer: LocalKeySigner, date: string): Promise<void> {
  const now = new Date(`${date}T06:00:00.000Z`);
  const carried = await carryRecords(vault, date, now);
  const results = encodeResults({ schema: CONTROL_RESULTS_SCHEMA, date, catalog: { id: 'c', version: '1', sha256: 'a'.repeat(64) }, summary: { pass: 1, fail: 0, 'not-applicable': 0, 'not-evidenced': 0, disabled: 0 }, controls: [{ id: 'TEST', verdict: 'pass', checks: [], awsConfig: [] }] });
  await storeAll(vault, [results]);
  await sealDay(vault, signer, { date, scope, gaps: [], artifacts: [{ key: results.key, sha256: results.sha256, bytes: results.bytes.length, collector: RESULTS_COLLECTOR, account: '*', region: '*', observedAt: now.toISOString() }, ...carried.entries] }, now);
}

beforeAll(async () => {
  root = mkdtempSync(path.join(tmpdir(), 'ev-readiness-'));
  const vault = new Vault(new LocalObjectStore(path.join(root, 'vault')));
  const signer = LocalKeySigner.fromPem(TEST_KEY.privateKeyPem);
  const seal = (at: string, ...records: WorkflowRecord[]): Promise<unknown> => sealRecords(vault, signer, records, { now: new Date(at) });
  await evaluatedDay(vault, signer, '2026-09-30');
  await evaluatedDay(vault, signer, '2026-10-01');
  await seal('2026-10-01T09:00:00.000Z', sampleAttestation());
  for (let d = 2; d <= 15; d++) {
    const date = `2026-10-${String(d).padStart(2, '0')}`;
    await evaluatedDay(vault, signer, date);
    if (d === 10) await seal('2026-10-10T09:00:00.000Z', sampleDetected({ recordedAt: '2026-10-10T09:00:00.000Z' }), event('escalated', '2026-10-10T09:00:00.000Z'));
    if (d === 14) await seal('2026-10-14T10:00:00.000Z', event('customers-notified', '2026-10-14T10:00:00.000Z'));
  }
  await seal('2026-10-15T12:00:00.000Z', sampleReview({ signedAt: '2026-10-15T12:00:00.000Z', recordedAt: '2026-10-15T12:00:00.000Z' }));
  built = await buildPack({ vault, quarter: '2026-Q4', signer, outDir: path.join(root, 'out'), now: () => new Date('2026-10-16T00:00:00.000Z') });
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('pack v2 readiness', () => {
  it('reports each day its evaluated manifest, not the records manifest sealed after it', () => {
    const day = built.pack.days.find((d) => d.date === '2026-10-10');
    expect(built.pack.chain.manifests.filter((m) => m.date === '2026-10-10')).toHaveLength(2);
    expect(day?.manifest?.key).toBe(built.pack.chain.manifests.find((m) => m.date === '2026-10-10')?.key);
    expect(day?.results).not.toBeNull();
    expect(built.pack.days.every((d) => d.results !== null || d.date > '2026-10-15')).toBe(true);
  });

  it('holds the procedure in force, the incident against its deadlines and the review', () => {
    const r = built.pack.readiness!;
    expect(built.pack.schema).toBe('evidence-vault/pack/v2');
    expect(r.asOf).toBe('2026-10-16T00:00:00.000Z');
    expect(r.procedure).toMatchObject({ documentId: 'notification-procedure', version: '1.0', sha256: sampleAttestation().sha256, lastReviewedAt: '2026-10-01T09:00:00.000Z', reviewedInTime: true, record: { key: encodeRecord(sampleAttestation()).key } });
    expect(r.incidents).toHaveLength(1);
    expect(r.incidents[0]).toMatchObject({ id: 'INC-2026-001', outcome: 'missed', customerData: true });
    expect(r.incidents[0]?.deadlines.map((d) => `${d.step} ${d.status}`)).toEqual(['internal-escalation met', 'customer-notification missed', 'regulator-notification skipped']);
    expect(r.incidents[0]?.deadlines[1]?.reason).toBe('done 102 h 48 min after detection: 30 h 48 min past the 72 h deadline');
    expect(r.review).toMatchObject({ quarter: '2026-Q4', reviewer: 'compliance-lead', signedAt: '2026-10-15T12:00:00.000Z' });
    expect(r.mapping.soc2).toEqual(['CC2.3', 'CC7.3', 'CC7.4', 'CC7.5']);
  });

  it('shows the readiness section in report.pdf', async () => {
    const parser = new PDFParse({ data: new Uint8Array(readFileSync(path.join(built.dir, 'report.pdf'))) });
    const text = (await parser.getText()).text;
    await parser.destroy();
    for (const expected of ['Leak-reporting readiness', 'Notification procedure in force', `version 1.0`, sampleAttestation().sha256, 'NONE: no escalation drill was recorded', 'INC-2026-001: DEADLINE MISSED', 'customers-notified +102 h 48 min LATE by 30 h 48 min', 'Quarterly review sign-off', 'compliance-lead']) {
      expect(text.replace(/\s+/g, ' ')).toContain(expected);
    }
  });

  it('carries the readiness into OSCAL as observations, valid against the official 1.0.4 schema', () => {
    const schema = JSON.parse(readFileSync(path.join(__dirname, '..', 'fixtures', 'oscal', 'oscal_assessment-results_schema-v1.0.4.json'), 'utf8')) as object;
    const ajv = new Ajv({ strict: false, allErrors: true });
    addFormats(ajv);
    const validate = ajv.compile(schema);
    const doc = JSON.parse(readFileSync(path.join(built.dir, 'oscal', 'assessment-results.json'), 'utf8')) as { 'assessment-results': { results: Array<{ observations: Array<{ title: string }> }> } };

    expect(validate(doc) ? [] : validate.errors).toEqual([]);
    const titles = doc['assessment-results'].results[0]!.observations.map((o) => o.title);
    expect(titles).toEqual(expect.arrayContaining(['Notification procedure 1.0 in force', 'Incident INC-2026-001: deadline missed', 'Quarterly review of 2026-Q4 signed by compliance-lead']));
  });

  it('verifies as folder and zip', async () => {
    for (const target of [built.dir, built.zip]) expect((await verifyPack(target, { publicKeyPem: TEST_KEY.publicKeyPem })).failures).toEqual([]);
  });

  /** A copy of the pack with pack.json changed and re-signed (SHA256SUMS too): only the content can betray it. */
  async function tampered(change: (pack: PackJson) => void): Promise<Awaited<ReturnType<typeof verifyPack>>> {
    const dir = path.join(mkdtempSync(path.join(root, 'tamper-')), built.name);
    cpSync(built.dir, dir, { recursive: true });
    const pack = JSON.parse(readFileSync(path.join(dir, 'pack.json'), 'utf8')) as PackJson;
    change(pack);
    writePackJson(dir, pack);
    writeSums(dir);
    return verifyPack(dir, { publicKeyPem: TEST_KEY.publicKeyPem });
  }

  it('refuses a v1 pack.json carrying a readiness section, and a v2 one without it', async () => {
    const v1 = await tampered((p) => {
      p.schema = 'evidence-vault/pack/v1';
    });
    const bare = await tampered((p) => {
      delete p.readiness;
    });

    expect(v1.failures.map((f) => f.code)).toContain('PACK_JSON_MALFORMED');
    expect(bare.failures.map((f) => f.code)).toContain('PACK_JSON_MALFORMED');
  });

  it('refuses a re-signed pack.json whose incident outcome disagrees with the sealed records', async () => {
    const report = await tampered((pack) => {
      pack.readiness!.incidents[0]!.outcome = 'met';
    });

    expect(report.failures.map((f) => `${f.code} ${f.message}`)).toEqual([
      'PACK_INCONSISTENT pack.json disagrees with the sealed workflow records: $.readiness.incidents[0].outcome: the sealed records give "missed", found "met"',
    ]);
  });
});
