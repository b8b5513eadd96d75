import type { JsonValue } from '../core/canonical';
import type { RuleId } from '../evaluate/rule-params';

/**
 * The control catalog, format `evidence-vault/catalog/v1` (docs/controls.md). What a control
 * tests, the checks (rule + parameters) that evidence it, the AWS Config managed rules testing the
 * same thing, and its SOC 2 / ISO 27001:2022 / ISO 27001:2013 mappings, each id with its sources.
 */
export const CATALOG_SCHEMA = 'evidence-vault/catalog/v1';
export const OVERRIDES_SCHEMA = 'evidence-vault/catalog-overrides/v1';

/** Where a framework id comes from (control-mapping.md §3); auditors ask. */
export const SOURCE_TAGS = ['prowler', 'turbot', 'crosswalk:ciso-assistant', 'crosswalk:annex-b-table-page', 'inferred'] as const;
export type SourceTag = (typeof SOURCE_TAGS)[number];

export interface Soc2Mapping {
  readonly id: string;
  readonly sources: readonly SourceTag[];
  readonly notes?: readonly string[];
}

export interface Iso2022Mapping extends Soc2Mapping {
  /** Read in the source but judged a poor fit; never used for the 2013 crosswalk. */
  readonly weak?: true;
}

export interface Iso2013Mapping extends Soc2Mapping {
  /** The 2022 id this 2013 id was crosswalked from. */
  readonly via?: string;
  /** `objective`: Prowler's 2013 ids name an objective (A.12.4), not a control. */
  readonly granularity?: 'control' | 'objective';
}

export interface ControlMappings {
  readonly soc2: readonly Soc2Mapping[];
  readonly iso27001_2022: readonly Iso2022Mapping[];
  readonly iso27001_2013: readonly Iso2013Mapping[];
}

export interface Check {
  readonly rule: RuleId;
  readonly params: { readonly [name: string]: JsonValue };
}

export type ControlKind = 'automated' | 'process';

export interface Control {
  readonly id: string;
  readonly title: string;
  readonly tests: string;
  readonly kind: ControlKind;
  readonly checks: readonly Check[];
  /** AWS Config managed rule SourceIdentifiers whose verdict is recorded beside ours. */
  readonly awsConfigRules: readonly string[];
  /** AWS_CONFIG_PROCESS_CHECK rule names from the AWS packs (manual attestation), for reference. */
  readonly awsConfigProcessChecks?: readonly string[];
  /** Why the mappings are what they are, when the control is not one of the researched checks. */
  readonly mappingBasis?: string;
  readonly mappings: ControlMappings;
  /** Set by an overrides file: the control stays listed, and every pack shows the reason. */
  readonly disabled?: { readonly reason: string };
}

export interface Catalog {
  readonly schema: typeof CATALOG_SCHEMA;
  readonly id: string;
  readonly version: string;
  readonly title?: string;
  readonly controls: readonly Control[];
}

/** What an overrides file changed, for the pack to show next to the results. */
export interface AppliedOverrides {
  readonly file: string;
  readonly sha256: string;
  readonly parameters: ReadonlyArray<{ control: string; rule: string; params: { [name: string]: JsonValue } }>;
  readonly disabled: ReadonlyArray<{ control: string; reason: string }>;
  readonly added: readonly string[];
}

export interface LoadedCatalog {
  readonly catalog: Catalog;
  /** SHA-256 (lowercase hex) of the effective catalog in JCS-RFC8785 canonical form. */
  readonly sha256: string;
  /** The catalog file, or `bundled:` + its name. */
  readonly file: string;
  readonly overrides?: AppliedOverrides;
}
