import type { Control, LoadedCatalog } from '../catalog';
import type { ControlVerdict } from '../evaluate/engine';
import type { ControlDay, ControlException, ControlSummary, EvidenceRef, PackPeriod } from './model';

/**
 * Per-control summaries over the quarter (docs/formats/pack-v1.md §controls), accumulated one day
 * at a time so that the builder never holds the quarter's evidence lists: only verdict counts per
 * control, the runs of days on which it did not pass, and a few sample references.
 */
interface Tally {
  days: Record<ControlVerdict, number>;
  exceptions: ControlException[];
  /** The open run and the index of its last day. */
  open: { run: ControlException; lastIndex: number; seen: Set<string> } | null;
  disabledReason: string | null;
  evidenceCount: number;
  sampleEvidence: EvidenceRef[];
}

const SAMPLE_SIZE = 5;

export class ControlTally {
  private readonly tallies = new Map<string, Tally>();

  /** `index` is the day's position in the period; a missing day ends every open run. */
  addDay(index: number, date: string, controls: readonly ControlDay[], disabled: ReadonlyMap<string, string>): void {
    for (const c of controls) {
      const t = this.tally(c.id);
      t.days[c.verdict]++;
      t.disabledReason = disabled.get(c.id) ?? t.disabledReason;
      t.evidenceCount += c.evidence.length;
      if (c.evidence.length > 0) t.sampleEvidence = c.evidence.slice(0, SAMPLE_SIZE);
      if (c.verdict !== 'fail' && c.verdict !== 'not-evidenced') {
        t.open = null;
        continue;
      }
      const open = t.open;
      if (open === null || open.lastIndex !== index - 1 || open.run.verdict !== c.verdict) {
        const run: ControlException = { from: date, to: date, verdict: c.verdict, resources: [] };
        t.exceptions.push(run);
        t.open = { run, lastIndex: index, seen: new Set() };
      }
      const current = t.open as NonNullable<Tally['open']>;
      current.run.to = date;
      current.lastIndex = index;
      for (const e of c.exceptions) {
        const id = `${e.account}\u0000${e.region}\u0000${e.resource}`;
        if (current.seen.has(id)) continue;
        current.seen.add(id);
        current.run.resources.push({ resource: e.resource, account: e.account, region: e.region, reason: e.reason });
      }
    }
  }

  /** Catalog controls first, in catalog order; then controls the results name that the catalog does not. */
  summaries(period: PackPeriod, catalog: LoadedCatalog | undefined): ControlSummary[] {
    const controls = catalog?.catalog.controls ?? [];
    const ids = [...controls.map((c) => c.id), ...[...this.tallies.keys()].filter((id) => !controls.some((c) => c.id === id))];
    return ids.map((id) => summary(id, controls.find((c) => c.id === id), this.tally(id), period));
  }

  private tally(id: string): Tally {
    let t = this.tallies.get(id);
    if (t === undefined) {
      t = { days: { pass: 0, fail: 0, 'not-applicable': 0, 'not-evidenced': 0, disabled: 0 }, exceptions: [], open: null, disabledReason: null, evidenceCount: 0, sampleEvidence: [] };
      this.tallies.set(id, t);
    }
    return t;
  }
}

function summary(id: string, control: Control | undefined, t: Tally, period: PackPeriod): ControlSummary {
  const reason = t.disabledReason ?? control?.disabled?.reason ?? null;
  return {
    id,
    title: control?.title ?? id,
    tests: control?.tests ?? '',
    kind: control?.kind ?? 'automated',
    mappings: {
      soc2: control?.mappings.soc2.map((m) => m.id) ?? [],
      iso27001_2022: control?.mappings.iso27001_2022.map((m) => m.id) ?? [],
      iso27001_2013: control?.mappings.iso27001_2013.map((m) => m.id) ?? [],
    },
    checks: control?.checks.map((c) => ({ rule: c.rule, params: c.params })) ?? [],
    disabled: reason === null ? null : { reason },
    days: t.days,
    operatedEveryDay: t.days.pass === period.days,
    exceptions: t.exceptions,
    evidenceCount: t.evidenceCount,
    sampleEvidence: t.sampleEvidence,
  };
}
