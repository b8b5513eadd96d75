import { manifestKey, type ManifestV1 } from '../core/manifest';
import type { Failures } from './codes';
import type { LoadedManifest, ManifestHead } from './manifests';

/**
 * Checks that need every manifest (docs/formats/manifest-v1.md §Chain, docs/verification.md
 * §Step 7): each manifest sits at the key its date and sequence give, each is stored once,
 * sequences run 0..head without a hole, and each `previous` is the prior manifest's key and
 * SHA-256, with dates that never go backwards. Returns the chain, in sequence order.
 */
/** What a link needs of a manifest: the verifier holds manifest heads, the pack builder whole manifests. */
export type ChainFacts = Pick<ManifestV1, 'date' | 'sequence' | 'previous'>;

export interface ChainMember<M extends ChainFacts = ManifestHead> {
  key: string;
  sha256: string;
  manifest: M;
}

/**
 * `base`: the first sequence of the chain in hand. A vault holds the whole chain (0); a pack
 * starts at its anchor (pack-v1.md), whose own `previous` is not in the pack and is not checked.
 */
export function checkChain(loaded: readonly LoadedManifest[], failures: Failures, base = 0): ChainMember[] {
  const wellFormed = loaded.flatMap((l) => (l.manifest !== undefined && l.sha256 !== undefined ? [{ key: l.key, sha256: l.sha256, manifest: l.manifest }] : []));
  const placed = (m: ChainMember): boolean => m.key === manifestKey(m.manifest.date, m.manifest.sequence);

  // The same bytes under two keys: the copy at the key its content gives is the original.
  const byContent = new Map<string, ChainMember>();
  const unique: ChainMember[] = [];
  for (const m of [...wellFormed].sort((a, b) => Number(placed(b)) - Number(placed(a)))) {
    const original = byContent.get(m.sha256);
    if (original !== undefined) {
      failures.add('MANIFEST_DUPLICATE', m.key, `${m.key}: same content (SHA-256 ${m.sha256}) as ${original.key}; a manifest is stored once`);
      continue;
    }
    byContent.set(m.sha256, m);
    unique.push(m);
  }

  const bySequence = new Map<number, ChainMember>();
  for (const m of unique.sort((a, b) => (a.key < b.key ? -1 : 1))) {
    const { date, sequence } = m.manifest;
    const expectedKey = manifestKey(date, sequence);
    if (m.key !== expectedKey) {
      failures.add('MANIFEST_MISPLACED', m.key, `${m.key}: holds the manifest of ${date} sequence ${sequence}, expected at ${expectedKey}`);
    }
    const other = bySequence.get(sequence);
    if (other !== undefined) {
      failures.add('MANIFEST_DUPLICATE', m.key, `${m.key}: sequence ${sequence} is already taken by ${other.key}; the chain has one manifest per sequence`);
      continue;
    }
    bySequence.set(sequence, m);
  }

  // A malformed file still occupies the sequence its key states: it is reported, not missing.
  const occupied = new Set<number>([...bySequence.keys(), ...loaded.map((l) => l.keySequence).filter(Number.isInteger)]);
  const head = Math.max(-1, ...occupied);
  for (let n = base; n <= head; n += 1) {
    if (occupied.has(n)) continue;
    const successor = bySequence.get(n + 1);
    const named = successor?.manifest.previous?.key;
    const file = named ?? `manifests/*/${String(n).padStart(8, '0')}.json`;
    failures.add('MANIFEST_MISSING', file, `sequence ${n} is absent: expected a manifest ${file} between sequences ${n - 1} and ${n + 1}${named === undefined ? '' : ` (named by ${successor?.key ?? ''} as previous)`}`);
  }

  for (const [n, m] of bySequence) if (n > base || base === 0) checkLink(n, m, bySequence.get(n - 1), failures);
  return [...bySequence.entries()].sort(([a], [b]) => a - b).map(([, m]) => m);
}

/** One link (§Chain): manifest `m`, of sequence `n`, against the manifest of sequence n-1 (the pack builder checks a quarter's links with it). */
export function checkLink(n: number, m: ChainMember<ChainFacts>, prior: ChainMember<ChainFacts> | undefined, failures: Failures): void {
  const previous = m.manifest.previous;
  if (n === 0) {
    if (previous !== null) failures.add('CHAIN_BROKEN', m.key, `${m.key}: sequence 0 starts the chain, expected previous null, found ${previous.key}`);
    return;
  }
  if (previous === null) {
    failures.add('CHAIN_BROKEN', m.key, `${m.key}: sequence ${n} must name its previous manifest, found null`);
    return;
  }
  // Prior absent: reported as MANIFEST_MISSING. Prior malformed: reported as MANIFEST_MALFORMED.
  if (prior === undefined) return;
  const priorKey = manifestKey(prior.manifest.date, prior.manifest.sequence);
  if (previous.key !== priorKey) {
    failures.add('CHAIN_BROKEN', m.key, `${m.key}: previous.key expected ${priorKey} (sequence ${n - 1}), found ${previous.key}`);
  }
  if (previous.sha256 !== prior.sha256) {
    failures.add('CHAIN_BROKEN', m.key, `${m.key}: previous.sha256 expected ${prior.sha256} (SHA-256 of ${prior.key}), found ${previous.sha256}`);
  }
  if (m.manifest.date < prior.manifest.date) {
    failures.add('CHAIN_BROKEN', m.key, `${m.key}: date ${m.manifest.date} goes backwards from ${prior.manifest.date} (sequence ${n - 1})`);
  }
}
