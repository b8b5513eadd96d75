import { ARTIFACT_SCHEMA, encodeArtifact, type ArtifactV1 } from '../../src/core/artifact';
import type { JsonValue } from '../../src/core/canonical';
import { toJsonValue } from '../../src/core/json-value';
import type { DayArtifact, DayGap, EvalContext } from '../../src/evaluate/types';

export const EVAL_DATE = '2026-07-15';
export const OBSERVED_AT = `${EVAL_DATE}T06:00:00.000Z`;

export interface Answer {
  service: string;
  operation: string;
  input?: Record<string, unknown>;
  account?: string;
  region?: string;
  /** The SDK output (as the collector got it; Dates allowed, converted like the recorder does). */
  response?: unknown;
  /** An error answer instead of a response. */
  error?: { code: string; message?: string };
}

/** A day artifact built exactly as the recorder builds one (canonical, hashed). */
export function dayArtifact(a: Answer): DayArtifact {
  const request = { service: a.service, operation: a.operation, input: toJsonValue(a.input ?? {}) as { [k: string]: JsonValue }, account: a.account ?? '111122223333', region: a.region ?? 'us-east-1' };
  const artifact: ArtifactV1 = a.error
    ? { schema: ARTIFACT_SCHEMA, request, error: { code: a.error.code, message: a.error.message ?? a.error.code } }
    : { schema: ARTIFACT_SCHEMA, request, response: toJsonValue(a.response ?? {}) };
  const sealed = encodeArtifact(artifact);
  return { key: sealed.key, sha256: sealed.sha256, observedAt: OBSERVED_AT, artifact: JSON.parse(sealed.bytes.toString('utf8')) as ArtifactV1 };
}

/** An evaluation context over the given answers and gaps, for rule tests. */
export function evalContext(answers: Answer[], gaps: DayGap[] = [], scope: { accounts?: string[]; regions?: string[] } = {}): EvalContext {
  const artifacts = answers.map(dayArtifact);
  return {
    date: EVAL_DATE,
    accounts: scope.accounts ?? [...new Set(artifacts.map((a) => a.artifact.request.account))].sort(),
    regions: scope.regions ?? [...new Set(artifacts.map((a) => a.artifact.request.region))].sort(),
    answers: (op) => artifacts.filter((a) => `${a.artifact.request.service}:${a.artifact.request.operation}` === op),
    gaps: (op, account, region) => gaps.filter((g) => g.operation === op && (account === undefined || g.account === account) && (region === undefined || g.region === region)),
  };
}
