import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { canonicalize, type JsonValue } from '../../src/core/canonical';
import { isEvidenceError } from '../../src/core/errors';
import type { PackJson } from '../../src/pack/model';
import { buildAssessmentResults } from '../../src/report/oscal';
import { buildFixturePack, bundledCatalog, sha } from '../support/oscal-fixture';

// OSCAL Assessment Results 1.0.4, checked against NIST's own JSON schema (test/fixtures/oscal/README.md).
const SCHEMA = JSON.parse(
  readFileSync(path.join(__dirname, '..', 'fixtures', 'oscal', 'oscal_assessment-results_schema-v1.0.4.json'), 'utf8'),
) as object;
const ajv = new Ajv({ strict: false, allErrors: true });
addFormats(ajv);
const validate = ajv.compile(SCHEMA);

const PACK_SHA = sha('pack.json');
const UUID_V5 = /^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const CONTROLS = bundledCatalog().controls;
const BUCKET = 'arn:aws:s3:::student-records-prod';
const TRAIL = 'arn:aws:cloudtrail:us-east-1:111111111111:trail/org-trail';

/** A quarter with everything: failures, a gap, missing days, a disabled control, process controls. */
function realisticPack(): PackJson {
  return buildFixturePack({
    controls: CONTROLS,
    start: '2026-07-01',
    days: 92,
    missingDays: ['2026-08-14', '2026-08-15'],
    disabled: { 'vpc-flow-logs-enabled': 'Flow logs are replaced by a third-party network sensor (risk acceptance RA-12)' },
    runs: [
      { control: 's3-bucket-versioning', from: '2026-08-03', to: '2026-08-05', verdict: 'fail', resources: [{ resource: BUCKET, account: '222222222222', region: 'eu-west-1', reason: 'Versioning Status is Suspended' }] },
      { control: 'cloudtrail-multi-region-trail-logging', from: '2026-09-10', to: '2026-09-10', verdict: 'fail', resources: [{ resource: TRAIL, account: '111111111111', region: 'us-east-1', reason: 'IsLogging is false' }] },
      { control: 's3-public-access-blocked', from: '2026-08-13', to: '2026-08-16', verdict: 'fail', resources: [{ resource: BUCKET, account: '222222222222', region: 'eu-west-1', reason: 'BlockPublicPolicy is false' }] },
      { control: 'guardduty-findings-triaged-24h', from: '2026-07-20', to: '2026-07-20', verdict: 'not-evidenced', resources: [{ resource: '333333333333/eu-west-1', account: '333333333333', region: 'eu-west-1', reason: 'ListFindings was throttled' }] },
    ],
    gaps: [{ date: '2026-07-20', manifest: 'manifests/2026-07-20/00000020.json', collector: 'guardduty', account: '333333333333', region: 'eu-west-1', operation: 'ListFindings', errorCode: 'ThrottlingException', message: 'Rate exceeded' }],
  });
}

/** A quarter with no missing day, so that some controls operated every day. */
function cleanPack(): PackJson {
  return buildFixturePack({
    controls: CONTROLS,
    start: '2026-07-01',
    days: 92,
    runs: [{ control: 's3-bucket-versioning', from: '2026-09-29', to: '2026-09-30', verdict: 'fail', resources: [{ resource: BUCKET, account: '222222222222', region: 'eu-west-1', reason: 'Versioning Status is Suspended' }] }],
  });
}

/** One control, no exception, every day passed. */
function edgePack(): PackJson {
  return buildFixturePack({ controls: CONTROLS.slice(0, 1), start: '2027-01-01', days: 90, quarter: '2027-Q1' });
}

// Reading the produced document: plain JSON walked by key; the schema test checks its shape.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Doc = { [key: string]: any };

function build(pack: PackJson, packSha256 = PACK_SHA): Doc {
  return (buildAssessmentResults(pack, { packSha256 }) as Doc)['assessment-results'] as Doc;
}

function walk(value: unknown, visit: (key: string, v: unknown) => void): void {
  if (Array.isArray(value)) value.forEach((v) => walk(v, visit));
  else if (value !== null && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      visit(k, v);
      walk(v, visit);
    }
  }
}

function finding(doc: Doc, id: string): Doc {
  return (doc.results[0].findings as Doc[]).find((f) => f.target['target-id'] === id)!;
}

describe('OSCAL assessment results export', () => {
  const packs: Array<[string, () => PackJson]> = [['realistic', realisticPack], ['clean', cleanPack], ['edge', edgePack]];

  it.each(packs)('validates against the official OSCAL 1.0.4 schema: %s pack', (_, make) => {
    const document = buildAssessmentResults(make(), { packSha256: PACK_SHA });

    const valid = validate(document);

    if (!valid) console.error(JSON.stringify(validate.errors?.slice(0, 20), null, 2));
    expect(validate.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
  });

  it.each(packs)('names every control once, as reviewed control and as finding target: %s pack', (_, make) => {
    const pack = make();

    const result = build(pack).results[0] as Doc;

    const ids = pack.controls.map((c) => c.id);
    const targets = (result.findings as Doc[]).map((f) => f.target['target-id'] as string);
    const reviewed = (result['reviewed-controls']['control-selections'] as Doc[]).flatMap((s) => (s['include-controls'] as Doc[]).map((c) => c['control-id'] as string));
    expect(targets).toEqual(ids);
    expect(reviewed).toEqual(ids);
    expect((result.findings as Doc[]).every((f) => f.target.type === 'objective-id')).toBe(true);
  });

  it('has 39 findings, one observation per control plus one per exception run, and stays small', () => {
    const pack = realisticPack();

    const json = JSON.stringify(buildAssessmentResults(pack, { packSha256: PACK_SHA }));
    const result = JSON.parse(json)['assessment-results'].results[0] as Doc;

    const runs = pack.controls.reduce((n, c) => n + c.exceptions.length, 0);
    expect(result.findings).toHaveLength(39);
    expect(result.observations).toHaveLength(39 + runs);
    expect(json.length).toBeLessThan(1_000_000);
  });

  it.each(packs)('declares valid, unique UUIDs and every reference resolves: %s pack', (_, make) => {
    const doc = build(make());
    const declared: string[] = [];
    const referenced: string[] = [];

    walk(doc, (key, v) => {
      if (key === 'uuid') declared.push(v as string);
      if (['observation-uuid', 'subject-uuid', 'actor-uuid'].includes(key) || key === 'party-uuids') referenced.push(...([] as string[]).concat(v as string));
      if (key === 'href' && typeof v === 'string' && v.startsWith('#')) referenced.push(v.slice(1));
    });

    expect(declared.every((u) => UUID_V5.test(u))).toBe(true);
    expect(new Set(declared).size).toBe(declared.length);
    expect(referenced.filter((u) => !declared.includes(u))).toEqual([]);
  });

  it('is deterministic: the same pack gives byte-identical JSON; another pack hash gives other UUIDs', () => {
    const first = canonicalize(buildAssessmentResults(realisticPack(), { packSha256: PACK_SHA }));
    const again = canonicalize(buildAssessmentResults(structuredClone(realisticPack()), { packSha256: PACK_SHA }));
    const other = build(realisticPack(), sha('another pack.json'));

    expect(again).toBe(first);
    expect(JSON.stringify(buildAssessmentResults(realisticPack(), { packSha256: PACK_SHA }))).toBe(
      JSON.stringify(buildAssessmentResults(realisticPack(), { packSha256: PACK_SHA })),
    );
    expect(other.uuid).not.toBe((JSON.parse(first) as Doc)['assessment-results'].uuid);
  });

  it('states OSCAL 1.0.4, the pack hash, the key fingerprint and the period as date-times', () => {
    const pack = realisticPack();

    const doc = build(pack);

    expect(doc.metadata['oscal-version']).toBe('1.0.4');
    expect(doc.metadata['last-modified']).toBe(pack.generatedAt);
    expect(doc.metadata.version).toBe('evidence-vault/pack/v1 evidence-vault/data-leak-reporting@1.0.0');
    expect(doc.metadata.props).toEqual(expect.arrayContaining([
      expect.objectContaining({ name: 'pack-sha256', value: PACK_SHA }),
      expect.objectContaining({ name: 'signing-key-fingerprint', value: pack.signingKey.fingerprint }),
    ]));
    const packJson = (doc['back-matter'].resources as Doc[]).find((r) => r.rlinks?.[0].href === '../pack.json')!;
    expect(packJson.rlinks[0].hashes).toEqual([{ algorithm: 'SHA-256', value: PACK_SHA }]);
    expect(doc.results[0].start).toBe('2026-07-01T00:00:00Z');
    expect(doc.results[0].end).toBe('2026-09-30T23:59:59Z');
  });

  it('points import-ap at the back-matter resource that describes the catalog', () => {
    const doc = build(realisticPack());

    const target = (doc['import-ap'].href as string).slice(1);
    const resource = (doc['back-matter'].resources as Doc[]).find((r) => r.uuid === target)!;

    expect(resource.title).toContain('Control catalog evidence-vault/data-leak-reporting 1.0.0');
    expect(resource.props).toEqual(expect.arrayContaining([expect.objectContaining({ name: 'catalog-sha256' })]));
  });

  it('reports a failing control as not-satisfied, with its exception dates and resources', () => {
    const doc = build(realisticPack());

    const f = finding(doc, 's3-bucket-versioning');

    expect(f.target.status).toEqual(expect.objectContaining({ state: 'not-satisfied', reason: 'fail' }));
    expect(f.description).toContain('failed 2026-08-03 to 2026-08-05');
    expect(f.description).toContain(BUCKET);
    expect(f.description).toContain('2026-08-14 and 2026-08-15');
    expect(f.description).toContain('passed 87, failed 3, no verdict 2 of 92 days');
    const observations = doc.results[0].observations as Doc[];
    const run = observations.find((o) => o.uuid === f['related-observations'][1]['observation-uuid'])!;
    expect(run.subjects).toEqual([expect.objectContaining({ type: 'inventory-item', title: BUCKET, remarks: 'Versioning Status is Suspended' })]);
    expect(run.methods).toEqual(['TEST']);
  });

  it('splits a run at a missing day, and reports disabled and process controls as not-satisfied for another reason', () => {
    const doc = build(realisticPack());

    expect(finding(doc, 's3-public-access-blocked').description).toMatch(/failed 2026-08-13 \(.*\) and failed 2026-08-16 /);
    const disabled = finding(doc, 'vpc-flow-logs-enabled');
    expect(disabled.target.status).toEqual(expect.objectContaining({ state: 'not-satisfied', reason: 'other' }));
    expect(disabled.target.status.remarks).toContain('risk acceptance RA-12');
    const process = finding(doc, 'incident-workflow-test');
    expect(process.target.status.reason).toBe('other');
    const summary = (doc.results[0].observations as Doc[]).find((o) => o.uuid === process['related-observations'][0]['observation-uuid'])!;
    expect(summary.methods).toEqual(['EXAMINE']);
  });

  it('reports a control that passed every day as satisfied', () => {
    const doc = build(edgePack());

    const f = finding(doc, CONTROLS[0]!.id);

    expect(f.target.status).toEqual({ state: 'satisfied', reason: 'pass' });
    expect(f.description).toContain('operated on every day of 2027-Q1');
    expect(doc.results[0]['local-definitions']['inventory-items']).toBeUndefined();
    expect(finding(build(cleanPack()), 'cloudtrail-organization-trail').target.status.state).toBe('satisfied');
  });

  it('cites evidence by its pack key, relative to the document, with its SHA-256', () => {
    const doc = build(realisticPack());

    const evidence = (doc.results[0].observations as Doc[]).flatMap((o) => (o['relevant-evidence'] ?? []) as Doc[]);

    expect(evidence.length).toBeGreaterThan(0);
    for (const e of evidence) {
      expect(e.href).toMatch(/^\.\.\/(manifests\/\d{4}-\d{2}-\d{2}\/\d{8}\.json|artifacts\/sha256\/[0-9a-f]{2}\/[0-9a-f]{64}\.json)$/);
      expect(e.props).toEqual([expect.objectContaining({ name: 'sha256', value: expect.stringMatching(/^[0-9a-f]{64}$/) })]);
    }
  });

  const tampers: Array<[string, (p: PackJson) => [PackJson, string]]> = [
    ['a pack hash that is not SHA-256 hex', (p) => [p, 'abc']],
    ['a control listed twice', (p) => [{ ...p, controls: [...p.controls, p.controls[0]!] }, PACK_SHA]],
    ['a control id that is not an OSCAL token', (p) => [{ ...p, controls: [{ ...p.controls[0]!, id: '9 lives' }] }, PACK_SHA]],
  ];

  it.each(tampers)('refuses %s', (_, tamper) => {
    const [pack, hash] = tamper(edgePack());

    const attempt = (): JsonValue => buildAssessmentResults(pack, { packSha256: hash });

    expect(attempt).toThrow(expect.objectContaining({ code: 'INTERNAL' }) as Error);
    try {
      attempt();
    } catch (e) {
      expect(isEvidenceError(e, 'INTERNAL')).toBe(true);
    }
  });
});
