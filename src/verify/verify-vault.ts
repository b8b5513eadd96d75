import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { MANIFEST_KEY_PATTERN } from '../core/manifest';
import { ArtifactIndex } from './artifact-index';
import { checkArtifacts } from './artifacts';
import { checkChain, type ChainMember } from './chain';
import { Failures, type VerifyReport } from './codes';
import { resolveTrustedKey } from './trust';
import { loadManifest, type LoadedManifest } from './manifests';
import { MerkleChecks } from './merkle-worker';
import { walkVault, type VaultEntry } from './reader';
import { verifyPack } from './verify-pack';

/**
 * Verifies a vault directory offline (docs/verification.md): walk → trust a key → manifests →
 * chain → artifacts → layout. Hostile content never throws: every problem becomes a coded
 * failure in the report, and `ok` is true only when there is none.
 */
export interface VerifyOptions {
  /** The signer's public key as obtained out of band (SPKI PEM). Without it the vault's own is used. */
  publicKeyPem?: string;
}

const ARTIFACT_KEY = /^artifacts\/sha256\/[0-9a-f]{2}\/[0-9a-f]{64}\.json$/;
const PUBLIC_KEY_FILE = 'public-key.pem';
/** Quarterly pack zips the builder stores in the vault (pack-v1.md §In the vault); verified with verifyPack. */
const PACK_ZIP_KEY = /^packs\/(\d{4}-Q[1-4])\/evidence-pack-\1-\d{8}T\d{6}Z\.zip$/;

export async function verifyVault(dir: string, options: VerifyOptions = {}): Promise<VerifyReport> {
  const failures = new Failures();
  const report: VerifyReport = { ok: false, path: dir, publicKey: null, manifests: 0, artifacts: 0, days: [], head: null, gaps: [], failures: failures.list };

  let entries: VaultEntry[];
  try {
    if (!(await fs.stat(dir)).isDirectory()) throw new Error('not a directory');
    entries = await walkVault(dir);
  } catch (e) {
    failures.add('VAULT_UNREADABLE', '.', `${dir}: expected a readable vault directory (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
    return report;
  }
  const byKey = new Map(entries.map((e) => [e.key, e]));
  // vault-layout.md §Reading a vault: links and special files are reported and never opened.
  for (const e of entries) {
    if (e.kind !== 'file') failures.add('FILE_NOT_REGULAR', e.key, `${e.key}: expected a regular file, found a ${e.kind === 'symlink' ? 'symlink' : 'special file'}; not followed`);
  }
  const files = entries.filter((e) => e.kind === 'file');

  const trusted = await resolveTrustedKey(dir, byKey.get(PUBLIC_KEY_FILE), options.publicKeyPem, failures);
  report.publicKey = trusted === null ? null : { fingerprint: trusted.fingerprint, source: trusted.source };

  const manifestFiles = files.filter((e) => MANIFEST_KEY_PATTERN.test(e.key));
  report.manifests = manifestFiles.length;
  if (manifestFiles.length === 0) failures.add('VAULT_EMPTY', 'manifests/', `${dir}: expected at least one manifest under manifests/, found none`);
  // One manifest at a time: what is kept is its head and one small record per distinct artifact.
  const listed = new ArtifactIndex();
  const loaded: LoadedManifest[] = [];
  const merkle = new MerkleChecks();
  try {
    for (const e of manifestFiles) loaded.push(await loadManifest(dir, e, byKey, trusted, failures, (key, m) => listed.add(key, m.artifacts), undefined, merkle));
  } finally {
    await merkle.finish(failures);
  }

  const chain = checkChain(loaded, failures);
  await checkArtifacts(dir, listed, byKey, failures);
  report.artifacts = listed.size;

  // vault-layout.md §Packs: each stored pack zip is verified as a pack, against the vault's key.
  const packPem = trusted?.key.export({ type: 'spki', format: 'pem' }).toString();
  for (const e of files.filter((f) => PACK_ZIP_KEY.test(f.key))) {
    const pack = await verifyPack(path.join(dir, ...e.key.split('/')), packPem === undefined ? {} : { publicKeyPem: packPem });
    for (const f of pack.failures) failures.add(f.code, e.key, `${e.key}: ${f.file}: ${f.message}`);
  }

  // vault-layout.md §Layout: nothing else belongs in a vault.
  for (const e of files) {
    const k = e.key;
    if (k === PUBLIC_KEY_FILE || MANIFEST_KEY_PATTERN.test(k) || PACK_ZIP_KEY.test(k) || listed.has(k)) continue;
    if (k.endsWith('.sig') && MANIFEST_KEY_PATTERN.test(k.slice(0, -4)) && byKey.has(k.slice(0, -4))) continue;
    const why = k.endsWith('.sig') ? 'a signature whose manifest is not in the vault' : ARTIFACT_KEY.test(k) ? 'an artifact that no manifest lists' : 'not part of the vault layout';
    failures.add('UNLISTED_FILE', k, `${k}: ${why}; every file of a vault is listed by a manifest or named by the layout`);
  }

  summarize(report, chain);
  report.ok = failures.list.length === 0;
  return report;
}

function summarize(report: VerifyReport, chain: readonly ChainMember[]): void {
  report.days = [...new Set(chain.map((m) => m.manifest.date))].sort();
  const last = chain[chain.length - 1];
  report.head = last === undefined ? null : { key: last.key, sha256: last.sha256, sequence: last.manifest.sequence, date: last.manifest.date };
  report.gaps = chain.flatMap(({ key, manifest }) => manifest.gaps.map((g) => ({ date: manifest.date, manifest: key, ...g })));
}
