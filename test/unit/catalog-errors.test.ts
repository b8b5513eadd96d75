import { readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { loadCatalog } from '../../src/catalog';
import { isEvidenceError } from '../../src/core/errors';
import { useTempDir } from '../support/temp';

const CATALOG = path.join(__dirname, '..', '..', 'templates', 'catalog', 'data-leak-reporting.catalog.json');

type Json = { controls: Array<Record<string, unknown> & { checks: Array<{ rule: string; params: Record<string, unknown> }>; mappings: Record<string, Array<Record<string, unknown>>> }> };

/** A fresh copy of the bundled catalog, with one thing changed by `mutate`. */
function mutated(mutate: (c: Json) => void): string {
  const catalog = JSON.parse(readFileSync(CATALOG, 'utf8')) as Json;
  mutate(catalog);
  return JSON.stringify(catalog, null, 2);
}

const byId = (c: Json, id: string) => {
  const control = c.controls.find((x) => x.id === id);
  if (control === undefined) throw new Error(`no ${id}`);
  return control;
};

describe('catalog file: bad input is refused naming file, control and field', () => {
  const tmp = useTempDir('catalog-errors-');

  const cases: Array<[string, () => string, string, string, RegExp]> = [
    ['bad param type', () => mutated((c) => { byId(c, 'vpc-flow-logs-enabled').checks[0]!.params.trafficType = 'SOME'; }), 'vpc-flow-logs-enabled', 'checks[0].params.trafficType', /expected "ALL" or "ACCEPT" or "REJECT", found "SOME"/],
    ['unknown param', () => mutated((c) => { byId(c, 'cloudtrail-log-file-validation').checks[0]!.params.strict = true; }), 'cloudtrail-log-file-validation', 'checks[0].params', /unknown field\(s\) "strict"/],
    ['unknown rule', () => mutated((c) => { byId(c, 'root-account-mfa').checks[0]!.rule = 'iam.root-hardware-mfa'; }), 'root-account-mfa', 'checks[0].rule', /unknown rule id.*found "iam.root-hardware-mfa"/],
    ['process control with an automated rule', () => mutated((c) => { byId(c, 'incident-workflow-test').checks.push({ rule: 'sns.escalation-chain', params: {} }); }), 'incident-workflow-test', 'checks[1].rule', /process control is evidenced by process.attestation only/],
    ['duplicate control id', () => mutated((c) => { c.controls.push({ ...byId(c, 'root-account-mfa') }); }), 'root-account-mfa', 'id', /duplicate control id/],
    ['unknown SOC 2 id', () => mutated((c) => { byId(c, 'iam-console-mfa').mappings.soc2![0]!.id = 'CC6.9'; }), 'iam-console-mfa', 'mappings.soc2[0].id', /expected a SOC 2 criterion.*found "CC6.9"/],
    ['unknown ISO 2022 id', () => mutated((c) => { byId(c, 'iam-console-mfa').mappings.iso27001_2022![0]!.id = 'A.8.35'; }), 'iam-console-mfa', 'mappings.iso27001_2022[0].id', /A.5.1 … A.8.34, found "A.8.35"/],
    ['ISO 2013 id in 2022 form', () => mutated((c) => { byId(c, 'iam-console-mfa').mappings.iso27001_2013![0]!.id = 'A.19.1.1'; }), 'iam-console-mfa', 'mappings.iso27001_2013[0].id', /found "A.19.1.1"/],
    ['unknown source tag', () => mutated((c) => { byId(c, 'iam-console-mfa').mappings.soc2![0]!.sources = ['audit-manager']; }), 'iam-console-mfa', 'mappings.soc2[0].sources[0]', /expected "prowler" or "turbot"/],
    ['duplicate JSON key', () => readFileSync(CATALOG, 'utf8').replace('"maxDeliveryAgeHours": 24', '"maxDeliveryAgeHours": 24, "maxDeliveryAgeHours": 48'), 'cloudtrail-cloudwatch-logs-delivery', 'checks[0].params.maxDeliveryAgeHours', /duplicate key: duplicate member name "maxDeliveryAgeHours" at byte offset \d+ \(line \d+/],
    ['malformed JSON', () => readFileSync(CATALOG, 'utf8').replace('"minRetentionDays": 90', '"minRetentionDays": 90,'), 'cloudtrail-archive-retention-lifecycle', 'checks[0].params', /not valid JSON: expected a member name/],
  ];

  it.each(cases)('%s', async (_name, content, control, field, message) => {
    // Prepare
    const file = path.join(tmp(), 'catalog.json');
    writeFileSync(file, content());
    // Act
    const error: unknown = await loadCatalog({ file }).catch((e: unknown) => e);
    // Assess
    expect(isEvidenceError(error, 'CONFIG_INVALID')).toBe(true);
    const text = (error as Error).message;
    expect(text).toContain(`${file}: control ${control}: ${field}: `);
    expect(text).toMatch(message);
  });

  it('refuses a wrong format name at the top level', async () => {
    const file = path.join(tmp(), 'catalog.json');
    writeFileSync(file, mutated((c) => Object.assign(c, { schema: 'evidence-vault/catalog/v2' })));
    const error = (await loadCatalog({ file }).catch((e: unknown) => e)) as Error;
    expect(error.message).toBe(`${file}: schema: expected "evidence-vault/catalog/v1", found "evidence-vault/catalog/v2"`);
  });

  it('collects every problem into one error', async () => {
    const file = path.join(tmp(), 'catalog.json');
    writeFileSync(file, mutated((c) => {
      byId(c, 'vpc-flow-logs-enabled').checks[0]!.params.trafficType = 'SOME';
      byId(c, 'iam-unused-credentials').checks[0]!.params.maxAgeDays = 1.5;
      delete byId(c, 'root-no-access-keys').title;
    }));
    const error = (await loadCatalog({ file }).catch((e: unknown) => e)) as Error;
    expect(error.message).toMatch(/^3 problems/);
    expect(error.message).toContain(`${file}: control iam-unused-credentials: checks[0].params.maxAgeDays: expected an integer, found 1.5`);
    expect(error.message).toContain(`${file}: control root-no-access-keys: title: missing: expected a string`);
  });
});
