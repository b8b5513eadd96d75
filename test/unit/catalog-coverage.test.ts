import { writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { coverage, loadCatalog } from '../../src/catalog';
import { runControls } from '../../src/cli/controls';
import { useTempDir } from '../support/temp';

async function run(options: Parameters<typeof runControls>[0]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runControls(options, { out: (t) => out.push(t), err: (t) => err.push(t) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('coverage', () => {
  it('lists covered SOC 2 criteria with their controls and sources, and the uncovered ones', async () => {
    const { catalog } = await loadCatalog();
    // Act
    const cov = coverage(catalog, 'soc2');
    // Assess
    const cc73 = cov.criteria.find((c) => c.id === 'CC7.3');
    expect(cc73).toMatchObject({ covered: true, sourced: true, reportingFocus: true });
    expect(cc73?.controls).toContainEqual(expect.objectContaining({ control: 'cloudtrail-log-file-validation', sources: ['prowler', 'turbot'] }));
    expect(cov.covered).toContain('CC7.2');
    // The Common Criteria nobody maps here, and the vendor-notification criterion, are listed as gaps.
    expect(cov.uncovered).toEqual(expect.arrayContaining(['CC1.1', 'CC9.2', 'P6.5']));
    expect(cov.covered.length + cov.uncovered.length).toBe(cov.criteria.length);
  });

  it('covers ISO 2022 over all 93 Annex A controls, flagging weak and inferred-only ids', async () => {
    const { catalog } = await loadCatalog();
    const cov = coverage(catalog, 'iso27001-2022');
    expect(cov.criteria).toHaveLength(93);
    expect(cov.uncovered).toContain('A.8.17');
    expect(cov.criteria.find((c) => c.id === 'A.8.15')).toMatchObject({ covered: true, sourced: true, reportingFocus: true });
    expect(cov.criteria.find((c) => c.id === 'A.6.8')).toMatchObject({ covered: true, sourced: false });
    const weak = cov.criteria.find((c) => c.id === 'A.8.11');
    expect(weak?.controls.every((c) => c.weak)).toBe(true);
    expect(weak?.sourced).toBe(false);
  });

  it('covers ISO 2013 through the crosswalk, naming the 2022 id each came from', async () => {
    const { catalog } = await loadCatalog();
    const cov = coverage(catalog, 'iso27001-2013');
    const a1241 = cov.criteria.find((c) => c.id === 'A.12.4.1');
    expect(a1241?.controls).toContainEqual(expect.objectContaining({ control: 'cloudtrail-log-file-validation', sources: ['crosswalk:ciso-assistant'], via: 'A.8.15' }));
    expect(cov.criteria.find((c) => c.id === 'A.12.4')?.covered).toBe(true);
    expect(cov.uncovered).toContain('A.12.4.4');
  });

  it('does not count a disabled control as covering', async () => {
    const { catalog } = await loadCatalog();
    const only = catalog.controls.filter((c) => c.id === 'guardduty-findings-triaged-24h');
    const off = only.map((c) => ({ ...c, disabled: { reason: 'test' } }));
    expect(coverage({ ...catalog, controls: only }, 'soc2').covered).toContain('CC7.4');
    const cov = coverage({ ...catalog, controls: off }, 'soc2');
    expect(cov.uncovered).toContain('CC7.4');
    expect(cov.criteria.find((c) => c.id === 'CC7.4')?.controls).toEqual([expect.objectContaining({ disabled: true })]);
  });
});

describe('runControls (evidence controls)', () => {
  const tmp = useTempDir('catalog-cli-');

  it('prints every control in a table that fits 120 columns, exit 0', async () => {
    const { catalog } = await loadCatalog();
    const r = await run({ json: false });
    expect(r.code).toBe(0);
    for (const c of catalog.controls) expect(r.out).toMatch(new RegExp(`^${c.id} `, 'm'));
    for (const line of r.out.split('\n').slice(3)) expect(line.length).toBeLessThanOrEqual(120);
    expect(r.err).toBe('');
  });

  it('--json prints the catalog with its mappings and hash', async () => {
    const loaded = await loadCatalog();
    const r = await run({ json: true });
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out)).toEqual(JSON.parse(JSON.stringify(loaded)));
  });

  it('--framework iso27001-2013 shows crosswalked ids with the 2022 id they came from', async () => {
    const r = await run({ json: false, framework: 'iso27001-2013' });
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^A\.12\.4\.1 \[reporting focus\]/m);
    expect(r.out).toMatch(/cloudtrail-log-file-validation\s+crosswalk:ciso-assistant via A\.8\.15/);
    expect(r.out).toMatch(/iam-no-admin-wildcard-policies\s+crosswalk:annex-b-table-page via A\.5\.18/);
    expect(r.out).toMatch(/not covered \(\d+\):\n\s+A\.5\.1\.1/);
  });

  it('--framework soc2 --json gives the coverage as data', async () => {
    const r = await run({ json: true, framework: 'soc2' });
    const data = JSON.parse(r.out) as { framework: string; uncovered: string[] };
    expect(data.framework).toBe('soc2');
    expect(data.uncovered).toContain('CC1.1');
  });

  it('--config applies overrides: a disabled control shows its reason', async () => {
    const config = path.join(tmp(), 'overrides.json');
    writeFileSync(config, JSON.stringify({ schema: 'evidence-vault/catalog-overrides/v1', disable: { 'guardduty-s3-protection': 'Replaced by Macie on student-data buckets' } }));
    const r = await run({ json: false, config });
    expect(r.code).toBe(0);
    expect(r.out).toContain('DISABLED: Replaced by Macie on student-data buckets');
    expect(r.out).toContain(`overrides applied from ${config}`);
  });

  it('exits 2 with the load error for a bad overrides file', async () => {
    const config = path.join(tmp(), 'overrides.json');
    writeFileSync(config, JSON.stringify({ schema: 'evidence-vault/catalog-overrides/v1', disable: { 'no-such-control': 'x' } }));
    const r = await run({ json: false, config });
    expect(r.code).toBe(2);
    expect(r.out).toBe('');
    expect(r.err).toBe(`${config}: control no-such-control: disable.no-such-control: no control with this id in the catalog`);
  });
});
