import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { loadCatalog } from '../catalog';
import { EvidenceError } from '../core/errors';
import type { ControlVerdict } from '../evaluate/engine';
import { evaluationFor } from '../evaluate/registry';
import { runSampleDay } from '../pipeline/sample-organization';
import { SAMPLE_ORGANIZATION } from '../sample';
import { LocalKeySigner } from '../signing/local-signer';
import { publicKeyFingerprint } from '../signing/public-key';
import { LocalObjectStore } from '../vault/local-store';
import { Vault } from '../vault/vault';
import { verifyVault } from '../verify';
import { buildDemoPack, type DemoPack } from '../pack/demo-pack';
import { demoPackLines } from './pack';
import { addDays, isoDate } from './dates';
import { Progress } from './progress';
import { demoWorkflowSchedule, type DemoStep } from '../workflow/demo-records';
import { demoDrillSteps } from '../workflow/demo-drills';
import type { SealedRecord } from '../workflow/model';
import { sealRecords } from '../workflow/seal-records';

export interface DemoOptions {
  out: string;
  days: number;
  start: Date;
}

/** Per control, how many days ended in each verdict. */
export type ControlDays = Map<string, Record<ControlVerdict, number>>;

export interface DemoSummary {
  controls: ControlDays;
  vaultDir: string;
  keyFile: string;
  fingerprint: string;
  first: string;
  last: string;
  manifests: number;
  artifactsRecorded: number;
  objectsStored: number;
  gaps: number;
  gapDays: number;
  head: { key: string; sha256: string };
  intact: boolean;
  pack: DemoPack;
  /** Workflow records sealed by the demo (procedure, policy, incidents, review, drills). */
  workflow: SealedRecord[];
  /** Manifests sealed for them, besides one daily manifest per day. */
  recordManifests: number;
  seconds: number;
}

/**
 * The real daily pipeline for N simulated days against the bundled sample organization:
 * the real SDK clients, answered from recordings (src/sample), into a local vault.
 */
export async function runDemo(options: DemoOptions, progress = new Progress()): Promise<DemoSummary> {
  const started = process.hrtime.bigint();
  const vaultDir = path.resolve(options.out, 'vault');
  if ((await fs.readdir(vaultDir).catch(() => [])).length > 0) {
    throw new EvidenceError('USAGE', `${vaultDir} already holds evidence: the demo writes a new vault, so remove it or choose another --out directory`);
  }
  const keyFile = `${vaultDir}.signing-key.pem`;
  const signer = await LocalKeySigner.openOrCreate(keyFile);
  const vault = new Vault(new LocalObjectStore(vaultDir));
  const catalog = await loadCatalog();
  const evaluation = evaluationFor(catalog);
  const drills = await demoDrillSteps(isoDate(options.start), options.days);
  const steps = demoWorkflowSchedule(isoDate(options.start), new Set(catalog.catalog.controls.map((c) => c.id)), drills).filter((s) => s.day >= 0 && s.day < options.days);
  const workflow: SealedRecord[] = [];
  // Each workflow step is sealed on its day as its own manifest, like one CLI command; steps
  // before the 06:00 collection are evaluated that day, later ones the next day.
  let head = { key: '', sha256: '' };
  let recordManifests = 0;
  const sealSteps = async (which: DemoStep[]): Promise<void> => {
    for (const step of which) {
      const sealed = await sealRecords(vault, signer, step.build(workflow), { now: step.at, organization: SAMPLE_ORGANIZATION.name });
      workflow.push(...sealed.records);
      head = { key: sealed.key, sha256: sealed.sha256 };
      recordManifests++;
    }
  };
  const controls: ControlDays = new Map();
  let artifactsRecorded = 0;
  let objectsStored = 0;
  let gaps = 0;
  let gapDays = 0;
  for (let day = 0; day < options.days; day++) {
    const collectAt = Date.parse(`${isoDate(addDays(options.start, day))}T06:00:00.000Z`);
    await sealSteps(steps.filter((s) => s.day === day && s.at.getTime() < collectAt));
    const result = await runSampleDay({ vault, signer, day, startDate: isoDate(options.start), evaluation });
    await sealSteps(steps.filter((s) => s.day === day && s.at.getTime() >= collectAt));
    for (const c of result.results?.controls ?? []) {
      const days = controls.get(c.id) ?? { pass: 0, fail: 0, 'not-applicable': 0, 'not-evidenced': 0, disabled: 0 };
      days[c.verdict]++;
      controls.set(c.id, days);
    }
    artifactsRecorded += result.artifacts;
    objectsStored += result.newArtifacts;
    gaps += result.gaps;
    if (result.gaps > 0) gapDays++;
    head = { key: result.key, sha256: result.sha256 };
    progress.update(day + 1, options.days, `${result.date} · ${result.artifacts} artifacts · ${result.gaps} gaps`);
  }
  progress.done();
  const report = await verifyVault(vaultDir, {});
  const last = isoDate(addDays(options.start, options.days - 1));
  const pack = await buildDemoPack({ vault, signer, out: path.resolve(options.out), start: isoDate(options.start), last, now: () => new Date(`${last}T07:00:00.000Z`) });
  return {
    controls,
    vaultDir, keyFile,
    fingerprint: publicKeyFingerprint(await signer.publicKeyPem()),
    first: isoDate(options.start),
    last: isoDate(addDays(options.start, options.days - 1)),
    manifests: options.days,
    workflow,
    recordManifests,
    artifactsRecorded, objectsStored, gaps, gapDays, head,
    intact: report.ok && pack.verified,
    pack,
    seconds: Number(process.hrtime.bigint() - started) / 1e9,
  };
}

export function formatDemoSummary(s: DemoSummary, cwd = process.cwd()): string {
  const rel = (p: string): string => path.relative(cwd, p) || '.';
  return [
    `Evidence Vault demo: ${SAMPLE_ORGANIZATION.name} (bundled sample organization; no AWS account used)`,
    `  period       ${s.first} to ${s.last} (${s.manifests} days)`,
    `  vault        ${rel(s.vaultDir)} (local store: append-only through its API, not WORM-grade)`,
    `  manifests    ${s.manifests + s.recordManifests} (${s.manifests} daily, ${s.recordManifests} of workflow records), chained and signed; head ${s.head.key} sha256 ${s.head.sha256}`,
    `  artifacts    ${s.artifactsRecorded} recorded, ${s.objectsStored} distinct objects stored (unchanged state is stored once)`,
    `  gaps         ${s.gaps} on ${s.gapDays} day(s)`,
    ...controlLines(s.controls, s.manifests),
    ...workflowLines(s.workflow),
    `  signing key  ${rel(s.keyFile)} (keep private); public key ${rel(path.join(s.vaultDir, 'public-key.pem'))}`,
    `  fingerprint  ${s.fingerprint}`,
    `  verified     ${s.intact ? 'intact' : 'NOT INTACT: run evidence verify for details'}`,
    ...demoPackLines(s.pack, rel),
    `  took         ${s.seconds.toFixed(1)} s`,
    '',
    'Verify it yourself:',
    `  npx evidence verify ${rel(s.vaultDir)}`,
    `  npx evidence verify ${rel(s.pack.zip)}`,
    `  cd ${rel(s.pack.dir)} && sha256sum -c SHA256SUMS && openssl dgst -sha256 -verify public-key.pem -signature pack.json.sig pack.json`,
    `  openssl dgst -sha256 -verify ${rel(path.join(s.vaultDir, 'public-key.pem'))} -signature ${rel(path.join(s.vaultDir, s.head.key))}.sig ${rel(path.join(s.vaultDir, s.head.key))}`,
  ].join('\n');
}

function workflowLines(records: readonly SealedRecord[]): string[] {
  const count = (kind: SealedRecord['record']['kind']): number => records.filter((r) => r.record.kind === kind).length;
  const incidents = new Set(records.flatMap((r) => (r.record.kind === 'incident-event' ? [r.record.incidentId] : []))).size;
  const drills = records.filter((r) => r.record.kind === 'drill');
  const failed = drills.filter((r) => r.record.kind === 'drill' && r.record.outcome === 'fail').length;
  return [
    `  workflow     ${count('attestation')} document(s) attested, ${incidents} incident(s) in ${count('incident-event')} sealed events, ${drills.length} drill(s)${failed > 0 ? ` (${failed} failed)` : ''}, ${count('quarterly-review')} quarterly review(s) signed`,
  ];
}

function controlLines(controls: ControlDays, days: number): string[] {
  const all = [...controls.entries()];
  const everyDay = all.filter(([, d]) => d.pass === days).length;
  const exceptions = all.filter(([, d]) => d.fail > 0);
  const notEvidenced = all.filter(([, d]) => d.fail === 0 && d['not-evidenced'] > 0).length;
  const lines = [
    `  controls     ${all.length} evaluated every day: ${everyDay} passed every day, ${exceptions.length} with exceptions, ${notEvidenced} not evidenced on some day`,
  ];
  for (const [id, d] of exceptions) lines.push(`    ${id}: failed on ${d.fail} day(s)${d.pass ? `, passed on ${d.pass}` : ''}`);
  return lines;
}
