import type { JsonValue } from '../../src/core/canonical';
import { isEvidenceError } from '../../src/core/errors';
import type { PackJson } from '../../src/pack/model';
import { buildAssessmentResults } from '../../src/report/oscal';
import { BUCKET, CONTROLS, PACK_SHA, cleanPack, edgePack, realisticPack } from '../support/oscal-fixture';

// Reading the produced document: plain JSON walked by key; the schema test checks its shape.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Doc = { [key: string]: any };

function build(pack: PackJson, packSha256 = PACK_SHA): Doc {
  return (buildAssessmentResults(pack, { packSha256 }) as Doc)['assessment-results'] as Doc;
}

function finding(doc: Doc, id: string): Doc {
  return (doc.results[0].findings as Doc[]).find((f) => f.target['target-id'] === id)!;
}

describe('OSCAL assessment results: findings and evidence', () => {
  it('reports a failing control as not-satisfied, with its exception dates and resources', () => {
    const doc = build(realisticPack());

    const f = finding(doc, 's3-bucket-versioning');

    expect(f.target.status).toEqual(expect.objectContaining({ state: 'not-satisfied', reason: 'fail' }));
    expect(f.description).toContain('failed 2026-08-03 to 2026-08-05');
    expect(f.description).toContain(BUCKET);
    expect(f.description).toContain('No manifest was sealed on 2026-08-14 to 2026-08-15 (2 day(s))');
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
