import { canonicalize, type JsonValue } from './canonical';
import { DEFAULT_MAX_DEPTH, parseStrictJson, type StrictJsonResult } from './strict-json';

export type CanonicalJsonResult = (StrictJsonResult & { ok: false }) | { ok: true; value: JsonValue; canonical: boolean };

const OPEN_BRACE = 0x7b;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACE = 0x7d;
const CLOSE_BRACKET = 0x5d;
const QUOTE = 0x22;
const BACKSLASH = 0x5c;

/**
 * Parses a document that must be in RFC 8785 canonical form (manifests, artifacts), fast: when
 * the platform's JSON.parse reads it and re-canonicalizing gives back exactly its text, the
 * document is valid, canonical and free of duplicate keys (a canonical text cannot hold two
 * equal member names). Anything else — too deep, invalid UTF-8, a syntax error, a duplicate
 * key, non-canonical text — goes through the strict parser, which names the exact problem.
 * Results are the same as strict parsing followed by a canonical-form check; only faster.
 */
export function parseCanonicalJson(bytes: Uint8Array, maxDepth = DEFAULT_MAX_DEPTH): CanonicalJsonResult {
  if (withinDepth(bytes, maxDepth)) {
    try {
      const text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
      const value = JSON.parse(text) as JsonValue;
      if (canonicalize(value) === text) return { ok: true, value, canonical: true };
    } catch {
      // Fall through to the strict parser for a precise answer.
    }
  }
  const strict = parseStrictJson(bytes, { maxDepth });
  if (!strict.ok) return strict;
  return { ok: true, value: strict.value, canonical: isCanonicalText(strict.value, Buffer.from(bytes).toString('utf8')) };
}

/** Nesting depth of arrays and objects, strings skipped; no recursion whatever the input. */
function withinDepth(bytes: Uint8Array, maxDepth: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i] as number;
    if (inString) {
      if (b === BACKSLASH) i++;
      else if (b === QUOTE) inString = false;
    } else if (b === QUOTE) {
      inString = true;
    } else if (b === OPEN_BRACE || b === OPEN_BRACKET) {
      if (++depth > maxDepth) return false;
    } else if (b === CLOSE_BRACE || b === CLOSE_BRACKET) {
      depth--;
    }
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
