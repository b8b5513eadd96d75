import { promises as fs } from 'node:fs';
import { MANIFEST_KEY_PATTERN, type ManifestV1 } from '../core/manifest';
import { PACK_FILES, type PackJson } from '../pack/model';
import { ArtifactIndex } from './artifact-index';
import { checkArtifacts, type OnRead } from './artifacts';
import { checkChain, type ChainMember } from './chain';
import { Failures, type VerifyReport } from './codes';
import { loadManifest, type LoadedManifest } from './manifests';
import { MerkleChecks } from './merkle-worker';
import { checkConsistency } from './pack-consistency';
import { lastOfDay, reportsEvaluated } from './pack-days';
import { checkReadiness } from './pack-readiness';
import { loadPackJson } from './pack-json';
import { readSealedResults, type SealedResults } from './pack-results';
import { folderSource, type PackSource } from './pack-source';
import { SumsCheck } from './pack-sums';
import { LIMITS } from './reader';
import { resolveTrustedKey } from './trust';
import { zipSource } from './zip-source';

/**
 * Verifies an evidence pack offline, as a folder or as its zip read in place (docs/verification.md
 * §Verifying a pack): every check of a vault on the pack's manifests and artifacts, the chain from
 * its anchor, SHA256SUMS and both detached signatures, pack.json against the sealed evidence, and
 * for a zip the safety of every entry. Hostile content never throws: it becomes coded failures.
 */
export interface PackVerifyOptions {
  publicKeyPem?: string;
}

const NAMED = new Set<string>([PACK_FILES.packJson, PACK_FILES.packSig, PACK_FILES.sums, PACK_FILES.sumsSig, PACK_FILES.readme, PACK_FILES.report, PACK_FILES.oscal, PACK_FILES.publicKey]);
const PACK_NAME = /^evidence-pack-(\d{4}-Q[1-4])-\d{8}T\d{6}Z$/;

export async function verifyPack(target: string, options: PackVerifyOptions = {}): Promise<VerifyReport> {
  const failures = new Failures();
  const report: VerifyReport = { ok: false, kind: 'pack', quarter: null, path: target, publicKey: null, manifests: 0, artifacts: 0, days: [], head: null, gaps: [], failures: failures.list };
  let source: PackSource | null;
  try {
    source = (await fs.stat(target)).isDirectory() ? await folderSource(target) : await zipSource(target, failures);
  } catch (e) {
    failures.add('VAULT_UNREADABLE', '.', `${target}: expected a readable pack folder or pack zip (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
    return report;
  }
  if (source !== null) {
    try {
      await verifySource(source, options, report, failures);
    } finally {
      await source.close();
    }
  }
  // One problem, one code: an entry that does not inflate is not also "changed" or "malformed".
  const broken = new Set(failures.list.filter((f) => f.code === 'ZIP_MALFORMED').map((f) => f.file));
  report.failures = failures.list.filter((f) => f.code === 'ZIP_MALFORMED' || !broken.has(f.file));
  report.ok = report.failures.length === 0;
  return report;
}

async function verifySource(source: PackSource, options: PackVerifyOptions, report: VerifyReport, failures: Failures): Promise<void> {
  const byKey = new Map(source.entries.map((e) => [e.key, e]));
  for (const e of source.entries) {
    if (e.kind !== 'file') failures.add('FILE_NOT_REGULAR', e.key, `${e.key}: expected a regular file, found a ${e.kind === 'symlink' ? 'symlink' : 'special file'}; not followed`);
  }
  const trusted = await resolveTrustedKey(source.read, byKey.get(PACK_FILES.publicKey), options.publicKeyPem, failures);
  report.publicKey = trusted === null ? null : { fingerprint: trusted.fingerprint, source: trusted.source };
  const pack = await loadPackJson(source, trusted, failures);
  report.quarter = pack?.period.quarter ?? null;
  const named = PACK_NAME.exec(source.name)?.[1];
  if (pack !== null && named !== undefined && named !== pack.period.quarter) {
    failures.add('PACK_INCONSISTENT', PACK_FILES.packJson, `pack.json: states quarter ${pack.period.quarter}, the pack is named ${source.name}`);
  }
  const sums = await SumsCheck.open(source, trusted, failures);
  const onRead: OnRead | undefined = sums === null ? undefined : (key, outcome) => sums.seen(key, outcome);

  const files = source.entries.filter((e) => e.kind === 'file');
  const manifestFiles = files.filter((f) => MANIFEST_KEY_PATTERN.test(f.key));
  const keySequence = (key: string): number => Number(MANIFEST_KEY_PATTERN.exec(key)?.[2] ?? NaN);
  // The chain starts at the anchor pack.json names (pack-v1.md §chain); without a usable pack.json,
  // at the lowest sequence present, so that the report stays about what is wrong.
  const base = pack === null ? Math.min(...manifestFiles.map((f) => keySequence(f.key)), Number.MAX_SAFE_INTEGER) : anchorSequence(pack);
  const expectAnchor = pack === null || pack.chain.anchor !== null;

  // One manifest at a time: its artifacts go into the index (not the anchor's: they are not in
  // the pack), and only its head is kept.
  let index = new ArtifactIndex();
  const indexed = new Set<string>();
  const loaded: LoadedManifest[] = [];
  const merkle = new MerkleChecks();
  try {
    for (const e of manifestFiles) {
      const before = keySequence(e.key) < base;
      const collect = (key: string, m: ManifestV1): void => {
        if (before || (expectAnchor && m.sequence === base)) return;
        index.add(key, m.artifacts);
        indexed.add(key);
      };
      loaded.push(await loadManifest(source.read, e, byKey, trusted, failures, collect, onRead, merkle));
    }
  } finally {
    await merkle.finish(failures);
  }
  report.manifests = loaded.length;
  if (loaded.length === 0) failures.add('VAULT_EMPTY', 'manifests/', 'manifests/: expected the quarter\'s manifests and the chain anchor, found none');

  const inChain = loaded.filter((l) => !(l.keySequence < base));
  for (const l of loaded.filter((x) => x.keySequence < base)) {
    failures.add('UNLISTED_FILE', l.key, `${l.key}: a manifest before the chain anchor sequence ${base}; not part of the pack`);
  }
  const chain = checkChain(inChain, failures, base === Number.MAX_SAFE_INTEGER ? 0 : base);
  const hasAnchor = pack === null ? chain.length > 0 : pack.chain.anchor !== null;
  const anchor = hasAnchor ? (chain.find((m) => m.manifest.sequence === base) ?? null) : null;
  const members = chain.filter((m) => m !== anchor);
  // Only when the chain left out a manifest that was indexed (a duplicate, a second anchor) is
  // the index rebuilt from the chain's members, read again by their checked SHA-256.
  if (members.length !== indexed.size || members.some((m) => !indexed.has(m.key))) index = await indexMembers(source, members);
  await checkArtifacts(source.read, index, byKey, failures, onRead);
  report.artifacts = index.size;
  await sums?.finish();

  // A manifest that could not be read may list any artifact: none is called unlisted then.
  const listingUnknown = loaded.some((l) => l.manifest === undefined);
  for (const e of files) {
    const k = e.key;
    if (listingUnknown && k.startsWith('artifacts/')) continue;
    if (NAMED.has(k) || MANIFEST_KEY_PATTERN.test(k) || index.has(k)) continue;
    if (k.endsWith('.sig') && MANIFEST_KEY_PATTERN.test(k.slice(0, -4)) && byKey.has(k.slice(0, -4))) continue;
    if (failures.list.some((f) => f.code === 'UNLISTED_FILE' && f.file === k)) continue;
    failures.add('UNLISTED_FILE', k, `${k}: not part of the pack layout and listed by none of the quarter's manifests`);
  }

  if (pack !== null) await checkPackConsistency(source, pack, anchor, members, trusted?.fingerprint ?? null, index, failures);
  report.days = [...new Set(members.map((m) => m.manifest.date))].sort();
  const last = chain[chain.length - 1];
  report.head = last === undefined ? null : { key: last.key, sha256: last.sha256, sequence: last.manifest.sequence, date: last.manifest.date };
  report.gaps = members.flatMap(({ key, manifest }) => manifest.gaps.map((g) => ({ date: manifest.date, manifest: key, ...g })));
}

async function indexMembers(source: PackSource, members: readonly ChainMember[]): Promise<ArtifactIndex> {
  const index = new ArtifactIndex();
  for (const m of members) {
    const read = await source.read(m.key, LIMITS.manifest);
    // These bytes passed every manifest check when their SHA-256 was taken; others are not used.
    if (read.ok && read.sha256 === m.sha256) index.add(m.key, (JSON.parse(read.bytes.toString('utf8')) as ManifestV1).artifacts);
  }
  return index;
}

function anchorSequence(pack: PackJson): number {
  const key = pack.chain.anchor?.key;
  return key === undefined ? 0 : Number(MANIFEST_KEY_PATTERN.exec(key)?.[2] ?? 0);
}

async function checkPackConsistency(
  source: PackSource,
  pack: PackJson,
  anchor: ChainMember | null,
  members: ChainMember[],
  fingerprint: string | null,
  listed: ArtifactIndex,
  failures: Failures,
): Promise<void> {
  const results = new Map<string, SealedResults | null | 'unusable'>();
  for (const m of lastOfDay(members, reportsEvaluated(pack))) results.set(m.key, await readSealedResults(source.read, m.manifest));
  checkConsistency({ pack, anchor, members, results, listed, fingerprint }, failures);
  await checkReadiness(pack, members.map((m) => m.manifest), source.read, failures);
}
