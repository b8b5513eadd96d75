import type { ChainMember } from './chain';
import type { PackEvidence } from './pack-consistency';
import { PACK_SCHEMA_V2, type ControlDay } from '../pack/model';
import type { SealedControl, SealedResults } from './pack-results';

/**
 * pack.json's days and control summaries against each day's sealed control results
 * (docs/formats/pack-v1.md §days, §controls; control-results-v1.md): the manifest of each day,
 * its results artifact, each control's verdict, the evidence cited, and the pass/fail day counts.
 */
export function checkDays(ev: PackEvidence, days: readonly string[], problems: string[]): void {
  const { pack } = ev;
  if (pack.days.length !== days.length || pack.days.some((d, i) => d.date !== days[i])) {
    problems.push(`$.days: expected one entry per day of the period, ${days[0] ?? ''}..${days[days.length - 1] ?? ''} in order (${days.length}), found ${pack.days.length}`);
    return;
  }
  const dayManifest = new Map(lastOfDay(ev.members, reportsEvaluated(pack)).map((m) => [m.manifest.date, m]));
  const sealedByDay = new Map<string, SealedResults | null | 'unusable'>();
  pack.days.forEach((d, i) => {
    const at = `$.days[${i}] (${d.date})`;
    const m = dayManifest.get(d.date);
    const expected = m === undefined ? null : { key: m.key, sha256: m.sha256 };
    if (d.manifest?.key !== expected?.key || d.manifest?.sha256 !== expected?.sha256) {
      problems.push(`${at}.manifest: expected ${expected === null ? 'null (no manifest that day)' : `${expected.key} ${expected.sha256}`}, found ${d.manifest === null ? 'null' : `${d.manifest.key} ${d.manifest.sha256}`}`);
    }
    const sealed = m === undefined ? null : (ev.results.get(m.key) ?? null);
    sealedByDay.set(d.date, sealed);
    if (sealed === 'unusable') return; // the artifact's own failure is reported; nothing to compare with
    const ref = sealed === null ? null : sealed.ref;
    if (d.results?.key !== ref?.key || d.results?.sha256 !== ref?.sha256) {
      problems.push(`${at}.results: expected ${ref === null ? 'null (no sealed control results that day)' : `${ref.key} ${ref.sha256}`}, found ${d.results === null ? 'null' : d.results.key}`);
    }
    const claimed = d.controls.map((c) => `${c.id}=${c.verdict}`);
    const truth = (sealed?.controls ?? []).map((c) => `${c.id}=${c.verdict}`);
    claimed.forEach((c, j) => {
      if (c !== truth[j]) problems.push(`${at}.controls[${j}]: the sealed results say ${truth[j] ?? 'nothing'}, pack.json says ${c}`);
    });
    if (truth.length > claimed.length) problems.push(`${at}.controls: the sealed results list ${truth.length} controls, pack.json ${claimed.length}`);
    d.controls.forEach((c, j) => {
      const t = sealed?.controls[j];
      if (t === undefined || t.id !== c.id) return; // already reported as a different control
      checkResources(`${at}.controls[${j}] (${c.id})`, c, t, problems);
    });
    d.controls.forEach((c, j) =>
      c.evidence.forEach((e, k) => {
        if (ev.listed.sha256(e.key) !== e.sha256) problems.push(`${at}.controls[${j}].evidence[${k}]: ${e.key} is not an artifact of the quarter's manifests with SHA-256 ${e.sha256}`);
      }),
    );
  });
  if ([...sealedByDay.values()].includes('unusable')) return;
  pack.controls.forEach((c, i) => {
    const verdicts = [...sealedByDay.values()].map((s) => (s === null || s === 'unusable' ? undefined : s.controls.find((x) => x.id === c.id)?.verdict));
    const pass = verdicts.filter((v) => v === 'pass').length;
    const fail = verdicts.filter((v) => v === 'fail').length;
    if (c.days.pass !== pass || c.days.fail !== fail) {
      problems.push(`$.controls[${i}] (${c.id}).days: the sealed results give pass ${pass}, fail ${fail}; found pass ${c.days.pass}, fail ${c.days.fail}`);
    }
    if (c.operatedEveryDay !== (pass === days.length)) {
      problems.push(`$.controls[${i}] (${c.id}).operatedEveryDay: ${String(c.operatedEveryDay)}, but it passed on ${pass} of ${days.length} days`);
    }
  });
}

/** A control's exceptions and resource counts on one day against the sealed results (pack-v1.md §days). */
function checkResources(at: string, claimed: ControlDay, sealed: SealedControl, problems: string[]): void {
  const r = sealed.resources;
  const c = claimed.resources;
  if (c.pass !== r.pass || c.fail !== r.fail || c.notApplicable !== r.notApplicable || c.notEvidenced !== r.notEvidenced) {
    problems.push(`${at}.resources: the sealed results count pass ${r.pass}, fail ${r.fail}, notApplicable ${r.notApplicable}, notEvidenced ${r.notEvidenced}; pack.json says pass ${c.pass}, fail ${c.fail}, notApplicable ${c.notApplicable}, notEvidenced ${c.notEvidenced}`);
  }
  const text = (e: SealedControl['exceptions'][number]): string => `${e.verdict} ${e.account}/${e.region} ${e.resource}: ${e.reason}`;
  const n = Math.max(claimed.exceptions.length, sealed.exceptions.length);
  for (let k = 0; k < n; k++) {
    const want = sealed.exceptions[k];
    const got = claimed.exceptions[k];
    if (want !== undefined && got !== undefined && (['resource', 'account', 'region', 'verdict', 'reason'] as const).every((f) => want[f] === got[f])) continue;
    problems.push(`${at}.exceptions[${k}]: the sealed results say ${want === undefined ? 'nothing' : JSON.stringify(text(want))}, pack.json says ${got === undefined ? 'nothing' : JSON.stringify(text(got))}`);
    return; // the first difference says enough about one control's day
  }
}

/**
 * The manifest a pack day reports (a day may have several): v1, the day's last; v2, the day's last
 * that lists control results, else its last (pack-v2.md §days: workflow records sealed after the
 * daily run do not hide the day's results).
 */
export function lastOfDay(members: readonly ChainMember[], evaluated = false): ChainMember[] {
  const byDay = new Map<string, ChainMember>();
  for (const m of members) {
    const prior = byDay.get(m.manifest.date);
    if (!evaluated || prior === undefined || m.manifest.results !== null || prior.manifest.results === null) byDay.set(m.manifest.date, m);
  }
  return [...byDay.values()];
}

export function reportsEvaluated(pack: { schema: string }): boolean {
  return pack.schema === PACK_SCHEMA_V2;
}
