import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { canonicalize } from '../../src/core/canonical';
import type { PackJson } from '../../src/pack/model';
import { buildAssessmentResults } from '../../src/report/oscal';
import { PACK_SHA, cleanPack, edgePack, realisticPack, sha } from '../support/oscal-fixture';

// OSCAL Assessment Results 1.0.4, checked against NIST's own JSON schema (test/fixtures/oscal/README.md).
const SCHEMA = JSON.parse(
  readFileSync(path.join(__dirname, '..', 'fixtures', 'oscal', 'oscal_assessment-results_schema-v1.0.4.json'), 'utf8'),
) as object;
const ajv = new Ajv({ strict: false, allErrors: true });
addFormats(ajv);
const validate = ajv.compile(SCHEMA);

const UUID_V5 = /^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
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
});
