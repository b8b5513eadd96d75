import type { ManifestArtifactEntry } from '../core/manifest';

/**
 * What the verifier keeps about the artifacts the manifests list (docs/verification.md §Step 8),
 * built one manifest at a time so that a quarter is never held in memory: one small record per
 * distinct artifact key, however many days list it. An artifact's key is its content address,
 * so its SHA-256 is in the key; a record keeps the first listing's size, account and region, the
 * manifests that list it as runs of consecutive manifest numbers (an unchanged artifact is listed
 * by every day: one run), and only those listings that state something else.
 */
export interface Listing {
  manifest: string;
  bytes: number;
  account: string;
  region: string;
}

interface Divergent {
  manifest: number;
  bytes: number;
  account: string;
  region: string;
}

interface ArtifactRecord {
  bytes: number;
  account: string;
  region: string;
  /** Flat pairs [from, to] of manifest numbers, ascending. */
  runs: number[];
  divergent?: Divergent[];
}

const KEY_SHA256 = /^artifacts\/sha256\/[0-9a-f]{2}\/([0-9a-f]{64})\.json$/;

export class ArtifactIndex {
  private readonly records = new Map<string, ArtifactRecord>();
  private readonly manifests: string[] = [];
  /** Accounts and regions repeat across artifacts: one string each. */
  private readonly names = new Map<string, string>();

  /** Adds every listing of one well-formed manifest (its keys are content addresses, each once). */
  add(manifestKey: string, artifacts: readonly ManifestArtifactEntry[]): void {
    const n = this.manifests.push(manifestKey) - 1;
    for (const a of artifacts) {
      const r = this.records.get(a.key);
      if (r === undefined) {
        this.records.set(a.key, { bytes: a.bytes, account: this.name(a.account), region: this.name(a.region), runs: [n, n] });
        continue;
      }
      const last = r.runs.length - 1;
      if (r.runs[last] === n - 1) r.runs[last] = n;
      else r.runs.push(n, n);
      if (a.bytes !== r.bytes || a.account !== r.account || a.region !== r.region) {
        (r.divergent ??= []).push({ manifest: n, bytes: a.bytes, account: a.account, region: a.region });
      }
    }
  }

  get size(): number {
    return this.records.size;
  }

  has(key: string): boolean {
    return this.records.has(key);
  }

  /** The SHA-256 a listed artifact must have (its content address), or undefined when not listed. */
  sha256(key: string): string | undefined {
    return this.records.has(key) ? KEY_SHA256.exec(key)?.[1] : undefined;
  }

  keys(): string[] {
    return [...this.records.keys()].sort((a, b) => (a < b ? -1 : 1));
  }

  /** Every listing of `key`, in manifest order (built when needed: only for failures and checks). */
  *listings(key: string): Generator<Listing> {
    const r = this.records.get(key);
    if (r === undefined) return;
    let d = 0;
    const divergent = r.divergent ?? [];
    for (let i = 0; i < r.runs.length; i += 2) {
      for (let n = r.runs[i] as number; n <= (r.runs[i + 1] as number); n++) {
        const other = divergent[d];
        const manifest = this.manifests[n] as string;
        if (other !== undefined && other.manifest === n) {
          d++;
          yield { manifest, bytes: other.bytes, account: other.account, region: other.region };
        } else {
          yield { manifest, bytes: r.bytes, account: r.account, region: r.region };
        }
      }
    }
  }

  /** The first listing, and whether every listing states the same size, account and region. */
  first(key: string): { listing: Listing; uniform: boolean } | undefined {
    const r = this.records.get(key);
    if (r === undefined) return undefined;
    return { listing: { manifest: this.manifests[r.runs[0] as number] as string, bytes: r.bytes, account: r.account, region: r.region }, uniform: r.divergent === undefined };
  }

  private name(s: string): string {
    const known = this.names.get(s);
    if (known !== undefined) return known;
    if (this.names.size < 10_000) this.names.set(s, s);
    return s;
  }
}
