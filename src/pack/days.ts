import { RESULTS_COLLECTOR, RESULTS_SCOPE } from '../evaluate/results-artifact';
import type { Failures } from '../verify/codes';
import type { PackCopier } from './copy';
import { packDay, parseResultsArtifact, type ParsedResults } from './day';
import type { PackJsonWriter } from './json-writer';
import type { EvidenceRef, PackPeriod } from './model';
import { periodDays } from './quarter';
import type { ControlTally } from './summary';
import type { QuarterManifest } from './verify-quarter';
import { WORKFLOW_COLLECTOR } from '../workflow/records';

/**
 * The streaming pass (docs/formats/pack-v1.md §Building): day by day through the quarter, copy
 * each manifest, its signature and its artifacts, read the day's control results (from the day's
 * last manifest: a second run on a day supersedes the first) and write the day into pack.json.
 * Only the current manifest is in memory.
 */
export interface StreamResult {
  missingDays: string[];
  /** Workflow record artifacts the quarter's manifests list, each once, in chain order. */
  records: EvidenceRef[];
  /** The catalog the last evaluated day names. */
  catalog: ParsedResults['catalog'] | null;
}

export async function streamDays(
  period: PackPeriod,
  manifests: readonly QuarterManifest[],
  copier: PackCopier,
  writer: PackJsonWriter,
  tally: ControlTally,
  failures: Failures,
): Promise<StreamResult> {
  const result: StreamResult = { missingDays: [], records: [], catalog: null };
  const records = new Map<string, EvidenceRef>();
  let next = 0;
  let index = 0;
  for (const date of periodDays(period)) {
    let last: { ref: EvidenceRef; results: EvidenceRef | null } | null = null;
    for (; next < manifests.length && (manifests[next] as QuarterManifest).date === date; next++) {
      const m = manifests[next] as QuarterManifest;
      const manifest = await copier.manifest(m);
      await copier.artifacts(m.key, manifest);
      const entry = manifest.artifacts.find((a) => a.collector === RESULTS_COLLECTOR && a.account === RESULTS_SCOPE && a.region === RESULTS_SCOPE);
      for (const a of manifest.artifacts) if (a.collector === WORKFLOW_COLLECTOR && !records.has(a.key)) records.set(a.key, { key: a.key, sha256: a.sha256 });
      // pack-v2.md §days: the day's last evaluated manifest; a later one without results (workflow records) does not supersede it.
      if (entry !== undefined || last === null || last.results === null) {
        last = { ref: { key: m.key, sha256: m.sha256 }, results: entry === undefined ? null : { key: entry.key, sha256: entry.sha256 } };
      }
    }
    if (last === null) result.missingDays.push(date);
    const parsed = last?.results ? await readResults(copier, last.results, failures) : null;
    if (parsed !== null) result.catalog = parsed.catalog;
    const day = packDay(date, last?.ref ?? null, last?.results ?? null, parsed);
    const disabled = new Map((parsed?.controls ?? []).flatMap((c) => (c.disabledReason === undefined ? [] : [[c.id, c.disabledReason] as const])));
    tally.addDay(index++, date, day.controls, disabled);
    await writer.day(day);
  }
  result.records = [...records.values()];
  return result;
}

async function readResults(copier: PackCopier, ref: EvidenceRef, failures: Failures): Promise<ParsedResults | null> {
  const bytes = await copier.read(ref.key);
  if (bytes === undefined) return null; // not copied: already a failure (missing or changed)
  const parsed = parseResultsArtifact(bytes);
  if (parsed.ok) return parsed.results;
  failures.add('ARTIFACT_MALFORMED', ref.key, `${ref.key}: the day's control results artifact cannot be read: ${parsed.problem}`);
  return null;
}
