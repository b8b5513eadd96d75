import { readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { BUNDLED_CATALOG_FILE, SOURCE_TAGS, loadCatalog } from '../../src/catalog';
import { canonicalize, type JsonValue } from '../../src/core/canonical';
import { sha256Hex } from '../../src/core/hash';
import { parseStrictJson } from '../../src/core/strict-json';
import { RULE_PARAMS, isRuleId } from '../../src/evaluate/rule-params';
import { useTempDir } from '../support/temp';

const CATALOG = path.join(__dirname, '..', '..', 'templates', 'catalog', 'data-leak-reporting.catalog.json');
const JSON_SCHEMA = path.join(__dirname, '..', '..', 'templates', 'catalog', 'catalog.schema.json');

describe('the bundled catalog', () => {
  const tmp = useTempDir('catalog-');

  it('loads, validates and is frozen', async () => {
    // Act
    const loaded = await loadCatalog();
    // Assess
    expect(loaded.file).toBe(BUNDLED_CATALOG_FILE);
    expect(loaded.catalog).toMatchObject({ schema: 'evidence-vault/catalog/v1', id: 'evidence-vault/data-leak-reporting', version: '1.0.0' });
    expect(loaded.catalog.controls.length).toBeGreaterThanOrEqual(35);
    expect(Object.isFrozen(loaded.catalog.controls[0]?.checks[0]?.params)).toBe(true);
    expect(loaded.overrides).toBeUndefined();
  });

  it('is strict JSON on disk (no duplicate keys) and loads from its file to the same hash', async () => {
    const parsed = parseStrictJson(readFileSync(CATALOG));
    expect(parsed.ok).toBe(true);
    const fromFile = await loadCatalog({ file: CATALOG });
    expect(fromFile.sha256).toBe((await loadCatalog()).sha256);
  });

  it('has a stable sha256: the JCS canonical form, whatever the key order or spacing', async () => {
    // Prepare: the same catalog with every object's keys reversed and no indentation
    const reversed = (v: JsonValue): JsonValue =>
      Array.isArray(v) ? v.map(reversed) : v !== null && typeof v === 'object' ? Object.fromEntries(Object.entries(v).reverse().map(([k, x]) => [k, reversed(x)])) : v;
    const value = JSON.parse(readFileSync(CATALOG, 'utf8')) as JsonValue;
    const file = path.join(tmp(), 'reordered.json');
    writeFileSync(file, JSON.stringify(reversed(value)));
    // Act
    const a = await loadCatalog();
    const b = await loadCatalog({ file });
    // Assess
    expect(a.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(b.sha256).toBe(a.sha256);
    expect(a.sha256).toBe(sha256Hex(canonicalize(value)));
  });

  it('maps every control to at least one SOC 2 and one ISO 2022 id, every id with known sources', async () => {
    const { catalog } = await loadCatalog();
    for (const c of catalog.controls) {
      expect([c.id, c.mappings.soc2.length > 0, c.mappings.iso27001_2022.length > 0]).toEqual([c.id, true, true]);
      const all = [...c.mappings.soc2, ...c.mappings.iso27001_2022, ...c.mappings.iso27001_2013];
      for (const m of all) {
        expect(m.sources.length).toBeGreaterThan(0);
        for (const s of m.sources) expect(SOURCE_TAGS).toContain(s);
      }
      for (const m of c.mappings.iso27001_2013) {
        if (m.sources.some((s) => s.startsWith('crosswalk:'))) expect(m.via).toMatch(/^A\.[5-8]\.\d+$/);
      }
    }
  });

  it('uses only rule ids of RULE_PARAMS, with parameters their schemas accept', async () => {
    const { catalog } = await loadCatalog();
    for (const c of catalog.controls) {
      for (const check of c.checks) {
        expect(isRuleId(check.rule)).toBe(true);
        expect(RULE_PARAMS[check.rule].safeParse(check.params).success).toBe(true);
        expect(check.rule === 'process.attestation').toBe(c.kind === 'process');
      }
    }
  });

  it('holds the seed controls with their parameters', async () => {
    const { catalog } = await loadCatalog();
    const checksOf = (id: string) => catalog.controls.find((c) => c.id === id)?.checks;
    const students = { tagKey: 'data-classification', tagValues: ['student-data', 'course-content'] };
    expect(checksOf('cloudtrail-cloudwatch-logs-delivery')).toEqual([{ rule: 'cloudtrail.cloudwatch-delivery', params: { maxDeliveryAgeHours: 24 } }]);
    expect(checksOf('cloudwatch-log-group-retention-90d')).toEqual([{ rule: 'logs.retention', params: { minRetentionDays: 90 } }]);
    expect(checksOf('cloudtrail-archive-retention-lifecycle')).toEqual([{ rule: 'cloudtrail.archive-retention', params: { minRetentionDays: 90 } }]);
    expect(checksOf('cloudtrail-s3-data-events-student-data')).toEqual([{ rule: 'cloudtrail.s3-data-events', params: students }]);
    expect(checksOf('s3-student-data-encryption')).toEqual([{ rule: 's3.default-encryption', params: { ...students, requireKms: false } }]);
    expect(checksOf('vpc-flow-logs-enabled')).toEqual([{ rule: 'ec2.vpc-flow-logs', params: { trafficType: 'ALL' } }]);
    expect(checksOf('guardduty-findings-triaged-24h')).toEqual([{ rule: 'guardduty.high-findings-triaged', params: { minSeverity: 7, maxOpenHours: 24 } }]);
    expect(checksOf('iam-unused-credentials')).toEqual([{ rule: 'iam.access-key-age', params: { maxAgeDays: 90 } }]);
    const patterns = catalog.controls.flatMap((c) => c.checks).filter((k) => k.rule === 'cloudwatch.alarm-for-pattern').map((k) => k.params.pattern);
    expect(patterns.sort()).toEqual(['cloudtrail-changes', 'console-signin-failures', 'iam-policy-changes', 'root-usage', 's3-bucket-policy-changes', 'unauthorized-api-calls']);
    const kinds = catalog.controls.filter((c) => c.kind === 'process').map((c) => [c.id, c.checks[0]?.params.kind]);
    expect(kinds).toEqual([
      ['incident-notification-procedure', 'notification-procedure'],
      ['incident-workflow-test', 'workflow-drill'],
      ['incident-records-retained', 'incident-timeliness'],
      ['quarterly-control-operation-review', 'quarterly-review'],
    ]);
  });

  it('keeps the editor JSON Schema in step with the rule ids and source tags', () => {
    const schema = readFileSync(JSON_SCHEMA, 'utf8');
    const parsed = parseStrictJson(Buffer.from(schema));
    expect(parsed.ok).toBe(true);
    for (const rule of Object.keys(RULE_PARAMS)) expect(schema).toContain(`"${rule}"`);
    for (const tag of SOURCE_TAGS) expect(schema).toContain(`"${tag}"`);
  });
});
