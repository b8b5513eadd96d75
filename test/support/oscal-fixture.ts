import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { validateCatalog, type Catalog, type Control } from '../../src/catalog';
import type { JsonValue } from '../../src/core/canonical';
import type { ControlVerdict } from '../../src/evaluate/engine';
import type { ControlDay, ControlException, ControlSummary, EvidenceRef, PackDay, PackJson, PackManifestRef } from '../../src/pack/model';

/**
 * PackJson fixtures for the OSCAL export, built the way the pack builder summarizes a quarter
 * (docs/formats/pack-v1.md §controls): verdict counts per control, runs of consecutive fail or
 * not-evidenced days as exceptions (a missing day ends a run), operatedEveryDay = passed on
 * every day of the period. Controls come from the bundled catalog.
 */
export const FIXTURE_CATALOG_SHA256 = sha('catalog');

export function sha(s: string): string {
  return createHash('sha256').update(s).digest('hex');
}

export function bundledCatalog(): Catalog {
  const file = path.join(__dirname, '..', '..', 'templates', 'catalog', 'data-leak-reporting.catalog.json');
  return validateCatalog(JSON.parse(readFileSync(file, 'utf8')) as JsonValue, file);
}

export interface ScriptedRun {
  control: string;
  from: string;
  to: string;
  verdict: Exclude<ControlVerdict, 'pass' | 'disabled'>;
  resources: Array<{ resource: string; account: string; region: string; reason: string }>;
}

export interface FixtureOptions {
  controls: readonly Control[];
  start: string;
  days: number;
  quarter?: string;
  missingDays?: string[];
  runs?: ScriptedRun[];
  disabled?: Record<string, string>;
  gaps?: PackJson['gaps'];
}

function dates(start: string, days: number): string[] {
  const t0 = Date.parse(`${start}T00:00:00Z`);
  return Array.from({ length: days }, (_, i) => new Date(t0 + i * 86_400_000).toISOString().slice(0, 10));
}

function ref(key: string): EvidenceRef {
  return { key, sha256: sha(key) };
}

function artifact(name: string): EvidenceRef {
  const h = sha(name);
  return { key: `artifacts/sha256/${h.slice(0, 2)}/${h}.json`, sha256: h };
}

function controlDay(options: FixtureOptions, control: Control, date: string): ControlDay {
  const evidence = [artifact(`${control.id}/${date}/a`), artifact(`${control.id}/${date}/b`)];
  const counts = { pass: 3, fail: 0, notApplicable: 0, notEvidenced: 0 };
  if (options.disabled?.[control.id] !== undefined) {
    return { id: control.id, verdict: 'disabled', exceptions: [], resources: { pass: 0, fail: 0, notApplicable: 0, notEvidenced: 0 }, evidence: [] };
  }
  const run = options.runs?.find((r) => r.control === control.id && r.from <= date && date <= r.to);
  if (run) {
    const exceptions = run.resources.map((r) => ({ ...r, verdict: run.verdict }));
    return { id: control.id, verdict: run.verdict, exceptions, resources: { ...counts, fail: exceptions.length }, evidence };
  }
  if (control.kind === 'process') {
    return { id: control.id, verdict: 'not-evidenced', exceptions: [], resources: { ...counts, pass: 0, notEvidenced: 1 }, evidence: [] };
  }
  return { id: control.id, verdict: 'pass', exceptions: [], resources: counts, evidence };
}

function summarize(options: FixtureOptions, control: Control, days: PackDay[]): ControlSummary {
  const counts: Record<ControlVerdict, number> = { pass: 0, fail: 0, 'not-applicable': 0, 'not-evidenced': 0, disabled: 0 };
  const exceptions: ControlException[] = [];
  let open: { run: ControlException; index: number } | null = null;
  let evidenceCount = 0;
  let sampleEvidence: EvidenceRef[] = [];
  days.forEach((day, index) => {
    const c = day.controls.find((x) => x.id === control.id);
    if (!c) return;
    counts[c.verdict]++;
    evidenceCount += c.evidence.length;
    if (c.evidence.length) sampleEvidence = c.evidence.slice(0, 5);
    if (c.verdict !== 'fail' && c.verdict !== 'not-evidenced') {
      open = null;
      return;
    }
    if (open === null || open.index !== index - 1 || open.run.verdict !== c.verdict) {
      open = { run: { from: day.date, to: day.date, verdict: c.verdict, resources: [] }, index };
      exceptions.push(open.run);
    }
    open.run.to = day.date;
    open.index = index;
    for (const e of c.exceptions) {
      if (!open.run.resources.some((r) => r.resource === e.resource && r.account === e.account && r.region === e.region)) {
        open.run.resources.push({ resource: e.resource, account: e.account, region: e.region, reason: e.reason });
      }
    }
  });
  const reason = options.disabled?.[control.id];
  return {
    id: control.id,
    title: control.title,
    tests: control.tests,
    kind: control.kind,
    mappings: {
      soc2: control.mappings.soc2.map((m) => m.id),
      iso27001_2022: control.mappings.iso27001_2022.map((m) => m.id),
      iso27001_2013: control.mappings.iso27001_2013.map((m) => m.id),
    },
    checks: control.checks.map((c) => ({ rule: c.rule, params: c.params })),
    disabled: reason === undefined ? null : { reason },
    days: counts,
    operatedEveryDay: counts.pass === options.days,
    exceptions,
    evidenceCount,
    sampleEvidence,
  };
}

export function buildFixturePack(options: FixtureOptions): PackJson {
  const all = dates(options.start, options.days);
  const missing = new Set(options.missingDays ?? []);
  const manifests: PackManifestRef[] = [];
  const days: PackDay[] = all.map((date) => {
    if (missing.has(date)) return { date, manifest: null, results: null, controls: [] };
    const manifest = ref(`manifests/${date}/${String(manifests.length + 1).padStart(8, '0')}.json`);
    const gaps = options.gaps?.filter((g) => g.date === date).length ?? 0;
    manifests.push({ ...manifest, date, sequence: manifests.length + 1, merkleRoot: sha(`root/${date}`), artifacts: 40, gaps });
    const controls = options.controls.map((c) => controlDay(options, c, date));
    return { date, manifest, results: artifact(`results/${date}`), controls };
  });
  const head = manifests[manifests.length - 1]!;
  return {
    schema: 'evidence-vault/pack/v1',
    organization: 'Example University',
    period: { quarter: options.quarter ?? '2026-Q3', start: all[0]!, end: all[all.length - 1]!, days: options.days },
    generatedAt: '2026-10-01T06:00:00.000Z',
    scope: { accounts: ['111111111111', '222222222222', '333333333333'], regions: ['eu-west-1', 'us-east-1'], collectors: ['cloudtrail', 's3', 'guardduty'], modes: ['organization'] },
    catalog: { id: 'evidence-vault/data-leak-reporting', version: '1.0.0', sha256: FIXTURE_CATALOG_SHA256 },
    signingKey: { algorithm: 'ECDSA_P256_SHA256', fingerprint: sha('public-key') },
    chain: { anchor: null, head: { key: head.key, sha256: head.sha256, sequence: head.sequence }, manifests },
    days,
    missingDays: [...missing].sort(),
    gaps: options.gaps ?? [],
    controls: options.controls.map((c) => summarize(options, c, days)),
  };
}

// Scenarios shared by the OSCAL tests.
export const PACK_SHA = sha('pack.json');
export const CONTROLS = bundledCatalog().controls;
export const BUCKET = 'arn:aws:s3:::student-records-prod';
export const TRAIL = 'arn:aws:cloudtrail:us-east-1:111111111111:trail/org-trail';

/** A quarter with everything: failures, a gap, missing days, a disabled control, process controls. */
export function realisticPack(): PackJson {
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
export function cleanPack(): PackJson {
  return buildFixturePack({
    controls: CONTROLS,
    start: '2026-07-01',
    days: 92,
    runs: [{ control: 's3-bucket-versioning', from: '2026-09-29', to: '2026-09-30', verdict: 'fail', resources: [{ resource: BUCKET, account: '222222222222', region: 'eu-west-1', reason: 'Versioning Status is Suspended' }] }],
  });
}

/** One control, no exception, every day passed. */
export function edgePack(): PackJson {
  return buildFixturePack({ controls: CONTROLS.slice(0, 1), start: '2027-01-01', days: 90, quarter: '2027-Q1' });
}
