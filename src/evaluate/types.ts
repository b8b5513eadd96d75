import type { ArtifactV1 } from '../core/artifact';
import type { JsonValue } from '../core/canonical';

/**
 * Control evaluation (docs/controls.md): pure functions from one day's artifacts and the
 * catalog to results. No clock, no IO, no randomness: the same inputs give byte-identical
 * results. Times (finding age, key age) are measured against the artifact's observedAt.
 */
export type Verdict = 'pass' | 'fail' | 'not-applicable' | 'not-evidenced';

/** One artifact of the day as the rules see it: the artifact plus its manifest entry facts. */
export interface DayArtifact {
  key: string;
  sha256: string;
  observedAt: string;
  artifact: ArtifactV1;
}

/** A gap of the day, as recorded in the manifest. */
export interface DayGap {
  collector: string;
  account: string;
  region: string;
  /** `service:Operation` */
  operation: string;
  errorCode: string;
}

/** What a rule can look at: the day's artifacts and gaps, indexed for lookups. */
export interface EvalContext {
  date: string;
  /**
   * When the day was evaluated: the latest observedAt of its artifacts. Process rules measure
   * deadlines and review ages against it (absent: the end of the day).
   */
  asOf?: string;
  accounts: readonly string[];
  regions: readonly string[];
  /** Every artifact answering `service:Operation` (e.g. 's3:GetBucketVersioning'), in manifest order. */
  answers(operation: string): readonly DayArtifact[];
  /** Gaps for `service:Operation` (optionally for one account / region). */
  gaps(operation: string, account?: string, region?: string): readonly DayGap[];
}

export interface ResourceResult {
  /** ARN or a stable name (bucket name, `account/region`, pattern id …). */
  resource: string;
  account: string;
  region: string;
  verdict: Verdict;
  /** Why, in plain words, naming the field and value that decided (e.g. "Status is Suspended"). */
  reason: string;
  /** The artifacts this verdict was read from. */
  evidence: Array<{ key: string; sha256: string }>;
}

export interface CheckResult {
  rule: string;
  verdict: Verdict;
  resources: ResourceResult[];
}

/** A rule: one kind of check, parameterized by the catalog. */
export interface Rule<P = Record<string, JsonValue>> {
  readonly id: string;
  /** The `service:Operation` answers it reads (for docs and for the "not evidenced" test). */
  readonly reads: readonly string[];
  evaluate(ctx: EvalContext, params: P): CheckResult;
}
