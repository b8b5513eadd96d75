import { ARTIFACT_SCHEMA, encodeArtifact, type ArtifactV1 } from '../core/artifact';
import type { JsonValue } from '../core/canonical';
import { describeError } from '../core/errors';
import { toJsonValue } from '../core/json-value';
import type { ManifestArtifactEntry, ManifestGap } from '../core/manifest';
import type { SealedBytes } from '../core/artifact';
import type { ArtifactSink } from './sink';

export interface AskSpec {
  service: string;
  operation: string;
  input: object;
  /** Where the call went, when not the target's region (e.g. a bucket in another region). */
  region?: string;
  /**
   * AWS error codes that are answers, not failures: "this bucket has no lifecycle
   * configuration" is evidence about the bucket and is sealed as an artifact.
   */
  answers?: readonly string[];
}

/**
 * Records one account × region's calls as artifacts (AWS's answers) or gaps (calls that
 * failed after the SDK's retries). A failure never propagates: it becomes a gap, and the
 * collector carries on with whatever it can still ask (docs/formats/manifest-v1.md §Gaps).
 */
export class Recorder {
  /** Manifest entries of everything recorded (always kept: they are small). */
  readonly entries: ManifestArtifactEntry[] = [];
  /** The artifacts themselves, kept only when there is no sink (unit tests). */
  readonly artifacts: SealedBytes[] = [];
  readonly gaps: ManifestGap[] = [];

  constructor(
    readonly collector: string,
    readonly account: string,
    readonly region: string,
    private readonly now: () => Date,
    private readonly sink?: ArtifactSink,
  ) {}

  async ask<T extends object>(spec: AskSpec, send: () => Promise<T>): Promise<T | undefined> {
    const region = spec.region ?? this.region;
    const request = {
      service: spec.service,
      operation: spec.operation,
      input: toJsonValue(spec.input) as { [key: string]: JsonValue },
      account: this.account,
      region,
    };
    let artifact: ArtifactV1;
    let output: T | undefined;
    try {
      output = await send();
      artifact = { schema: ARTIFACT_SCHEMA, request, response: toJsonValue(output) };
    } catch (e) {
      const code = errorCode(e);
      if (spec.answers?.includes(code)) {
        artifact = { schema: ARTIFACT_SCHEMA, request, error: { code, message: describeError(e) } };
      } else {
        this.gaps.push({ collector: this.collector, account: this.account, region, operation: `${spec.service}:${spec.operation}`, errorCode: code, message: describeError(e) });
        return undefined;
      }
    }
    // Storing is not collecting: a vault failure propagates and stops the run (exit 3), it
    // never turns into a gap that would hide lost evidence.
    await this.seal(artifact, region);
    return output;
  }

  /**
   * Asks a paginated operation to the end, one artifact per page, each with the input that
   * fetched it (the token member `tokenIn` only when there is one; `next` reads the page's). Stops at the first gap: a page
   * that was not answered gives no token to go on with.
   */
  async pages<I extends object, T extends object>(
    spec: Omit<AskSpec, 'input'> & { input: I; tokenIn: string },
    send: (input: I) => Promise<T>,
    next: (page: T) => string | undefined,
  ): Promise<T[]> {
    const { tokenIn, ...ask } = spec;
    const pages: T[] = [];
    let token: string | undefined;
    do {
      const input: I = token ? { ...spec.input, [tokenIn]: token } : spec.input;
      const page = await this.ask({ ...ask, input }, () => send(input));
      if (page === undefined) break;
      pages.push(page);
      token = next(page);
    } while (token);
    return pages;
  }

  /** A gap for work that could not even be attempted (e.g. the role could not be assumed). */
  gap(operation: string, e: unknown): void {
    this.gaps.push({ collector: this.collector, account: this.account, region: this.region, operation, errorCode: errorCode(e), message: describeError(e) });
  }

  private async seal(artifact: ArtifactV1, region: string): Promise<void> {
    const sealed = encodeArtifact(artifact);
    if (this.sink) await this.sink.put(sealed, artifact);
    else this.artifacts.push(sealed);
    this.entries.push({
      key: sealed.key,
      sha256: sealed.sha256,
      bytes: sealed.bytes.length,
      collector: this.collector,
      account: this.account,
      region,
      observedAt: this.now().toISOString(),
    });
  }
}

/** AWS's error code as the SDK exposes it (`name`), or the Node/network error code. */
export function errorCode(e: unknown): string {
  if (e && typeof e === 'object') {
    const { name, code, Code } = e as { name?: unknown; code?: unknown; Code?: unknown };
    if (typeof Code === 'string' && Code) return Code;
    if (typeof name === 'string' && name && name !== 'Error') return name;
    if (typeof code === 'string' && code) return code;
  }
  return 'UnknownError';
}
