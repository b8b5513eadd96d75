/**
 * The identifiers of the three frameworks the catalog maps to: ids only, never the standards'
 * text. They validate every mapping (a typo such as "CC7.9" or "A.8.35" fails at load) and form
 * the universe that coverage reports against (docs/controls.md, "Coverage").
 */
export type FrameworkKey = 'soc2' | 'iso27001_2022' | 'iso27001_2013';
export type FrameworkName = 'soc2' | 'iso27001-2022' | 'iso27001-2013';

export const FRAMEWORK_KEY: Record<FrameworkName, FrameworkKey> = {
  soc2: 'soc2',
  'iso27001-2022': 'iso27001_2022',
  'iso27001-2013': 'iso27001_2013',
};

/** `prefix` + `.1` … `.count` for each [prefix, count]. */
function expand(groups: ReadonlyArray<readonly [string, number]>): string[] {
  return groups.flatMap(([prefix, count]) => Array.from({ length: count }, (_, i) => `${prefix}.${i + 1}`));
}

/** SOC 2 Trust Services Criteria (2017, points of focus revised 2022): the Common Criteria. */
export const SOC2_COMMON_CRITERIA: readonly string[] = expand([
  ['CC1', 5], ['CC2', 3], ['CC3', 4], ['CC4', 2], ['CC5', 3], ['CC6', 8], ['CC7', 5], ['CC8', 1], ['CC9', 2],
]);

/** The additional categories: availability, confidentiality, processing integrity, privacy. */
export const SOC2_ADDITIONAL_CRITERIA: readonly string[] = expand([
  ['A1', 3], ['C1', 2], ['PI1', 5], ['P1', 1], ['P2', 1], ['P3', 2], ['P4', 3], ['P5', 2], ['P6', 7], ['P7', 1], ['P8', 1],
]);

/** ISO/IEC 27001:2022 Annex A: 93 controls in four themes. */
export const ISO27001_2022_CONTROLS: readonly string[] = expand([['A.5', 37], ['A.6', 8], ['A.7', 14], ['A.8', 34]]);

/** ISO/IEC 27001:2013 Annex A: 114 controls under 35 objectives (A.5.1 … A.18.2). */
export const ISO27001_2013_CONTROLS: readonly string[] = expand([
  ['A.5.1', 2], ['A.6.1', 5], ['A.6.2', 2], ['A.7.1', 2], ['A.7.2', 3], ['A.7.3', 1],
  ['A.8.1', 4], ['A.8.2', 3], ['A.8.3', 3], ['A.9.1', 2], ['A.9.2', 6], ['A.9.3', 1], ['A.9.4', 5],
  ['A.10.1', 2], ['A.11.1', 6], ['A.11.2', 9],
  ['A.12.1', 4], ['A.12.2', 1], ['A.12.3', 1], ['A.12.4', 4], ['A.12.5', 1], ['A.12.6', 2], ['A.12.7', 1],
  ['A.13.1', 3], ['A.13.2', 4], ['A.14.1', 3], ['A.14.2', 9], ['A.14.3', 1],
  ['A.15.1', 3], ['A.15.2', 2], ['A.16.1', 7], ['A.17.1', 3], ['A.17.2', 1], ['A.18.1', 5], ['A.18.2', 3],
]);

/** 2013 objectives (e.g. A.12.4): Prowler's 2013 ids are objective-level (control-mapping.md §3). */
export const ISO27001_2013_OBJECTIVES: readonly string[] = [...new Set(ISO27001_2013_CONTROLS.map((id) => id.slice(0, id.lastIndexOf('.'))))];

const KNOWN: Record<FrameworkKey, ReadonlySet<string>> = {
  soc2: new Set([...SOC2_COMMON_CRITERIA, ...SOC2_ADDITIONAL_CRITERIA]),
  iso27001_2022: new Set(ISO27001_2022_CONTROLS),
  iso27001_2013: new Set([...ISO27001_2013_CONTROLS, ...ISO27001_2013_OBJECTIVES]),
};

export const FRAMEWORK_ID_FORM: Record<FrameworkKey, string> = {
  soc2: 'a SOC 2 criterion such as CC7.2, A1.2, C1.1, PI1.3 or P6.6',
  iso27001_2022: 'an ISO/IEC 27001:2022 Annex A control A.5.1 … A.8.34',
  iso27001_2013: 'an ISO/IEC 27001:2013 Annex A control or objective such as A.12.4.1 or A.12.4 (A.5 … A.18)',
};

export function isFrameworkId(framework: FrameworkKey, id: string): boolean {
  return KNOWN[framework].has(id);
}

/** Numeric order: CC2.1 < CC10.1, A.5.9 < A.5.10, A.9.4 < A.9.4.1 < A.12.4. */
export function compareFrameworkIds(a: string, b: string): number {
  return a.localeCompare(b, 'en', { numeric: true });
}
