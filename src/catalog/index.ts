/** The control catalog (docs/controls.md): format, loader, overrides, coverage and views. */
export type {
  AppliedOverrides, Catalog, Check, Control, ControlKind, ControlMappings, Iso2013Mapping, Iso2022Mapping,
  LoadedCatalog, SourceTag, Soc2Mapping,
} from './types';
export { CATALOG_SCHEMA, OVERRIDES_SCHEMA, SOURCE_TAGS } from './types';
export { BUNDLED_CATALOG_FILE, loadCatalog, validateCatalog, type LoadCatalogOptions } from './load';
export { applyOverrides, overridesSchema, type OverrideResult } from './overrides';
export { catalogSchema, controlSchema } from './schema';
export { coverage, type Coverage, type CoveringControl, type CriterionCoverage } from './coverage';
export { FRAMEWORK_KEY, isFrameworkId, type FrameworkKey, type FrameworkName } from './framework-ids';
export { formatCatalogTable, formatCheck, formatCoverage } from './render';
export type { Problem } from './issues';
