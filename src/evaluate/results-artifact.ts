import { ARTIFACT_SCHEMA, encodeArtifact, type SealedBytes } from '../core/artifact';
import { resultsToJson, type ControlResults } from './engine';

/**
 * The day's control results travel as an artifact v1 (docs/formats/artifact-v1.md §"Artifacts
 * Evidence Vault derives"): asked of Evidence Vault itself, across every account and region of
 * the scope, so the manifest, the Merkle root and the verifier cover them like any AWS answer.
 */
export const RESULTS_SERVICE = 'evidence-vault';
export const RESULTS_OPERATION = 'EvaluateControls';
export const RESULTS_SCOPE = '*';
export const RESULTS_COLLECTOR = 'evaluation';

export function encodeResults(results: ControlResults): SealedBytes {
  return encodeArtifact({
    schema: ARTIFACT_SCHEMA,
    request: {
      service: RESULTS_SERVICE,
      operation: RESULTS_OPERATION,
      input: { date: results.date, catalogId: results.catalog.id, catalogVersion: results.catalog.version, catalogSha256: results.catalog.sha256 },
      account: RESULTS_SCOPE,
      region: RESULTS_SCOPE,
    },
    response: resultsToJson(results),
  });
}
