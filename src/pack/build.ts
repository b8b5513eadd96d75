import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { loadCatalog, type LoadedCatalog } from '../catalog';
import { EvidenceError } from '../core/errors';
import { buildAssessmentResults } from '../report/oscal';
import { renderReportPdf } from '../report/pdf';
import { publicKeyFingerprint } from '../signing/public-key';
import type { Signer } from '../signing/signer';
import type { Vault } from '../vault/vault';
import { Failures } from '../verify/codes';
import { BrokenEvidenceError } from './broken';
import { PackCopier } from './copy';
import { streamDays } from './days';
import { PackJsonWriter, type PackHead } from './json-writer';
import { PACK_FILES, PACK_SCHEMA_V2, type PackJson, type PackPeriod } from './model';
import { readPackRecords } from './pack-records';
import { buildReadiness, readinessAsOf } from './readiness';
import { packName, packVaultKey } from './names';
import { parseQuarter } from './quarter';
import { packReadme } from './readme';
import { ControlTally } from './summary';
import { writeSums } from './tree';
import { verifyQuarter, type VerifiedQuarter } from './verify-quarter';
import { zipPack } from './zip';

/**
 * Builds a quarter's evidence pack (docs/formats/pack-v1.md §Building): verify the quarter's
 * manifests and chain first, then stream the evidence into a folder, sign pack.json, render the
 * PDF and OSCAL views, write README.txt and SHA256SUMS, zip it, and store the zip in the vault.
 * Everything is built in a temporary folder beside the output and renamed into place at the end;
 * on any failure it is removed and nothing is written to the vault.
 */
/** The signature of SHA256SUMS (the pack verifier requires it; pack-v1.md §SHA256SUMS). */

export interface BuildPackOptions {
  vault: Vault;
  /** `YYYY-Q[1-4]` */
  quarter: string;
  /** Signs pack.json: the vault's own signer (local key or KMS), whose key signs the manifests. */
  signer: Signer;
  /** Where the pack folder and its zip go; default the current directory. */
  outDir?: string;
  /** The company's published key; default the vault's public-key.pem. */
  publicKeyPem?: string;
  now: () => Date;
  /** Titles, tests and mappings of the controls; default the bundled catalog. */
  catalog?: LoadedCatalog;
}

export interface BuiltPack {
  name: string;
  dir: string;
  zip: string;
  vaultKey: string;
  packSha256: string;
  fingerprint: string;
  pack: PackJson;
}

export async function buildPack(options: BuildPackOptions): Promise<BuiltPack> {
  const period = parseQuarter(options.quarter);
  const verified = await verifyQuarter(options.vault, period, options.publicKeyPem);
  if (verified.manifests.length === 0) {
    throw new EvidenceError('USAGE', `${options.vault.url}: no manifest is dated in ${period.quarter} (${period.start} to ${period.end}); nothing to pack`);
  }
  const fingerprint = verified.trusted.fingerprint;
  const signerFingerprint = publicKeyFingerprint(await options.signer.publicKeyPem());
  if (signerFingerprint !== fingerprint) {
    throw new EvidenceError('SIGNING_KEY_CHANGED', `${options.vault.url}: the evidence is signed by key ${fingerprint}, but the signer's key is ${signerFingerprint}; pack.json must be signed by the same key`);
  }
  const generatedAt = options.now();
  const name = packName(period.quarter, generatedAt);
  const outDir = path.resolve(options.outDir ?? '.');
  const vaultKey = packVaultKey(period.quarter, name);
  await refuseExisting(outDir, name, options.vault, vaultKey);

  const temp = await fs.mkdtemp(path.join(outDir, `.${name}.partial-`));
  try {
    const dir = path.join(temp, name);
    await fs.mkdir(dir);
    const head = packHead(period, generatedAt, verified);
    const { sha256: packSha256, copied } = await writePackJson(dir, head, verified, options);
    const packBytes = await fs.readFile(path.join(dir, PACK_FILES.packJson));
    await fs.writeFile(path.join(dir, PACK_FILES.packSig), await options.signer.sign(packBytes));
    const pack = JSON.parse(packBytes.toString('utf8')) as PackJson;
    await fs.writeFile(path.join(dir, PACK_FILES.report), await renderReportPdf(pack, { packSha256 }));
    await fs.mkdir(path.join(dir, path.dirname(PACK_FILES.oscal)), { recursive: true });
    await fs.writeFile(path.join(dir, PACK_FILES.oscal), `${JSON.stringify(buildAssessmentResults(pack, { packSha256 }), null, 2)}\n`);
    await fs.writeFile(path.join(dir, PACK_FILES.publicKey), verified.publicKeyPem);
    await fs.writeFile(path.join(dir, PACK_FILES.readme), packReadme(pack, name));
    await writeSums(dir, copied);
    // SHA256SUMS is signed too, so that `sha256sum -c` after one openssl check vouches for every file.
    await fs.writeFile(path.join(dir, PACK_FILES.sumsSig), await options.signer.sign(await fs.readFile(path.join(dir, PACK_FILES.sums))));
    const zipTemp = path.join(temp, `${name}.zip`);
    await zipPack(dir, name, zipTemp, generatedAt);
    await options.vault.putNewFile(vaultKey, zipTemp);
    await fs.rename(dir, path.join(outDir, name));
    await fs.rename(zipTemp, path.join(outDir, `${name}.zip`));
    return { name, dir: path.join(outDir, name), zip: path.join(outDir, `${name}.zip`), vaultKey, packSha256, fingerprint, pack };
  } finally {
    await fs.rm(temp, { recursive: true, force: true });
  }
}

function packHead(period: PackPeriod, generatedAt: Date, verified: VerifiedQuarter): PackHead {
  const { manifests, anchor } = verified;
  const last = manifests[manifests.length - 1] as VerifiedQuarter['manifests'][number];
  const union = (pick: (m: (typeof manifests)[number]) => readonly string[]): string[] => [...new Set(manifests.flatMap(pick))].sort();
  return {
    schema: PACK_SCHEMA_V2,
    organization: last.scope.organization,
    period,
    generatedAt: generatedAt.toISOString(),
    scope: { accounts: union((m) => m.scope.accounts), regions: union((m) => m.scope.regions), collectors: union((m) => m.scope.collectors), modes: union((m) => [m.scope.mode]) },
    signingKey: { algorithm: 'ECDSA_P256_SHA256', fingerprint: verified.trusted.fingerprint },
    chain: {
      anchor: anchor === null ? null : { key: anchor.key, sha256: anchor.sha256 },
      head: { key: last.key, sha256: last.sha256, sequence: last.sequence },
      manifests: manifests.map((m) => ({ key: m.key, sha256: m.sha256, date: m.date, sequence: m.sequence, merkleRoot: m.merkleRoot, artifacts: m.artifacts, gaps: m.gaps.length })),
    },
  };
}

/**
 * pack.json in one pass, copying the manifests and artifacts into the pack as it goes; refuses
 * (EVIDENCE_BROKEN) when any artifact failed on the way. Answers pack.json's SHA-256 and the
 * verified SHA-256 of every file copied.
 */
async function writePackJson(dir: string, head: PackHead, verified: VerifiedQuarter, options: BuildPackOptions): Promise<{ sha256: string; copied: ReadonlyMap<string, string> }> {
  const failures = new Failures();
  const copier = new PackCopier(options.vault, dir, verified.trusted, failures);
  if (verified.anchor !== null) await copier.manifest(verified.anchor);
  const writer = await PackJsonWriter.open(path.join(dir, PACK_FILES.packJson), head);
  const tally = new ControlTally();
  try {
    const streamed = await streamDays(head.period, verified.manifests, copier, writer, tally, failures);
    if (failures.list.length > 0) throw new BrokenEvidenceError(failures.list, `${options.vault.url} ${head.period.quarter}`);
    const catalog = options.catalog ?? (await loadCatalog());
    const records = await readPackRecords(streamed.records, (key) => copier.read(key), failures);
    if (failures.list.length > 0) throw new BrokenEvidenceError(failures.list, `${options.vault.url} ${head.period.quarter}`);
    const sha256 = await writer.close({
      missingDays: streamed.missingDays,
      gaps: verified.manifests.flatMap((m) => m.gaps.map((g) => ({ date: m.date, manifest: m.key, ...g }))),
      catalog: streamed.catalog,
      controls: tally.summaries(head.period, catalog),
      readiness: buildReadiness(records, head.period, readinessAsOf(head.period, head.generatedAt)),
    });
    return { sha256, copied: copier.copied };
  } catch (e) {
    await writer.abort();
    throw e;
  }
}

async function refuseExisting(outDir: string, name: string, vault: Vault, vaultKey: string): Promise<void> {
  await fs.mkdir(outDir, { recursive: true });
  for (const p of [path.join(outDir, name), path.join(outDir, `${name}.zip`)]) {
    if (await fs.access(p).then(() => true, () => false)) throw new EvidenceError('USAGE', `${p} already exists; a pack is never overwritten`);
  }
  if (await vault.exists(vaultKey)) throw new EvidenceError('VAULT_OBJECT_EXISTS', `${vault.url}: ${vaultKey} already exists and is never overwritten`);
}
