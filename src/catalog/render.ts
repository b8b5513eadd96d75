import type { JsonValue } from '../core/canonical';
import type { Coverage, CoveringControl } from './coverage';
import type { Check, Control, LoadedCatalog, SourceTag } from './types';

/**
 * Terminal views of the catalog for `evidence controls` (docs/controls.md): a table that fits
 * 120 columns, cells wrapped at spaces and hyphens, and a per-criterion coverage listing.
 * Marks follow control-mapping.md: none = read in Prowler/Turbot, * inferred, ^ crosswalked,
 * w judged weak, ° objective-level 2013 id.
 */
export const MARK_LEGEND = 'marks: none = read in Prowler or Turbot; * inferred by us; ^ crosswalked 2013 id; w read but judged weak; ° 2013 objective';

const COLUMNS = [
  { head: 'CONTROL / TITLE', width: 38 }, { head: 'KIND', width: 4 }, { head: 'SOC 2', width: 12 },
  { head: 'ISO 2022', width: 12 }, { head: 'ISO 2013', width: 12 }, { head: 'CHECKS', width: 30 },
] as const;

export function formatCatalogTable(loaded: LoadedCatalog): string[] {
  const { catalog } = loaded;
  const lines = [`${catalog.id} ${catalog.version}: ${catalog.controls.length} controls (sha256 ${loaded.sha256})`, MARK_LEGEND, ''];
  lines.push(row(COLUMNS.map((c) => [c.head])), row(COLUMNS.map((c) => ['-'.repeat(c.width)])));
  for (const control of catalog.controls) {
    lines.push(rowOf(control));
    if (control.disabled !== undefined) lines.push(...wrap(`DISABLED: ${control.disabled.reason}`, 116).map((l) => `  ${l}`));
    lines.push('');
  }
  if (loaded.overrides !== undefined) lines.push('', `overrides applied from ${loaded.overrides.file} (sha256 ${loaded.overrides.sha256})`);
  return lines;
}

function rowOf(c: Control): string {
  const marked = (m: { id: string; sources: readonly SourceTag[]; weak?: true; granularity?: string }): string =>
    `${m.id}${m.weak ? 'w' : ''}${m.sources.every((s) => s === 'inferred') ? '*' : ''}${m.sources.some((s) => s.startsWith('crosswalk:')) ? '^' : ''}${m.granularity === 'objective' ? '°' : ''}`;
  const cells = [
    c.mappings.soc2.map(marked).join(' '), c.mappings.iso27001_2022.map(marked).join(' '),
    c.mappings.iso27001_2013.map(marked).join(' ') || '-', c.checks.map(formatCheck).join(' '),
  ].map((text, i) => wrap(text, COLUMNS[i + 2]?.width ?? 12));
  // The id stays whole on its own line (ids are what people search for); the title wraps below.
  const head = [...wrap(c.id, COLUMNS[0].width), ...wrap(c.title, COLUMNS[0].width - 2).map((l) => `  ${l}`)];
  const kind = c.disabled === undefined ? (c.kind === 'process' ? 'proc' : 'auto') : 'off';
  return row([head, [kind], ...cells]);
}

/** `logs.retention minRetentionDays=90`; arrays joined with `|`. */
export function formatCheck(check: Check): string {
  const value = (v: JsonValue): string => (Array.isArray(v) ? v.map(value).join('|') : typeof v === 'string' ? v : JSON.stringify(v));
  const { tagKey, tagValues, ...rest } = check.params;
  // The bucket selector reads best as the tag it matches: data-classification=student-data|…
  const selector = typeof tagKey === 'string' && tagValues !== undefined ? [`${tagKey}=${value(tagValues)}`] : [];
  const others = typeof tagKey === 'string' ? rest : check.params;
  return [check.rule, ...selector, ...Object.entries(others).map(([k, v]) => `${k}=${value(v)}`)].join(' ');
}

function row(cells: string[][]): string {
  const height = Math.max(...cells.map((c) => c.length));
  const out: string[] = [];
  for (let i = 0; i < height; i += 1) {
    out.push(cells.map((c, j) => (c[i] ?? '').padEnd(COLUMNS[j]?.width ?? 0)).join('  ').trimEnd());
  }
  return out.join('\n');
}

/** Words onto lines of `width`; a longer word breaks after a hyphen, `|` or `.` where it can. */
export function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (let word of text.split(/\s+/).filter((w) => w !== '')) {
    while (word.length > width) {
      const cut = Math.max(...['-', '|', '.', '_'].map((ch) => word.lastIndexOf(ch, width - 1))) + 1 || width;
      if (line !== '') lines.push(line);
      lines.push(word.slice(0, cut));
      word = word.slice(cut);
      line = '';
    }
    if (line === '') line = word;
    else if (line.length + 1 + word.length <= width) line += ` ${word}`;
    else {
      lines.push(line);
      line = word;
    }
  }
  if (line !== '' || lines.length === 0) lines.push(line);
  return lines;
}

const FRAMEWORK_TITLE = { soc2: 'SOC 2 (TSC 2017, points of focus 2022)', 'iso27001-2022': 'ISO/IEC 27001:2022 Annex A', 'iso27001-2013': 'ISO/IEC 27001:2013 Annex A (crosswalk)' };

export function formatCoverage(loaded: LoadedCatalog, cov: Coverage): string[] {
  const lines = [`${FRAMEWORK_TITLE[cov.framework]}: coverage by ${loaded.catalog.id} ${loaded.catalog.version} (sha256 ${loaded.sha256})`];
  lines.push('sources: prowler, turbot = read in that tool; crosswalk:* = 2013 id reached from a sourced 2022 id; inferred = our judgement', '');
  for (const c of cov.criteria.filter((x) => x.controls.length > 0)) {
    const focus = c.reportingFocus ? ' [reporting focus]' : '';
    const basis = c.covered ? (c.sourced ? '' : ' (inferred or weak only)') : ' (NOT COVERED: only disabled controls)';
    lines.push(...wrap(`${c.id}${focus}${basis}${c.title === undefined ? '' : ` - ${c.title}`}`, 116).map((l, i) => (i === 0 ? l : `  ${l}`)));
    for (const control of c.controls) lines.push(`    ${describeCovering(control)}`);
  }
  lines.push('', `covered: ${cov.covered.length} of ${cov.criteria.length}`, `not covered (${cov.uncovered.length}):`);
  lines.push(...wrap(cov.uncovered.join(' '), 116).map((l) => `  ${l}`));
  const focusGaps = cov.criteria.filter((c) => c.reportingFocus && !c.covered).map((c) => c.id);
  if (focusGaps.length > 0) lines.push(`reporting-focus criteria not covered: ${focusGaps.join(' ')}`);
  return lines;
}

function describeCovering(c: CoveringControl): string {
  const via = c.via === undefined ? '' : ` via ${c.via}`;
  const flags = `${c.weak ? ', judged weak' : ''}${c.disabled ? ', DISABLED' : ''}`;
  return `${c.control.padEnd(40)} ${c.sources.join(', ')}${via}${flags}`;
}
