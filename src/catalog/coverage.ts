import {
  FRAMEWORK_KEY, type FrameworkName, ISO27001_2013_CONTROLS, ISO27001_2022_CONTROLS,
  SOC2_ADDITIONAL_CRITERIA, SOC2_COMMON_CRITERIA, compareFrameworkIds,
} from './framework-ids';
import { ISO27001_2022_REPORTING_CRITERIA, RESEARCH_ISO2013_OBJECTIVE_IDS, RESEARCH_SOC2_IDS, SOC2_REPORTING_CRITERIA } from './reporting-criteria';
import type { Catalog, Iso2013Mapping, Iso2022Mapping, SourceTag } from './types';

/**
 * Which criteria (SOC 2) or Annex A controls (ISO 2022, 2013) the catalog covers, by which
 * controls and on what basis, and which it does not. The universe: the full SOC 2 Common
 * Criteria and Annex A id lists, the reporting criteria and every id the research file maps to.
 */
export interface CoveringControl {
  control: string;
  title: string;
  sources: readonly SourceTag[];
  weak: boolean;
  /** ISO 2013: the 2022 id it was crosswalked from. */
  via?: string;
  disabled: boolean;
}

export interface CriterionCoverage {
  id: string;
  /** Our short title, for the incident-reporting criteria only (never the standard's text). */
  title?: string;
  reportingFocus: boolean;
  controls: CoveringControl[];
  /** At least one enabled control maps here. */
  covered: boolean;
  /** At least one enabled control maps here on a read source (not inferred, not judged weak). */
  sourced: boolean;
}

export interface Coverage {
  framework: FrameworkName;
  criteria: CriterionCoverage[];
  covered: string[];
  uncovered: string[];
}

interface Described {
  title?: string;
  focus: boolean;
}

function universe(framework: FrameworkName): { ids: string[]; described: Map<string, Described> } {
  const described = new Map<string, Described>();
  if (framework === 'soc2') {
    for (const r of SOC2_REPORTING_CRITERIA) described.set(r.id, { title: r.title, focus: r.focus });
    return { ids: [...SOC2_COMMON_CRITERIA, ...SOC2_REPORTING_CRITERIA.map((r) => r.id), ...RESEARCH_SOC2_IDS], described };
  }
  if (framework === 'iso27001-2022') {
    for (const r of ISO27001_2022_REPORTING_CRITERIA) described.set(r.id, { title: r.title, focus: r.focus });
    return { ids: [...ISO27001_2022_CONTROLS], described };
  }
  for (const r of ISO27001_2022_REPORTING_CRITERIA) {
    for (const id of r.iso2013 ?? []) described.set(id, { title: `2013 counterpart of ${r.id}: ${r.title}`, focus: r.focus });
  }
  return { ids: [...ISO27001_2013_CONTROLS, ...RESEARCH_ISO2013_OBJECTIVE_IDS], described };
}

/** SOC 2 in the order of the criteria (CC1 … CC9, then A, C, PI, P); Annex A numerically. */
function order(framework: FrameworkName): (a: string, b: string) => number {
  if (framework !== 'soc2') return compareFrameworkIds;
  const rank = new Map([...SOC2_COMMON_CRITERIA, ...SOC2_ADDITIONAL_CRITERIA].map((id, i) => [id, i]));
  return (a, b) => (rank.get(a) ?? Infinity) - (rank.get(b) ?? Infinity) || compareFrameworkIds(a, b);
}

export function coverage(catalog: Catalog, framework: FrameworkName): Coverage {
  const key = FRAMEWORK_KEY[framework];
  const { ids, described } = universe(framework);
  const byId = new Map<string, CoveringControl[]>();
  for (const control of catalog.controls) {
    for (const m of control.mappings[key] as ReadonlyArray<Iso2022Mapping & Iso2013Mapping>) {
      const entry: CoveringControl = { control: control.id, title: control.title, sources: m.sources, weak: m.weak === true, disabled: control.disabled !== undefined };
      if (m.via !== undefined) entry.via = m.via;
      byId.set(m.id, [...(byId.get(m.id) ?? []), entry]);
    }
  }
  const all = [...new Set([...ids, ...byId.keys()])].sort(order(framework));
  const criteria = all.map((id): CriterionCoverage => {
    const controls = byId.get(id) ?? [];
    const enabled = controls.filter((c) => !c.disabled);
    const info = described.get(id);
    return {
      id,
      ...(info?.title === undefined ? {} : { title: info.title }),
      reportingFocus: info?.focus ?? false,
      controls,
      covered: enabled.length > 0,
      sourced: enabled.some((c) => !c.weak && c.sources.some((s) => s !== 'inferred')),
    };
  });
  return {
    framework,
    criteria,
    covered: criteria.filter((c) => c.covered).map((c) => c.id),
    uncovered: criteria.filter((c) => !c.covered).map((c) => c.id),
  };
}
