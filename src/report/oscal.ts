import type { JsonValue } from '../core/canonical';
import type { PackJson } from '../pack/model';
import { buildBackMatter, buildImportAp } from './oscal-back-matter';
import { oscalContext } from './oscal-context';
import { buildObjectives } from './oscal-controls';
import { buildMetadata } from './oscal-metadata';
import { buildResult } from './oscal-result';

export { OSCAL_VERSION, nameUuid } from './oscal-common';

export interface AssessmentResultsOptions {
  /** SHA-256 (lowercase hex) of the pack.json bytes the document is derived from. */
  packSha256: string;
}

/**
 * The pack's OSCAL export, oscal/assessment-results.json (docs/oscal.md): NIST OSCAL Assessment
 * Results 1.0.4. Pure and deterministic: every UUID and time comes from the pack, so the same
 * pack always gives the same document.
 */
export function buildAssessmentResults(pack: PackJson, options: AssessmentResultsOptions): JsonValue {
  const ctx = oscalContext(pack, options.packSha256);
  const objectives = buildObjectives(ctx);
  const doc: { [key: string]: JsonValue } = {
    uuid: ctx.uuid('assessment-results'),
    metadata: buildMetadata(ctx),
    'import-ap': buildImportAp(ctx),
  };
  if (objectives.length) doc['local-definitions'] = { 'objectives-and-methods': objectives };
  doc.results = [buildResult(ctx)];
  doc['back-matter'] = buildBackMatter(ctx);
  return { 'assessment-results': doc };
}
