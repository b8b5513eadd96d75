import { canonicalize, type JsonValue } from './canonical';
import { DEFAULT_MAX_DEPTH, parseStrictJson, type StrictJsonResult } from './strict-json';

export type CanonicalJsonResult = (StrictJsonResult & { ok: false }) | { ok: true; value: JsonValue; canonical: boolean };

/**
 * Parses a document that must be in RFC 8785 canonical form (manifests, artifacts), fast: when
 * the platform's JSON.parse reads it, the value nests no deeper than the limit, every object's
 * member names are in strictly ascending UTF-16 order, and JSON.stringify gives back exactly its
 * text, the document is valid and canonical (RFC 8785 serializes numbers and strings as
 * JSON.stringify does, and names strictly ascending means no duplicates). A lone surrogate can
 * only appear as a `\ud8xx`-`\udfxx` escape: such text takes the slow path. Anything else — too
 * deep, invalid UTF-8, a syntax error, a duplicate key, non-canonical text — goes through the
 * strict parser, which names the exact problem. Results are the same as strict parsing followed
 * by a canonical-form check; only faster.
 */
export function parseCanonicalJson(bytes: Uint8Array, maxDepth = DEFAULT_MAX_DEPTH): CanonicalJsonResult {
  try {
    const text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
    const value = JSON.parse(text) as JsonValue;
    if (sortedWithin(value, maxDepth) && !SURROGATE_ESCAPE.test(text) && JSON.stringify(value) === text) return { ok: true, value, canonical: true };
  } catch {
    // Fall through to the strict parser for a precise answer.
  }
  const strict = parseStrictJson(bytes, { maxDepth });
  if (!strict.ok) return strict;
  return { ok: true, value: strict.value, canonical: isCanonicalText(strict.value, Buffer.from(bytes).toString('utf8')) };
}

const SURROGATE_ESCAPE = /\\ud[89a-f]/i;

/** Depth within the limit (the top-level container is depth 1) and member names strictly ascending. */
function sortedWithin(value: JsonValue, depthLeft: number): boolean {
  if (typeof value !== 'object' || value === null) return true;
  if (depthLeft === 0) return false;
  if (Array.isArray(value)) {
    for (const item of value) if (!sortedWithin(item, depthLeft - 1)) return false;
    return true;
  }
  let prior: string | undefined;
  for (const key in value) {
    if (prior !== undefined && !(prior < key)) return false;
    prior = key;
    if (!sortedWithin(value[key] as JsonValue, depthLeft - 1)) return false;
  }
  return true;
}

function isCanonicalText(value: JsonValue, text: string): boolean {
  try {
    return canonicalize(value) === text;
  } catch {
    return false; // e.g. a lone surrogate: never canonical
  }
}
