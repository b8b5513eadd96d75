import { writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { loadCatalog } from '../../src/catalog';
import { isEvidenceError } from '../../src/core/errors';
import { useTempDir } from '../support/temp';

const EXAMPLE = path.join(__dirname, '..', '..', 'templates', 'catalog', 'overrides.example.json');
const HEAD = { schema: 'evidence-vault/catalog-overrides/v1' };

/** A control an organization adds: new id, full shape. */
const NEW_CONTROL = {
  id: 'course-archive-retention',
  title: 'Course archive log groups kept a year',
  tests: 'The course archive log groups keep their data for at least 365 days.',
  kind: 'automated',
  checks: [{ rule: 'logs.retention', params: { minRetentionDays: 365 } }],
  awsConfigRules: ['CW_LOGGROUP_RETENTION_PERIOD_CHECK'],
  mappings: {
    soc2: [{ id: 'CC7.2', sources: ['inferred'] }],
    iso27001_2022: [{ id: 'A.8.15', sources: ['inferred'] }],
    iso27001_2013: [{ id: 'A.12.4.1', sources: ['inferred'], via: 'A.8.15' }],
  },
};

describe('catalog overrides', () => {
  const tmp = useTempDir('catalog-overrides-');
  const write = (name: string, value: unknown): string => {
    const file = path.join(tmp(), name);
    writeFileSync(file, typeof value === 'string' ? value : JSON.stringify(value, null, 2));
    return file;
  };

  it('applies a parameter override to the control using that rule', async () => {
    // Prepare
    const overrides = write('overrides.json', { ...HEAD, parameters: { 'cloudwatch-log-group-retention-90d': { 'logs.retention': { minRetentionDays: 365 } } } });
    // Act
    const loaded = await loadCatalog({ overrides });
    // Assess
    const control = loaded.catalog.controls.find((c) => c.id === 'cloudwatch-log-group-retention-90d');
    expect(control?.checks).toEqual([{ rule: 'logs.retention', params: { minRetentionDays: 365 } }]);
    expect(loaded.overrides).toMatchObject({ file: overrides, parameters: [{ control: 'cloudwatch-log-group-retention-90d', rule: 'logs.retention', params: { minRetentionDays: 365 } }] });
    expect(loaded.sha256).not.toBe((await loadCatalog()).sha256);
  });

  it('keeps a disabled control listed, with its reason', async () => {
    const overrides = write('overrides.json', { ...HEAD, disable: { 'guardduty-s3-protection': 'No S3 workloads in scope; GuardDuty S3 Protection is priced per event (risk accepted 2026-Q3).' } });
    const loaded = await loadCatalog({ overrides });
    const control = loaded.catalog.controls.find((c) => c.id === 'guardduty-s3-protection');
    expect(control?.disabled?.reason).toMatch(/^No S3 workloads/);
    expect(loaded.overrides?.disabled).toEqual([{ control: 'guardduty-s3-protection', reason: control?.disabled?.reason }]);
  });

  it('adds a control with a new id', async () => {
    const overrides = write('overrides.json', { ...HEAD, add: [NEW_CONTROL] });
    const loaded = await loadCatalog({ overrides });
    expect(loaded.catalog.controls.at(-1)).toMatchObject({ id: 'course-archive-retention', checks: NEW_CONTROL.checks });
    expect(loaded.overrides?.added).toEqual(['course-archive-retention']);
  });

  it('loads the documented example file', async () => {
    const loaded = await loadCatalog({ overrides: EXAMPLE });
    expect(loaded.overrides?.parameters.length).toBeGreaterThan(0);
    expect(loaded.overrides?.disabled.length).toBeGreaterThan(0);
    expect(loaded.overrides?.added.length).toBeGreaterThan(0);
  });

  // Each bad input: one CONFIG_INVALID whose message names the file, the control and the field.
  const cases: Array<[string, unknown, string, string, RegExp]> = [
    ['bad param type', { ...HEAD, parameters: { 'cloudwatch-log-group-retention-90d': { 'logs.retention': { minRetentionDays: 'ninety' } } } }, 'cloudwatch-log-group-retention-90d', 'checks[0].params.minRetentionDays', /expected a number, found "ninety"/],
    ['negative param', { ...HEAD, parameters: { 'cloudwatch-log-group-retention-90d': { 'logs.retention': { minRetentionDays: -5 } } } }, 'cloudwatch-log-group-retention-90d', 'checks[0].params.minRetentionDays', /expected a number > 0, found -5/],
    ['unknown param', { ...HEAD, parameters: { 'vpc-flow-logs-enabled': { 'ec2.vpc-flow-logs': { trafficTyp: 'ALL' } } } }, 'vpc-flow-logs-enabled', 'checks[0].params', /unknown field\(s\) "trafficTyp"/],
    ['unknown rule', { ...HEAD, parameters: { 'vpc-flow-logs-enabled': { 'ec2.flow-logs': { trafficType: 'ALL' } } } }, 'vpc-flow-logs-enabled', 'parameters.vpc-flow-logs-enabled["ec2.flow-logs"]', /unknown rule id/],
    ['rule the control does not use', { ...HEAD, parameters: { 'vpc-flow-logs-enabled': { 'logs.retention': { minRetentionDays: 30 } } } }, 'vpc-flow-logs-enabled', 'parameters.vpc-flow-logs-enabled["logs.retention"]', /no check with this rule \(its rules: ec2.vpc-flow-logs\)/],
    ['unknown control (parameters)', { ...HEAD, parameters: { 'no-such-control': { 'logs.retention': { minRetentionDays: 30 } } } }, 'no-such-control', 'parameters.no-such-control', /no control with this id/],
    ['unknown control (disable)', { ...HEAD, disable: { 'no-such-control': 'not used' } }, 'no-such-control', 'disable.no-such-control', /no control with this id/],
    ['missing reason', { ...HEAD, disable: { 'guardduty-s3-protection': '  ' } }, 'guardduty-s3-protection', 'disable.guardduty-s3-protection', /a reason is required/],
    ['duplicate id (add)', { ...HEAD, add: [{ ...NEW_CONTROL, id: 'root-account-mfa' }] }, 'root-account-mfa', 'add[0].id', /already exists/],
    ['bad added control', { ...HEAD, add: [{ ...NEW_CONTROL, checks: [{ rule: 'logs.retention', params: { minRetentionDays: 0 } }] }] }, 'course-archive-retention', 'add[0].checks[0].params.minRetentionDays', /expected a number > 0, found 0/],
    ['duplicate JSON key', `{"schema":"evidence-vault/catalog-overrides/v1","disable":{"guardduty-s3-protection":"a","guardduty-s3-protection":"b"}}`, 'guardduty-s3-protection', 'disable.guardduty-s3-protection', /duplicate key: duplicate member name/],
    ['malformed JSON', `{"schema":"evidence-vault/catalog-overrides/v1",\n "add":[{"id":"course-archive-retention","title": }]}`, 'course-archive-retention', 'add[0].title', /not valid JSON: .*line 2/],
  ];

  it.each(cases)('refuses %s, naming file, control and field', async (_name, content, control, field, message) => {
    const overrides = write('overrides.json', content);
    const error: unknown = await loadCatalog({ overrides }).catch((e: unknown) => e);
    expect(isEvidenceError(error, 'CONFIG_INVALID')).toBe(true);
    const text = (error as Error).message;
    expect(text).toContain(`${overrides}: control ${control}: ${field}: `);
    expect(text).toMatch(message);
  });

  it('collects every problem of a file into one error', async () => {
    const bad = write('bad.json', { ...HEAD, disable: { a: 'x' }, parameters: { b: {} }, add: [{ ...NEW_CONTROL, id: 'root-account-mfa' }] });
    const many = (await loadCatalog({ overrides: bad }).catch((e: unknown) => e)) as Error;
    expect(many.message).toMatch(/^3 problems/);
    expect(many.message).toContain('control a: disable.a');
    expect(many.message).toContain('control b: parameters.b');
    expect(many.message).toContain('control root-account-mfa: add[0].id');
  });

  it('reports an unreadable overrides file by name', async () => {
    const missing = path.join(tmp(), 'missing.json');
    const error = (await loadCatalog({ overrides: missing }).catch((e: unknown) => e)) as Error;
    expect(isEvidenceError(error, 'INPUT_UNREADABLE')).toBe(true);
    expect(error.message).toContain(missing);
  });
});
