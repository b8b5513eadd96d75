import { canonicalize, type JsonValue } from '../core/canonical';
import type { PackJson } from '../pack/model';
import type { ChainMember } from './chain';
import type { Failures } from './codes';
import { checkDays, lastOfDay, reportsEvaluated } from './pack-days';
import { daysBetween, quarterBounds } from './pack-period';
import type { SealedResults } from './pack-results';

/**
 * pack.json against the sealed evidence it summarizes (docs/verification.md §Verifying a pack,
 * step "consistency"): everything that can be recomputed from the signed manifests and the
 * sealed control-results artifacts is recomputed and compared. pack.json is signed, but a
 * signature proves who wrote it, not that it tells the truth about the evidence.
 */
export interface PackEvidence {
  pack: PackJson;
  /** The manifest at the anchor sequence, null when the chain starts in the quarter. */
  anchor: ChainMember | null;
  /** The quarter's manifests, in sequence order (well-formed ones). */
  members: ChainMember[];
  /** The sealed results of each day's last manifest, by manifest key. */
  results: ReadonlyMap<string, SealedResults | null | 'unusable'>;
  /** Every artifact the quarter's manifests list: the SHA-256 a listed key has, undefined for others. */
  listed: { sha256(key: string): string | undefined };
  fingerprint: string | null;
}

const MAX_REPORTED = 50;
const same = (a: unknown, b: unknown): boolean => canonicalize(a as JsonValue) === canonicalize(b as JsonValue);

export function checkConsistency(ev: PackEvidence, failures: Failures): void {
  const problems: string[] = [];
  const { pack, members } = ev;
  const bounds = quarterBounds(pack.period.quarter);
  if (bounds !== null && !same(bounds, { start: pack.period.start, end: pack.period.end, days: pack.period.days })) {
    problems.push(`$.period: ${pack.period.quarter} runs ${bounds.start}..${bounds.end} (${bounds.days} days), found ${pack.period.start}..${pack.period.end} (${pack.period.days} days)`);
  }
  if (ev.fingerprint !== null && pack.signingKey.fingerprint !== ev.fingerprint) {
    problems.push(`$.signingKey.fingerprint: expected the trusted key ${ev.fingerprint}, found ${pack.signingKey.fingerprint}`);
  }
  checkChainRefs(ev, problems);
  for (const m of members) {
    const d = m.manifest.date;
    if (d < pack.period.start || d > pack.period.end) problems.push(`${m.key}: dated ${d}, outside the period ${pack.period.start}..${pack.period.end}`);
    if (m.manifest.scope.organization !== pack.organization) problems.push(`$.organization: ${pack.organization}, ${m.key} was sealed for ${m.manifest.scope.organization}`);
  }
  const union = (f: (m: ChainMember) => string[]): string[] => [...new Set(members.flatMap(f))].sort();
  const scope = { accounts: union((m) => m.manifest.scope.accounts), regions: union((m) => m.manifest.scope.regions), collectors: union((m) => m.manifest.scope.collectors), modes: union((m) => [m.manifest.scope.mode]) };
  for (const k of ['accounts', 'regions', 'collectors', 'modes'] as const) {
    if (!same([...pack.scope[k]].sort(), scope[k])) problems.push(`$.scope.${k}: the quarter's manifests give ${scope[k].join(', ')}, found ${pack.scope[k].join(', ')}`);
  }
  const days = daysBetween(pack.period.start, Math.min(pack.period.days, 400));
  const sealedDays = new Set(members.map((m) => m.manifest.date));
  const missing = days.filter((d) => !sealedDays.has(d));
  if (!same(pack.missingDays, missing)) problems.push(`$.missingDays: the quarter's manifests leave ${missing.length} days without a manifest (${brief(missing)}), found ${pack.missingDays.length} (${brief(pack.missingDays)})`);
  checkGaps(ev, problems);
  checkDays(ev, days, problems);

  for (const p of problems.slice(0, MAX_REPORTED)) failures.add('PACK_INCONSISTENT', 'pack.json', `pack.json disagrees with the sealed evidence: ${p}`);
  if (problems.length > MAX_REPORTED) failures.add('PACK_INCONSISTENT', 'pack.json', `pack.json disagrees with the sealed evidence in ${problems.length - MAX_REPORTED} more places`);
}

function checkChainRefs(ev: PackEvidence, problems: string[]): void {
  const { chain, period } = ev.pack;
  const anchor = ev.anchor === null ? null : { key: ev.anchor.key, sha256: ev.anchor.sha256 };
  if (!same(chain.anchor, anchor)) problems.push(`$.chain.anchor: expected ${anchor === null ? 'null' : `${anchor.key} ${anchor.sha256}`}, found ${chain.anchor === null ? 'null' : `${chain.anchor.key} ${chain.anchor.sha256}`}`);
  if (ev.anchor !== null && ev.anchor.manifest.date >= period.start) problems.push(`$.chain.anchor: ${ev.anchor.key} is dated ${ev.anchor.manifest.date}, expected the last manifest before the period (${period.start})`);
  const refs = ev.members.map(({ key, sha256, manifest: m }) => ({ key, sha256, date: m.date, sequence: m.sequence, merkleRoot: m.merkle.root, artifacts: m.artifactCount, gaps: m.gaps.length }));
  if (chain.manifests.length !== refs.length) problems.push(`$.chain.manifests: the pack holds ${refs.length} quarter manifests, pack.json lists ${chain.manifests.length}`);
  refs.forEach((r, i) => {
    const c = chain.manifests[i];
    if (c !== undefined && !same(c, r)) problems.push(`$.chain.manifests[${i}]: expected ${canonicalize(r)}, found ${canonicalize(c as unknown as JsonValue)}`);
  });
  const last = ev.members[ev.members.length - 1] ?? ev.anchor;
  const head = last === undefined || last === null ? null : { key: last.key, sha256: last.sha256, sequence: last.manifest.sequence };
  if (head !== null && !same(chain.head, head)) problems.push(`$.chain.head: expected ${head.key} sequence ${head.sequence} ${head.sha256}, found ${chain.head.key} sequence ${chain.head.sequence} ${chain.head.sha256}`);
}

/** Every gap pack.json lists was sealed in a quarter manifest; every gap of a day's last manifest is listed. */
function checkGaps(ev: PackEvidence, problems: string[]): void {
  const key = (g: object): string => canonicalize(g as JsonValue);
  const all = new Set(ev.members.flatMap((m) => m.manifest.gaps.map((g) => key({ ...g, date: m.manifest.date, manifest: m.key }))));
  const listed = new Set(ev.pack.gaps.map(key));
  ev.pack.gaps.forEach((g, i) => {
    if (!all.has(key(g))) problems.push(`$.gaps[${i}]: ${g.date} ${g.operation} ${g.errorCode} is not a gap of ${g.manifest}`);
  });
  for (const m of lastOfDay(ev.members, reportsEvaluated(ev.pack))) {
    for (const g of m.manifest.gaps) {
      if (!listed.has(key({ ...g, date: m.manifest.date, manifest: m.key }))) problems.push(`$.gaps: ${m.key} records a gap (${g.collector} ${g.operation} ${g.errorCode}) that pack.json does not list`);
    }
  }
}

function brief(days: readonly string[]): string {
  return days.length <= 4 ? days.join(', ') : `${days.slice(0, 3).join(', ')}, … ${days[days.length - 1] ?? ''}`;
}
