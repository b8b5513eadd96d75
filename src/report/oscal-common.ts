import { createHash } from 'node:crypto';
import type { JsonValue } from '../core/canonical';

/**
 * Shared pieces of the OSCAL Assessment Results export (docs/oscal.md): name-based UUIDs,
 * our property namespace, date-times and evidence hrefs.
 */
export type JsonObject = { [key: string]: JsonValue };

export const OSCAL_VERSION = '1.0.4';

/** Namespace of every property we name ourselves (OSCAL: a prop without `ns` is NIST's). */
export const PROP_NS = 'urn:evidence-vault:oscal';

/** Fixed namespace UUID of Evidence Vault's OSCAL exports (chosen once, never changed). */
const UUID_NAMESPACE = '1a9a4b6a-46cb-4b2b-9c00-f28dabd31f74';

/**
 * A name-based UUID in the manner of RFC 4122 §4.3 (version 5), with SHA-256 in place of SHA-1:
 * the first 16 bytes of SHA-256(namespace bytes ‖ UTF-8 name), version nibble 5, variant 10xx.
 * The same name always gives the same UUID, so the same pack gives the same document.
 */
export function nameUuid(name: string, namespace: string = UUID_NAMESPACE): string {
  const ns = Buffer.from(namespace.replace(/-/g, ''), 'hex');
  const bytes = createHash('sha256').update(ns).update(name, 'utf8').digest().subarray(0, 16);
  bytes[6] = (bytes[6]! & 0x0f) | 0x50;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** One of our properties (OSCAL property: name token, non-blank value). */
export function prop(name: string, value: string | number, extra: { class?: string; remarks?: string } = {}): JsonObject {
  const out: JsonObject = { name, ns: PROP_NS, value: String(value) };
  if (extra.class !== undefined) out.class = extra.class;
  if (extra.remarks !== undefined) out.remarks = extra.remarks;
  return out;
}

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

/** Evidence days are UTC calendar days (manifest-v1.md §date): a day starts at 00:00:00Z… */
export function dayStart(date: string): string {
  return DATE_ONLY.test(date) ? `${date}T00:00:00Z` : date;
}

/** …and ends at 23:59:59Z. A value that is already a date-time is kept as it is. */
export function dayEnd(date: string): string {
  return DATE_ONLY.test(date) ? `${date}T23:59:59Z` : date;
}

/**
 * The document lives at oscal/assessment-results.json inside the pack, and the pack keeps the
 * vault's keys (manifests/…, artifacts/sha256/…) and its own files at its root: hrefs are
 * relative to the document, hence "../".
 */
export function packHref(key: string): string {
  return `../${key.split('/').map(encodeURIComponent).join('/')}`;
}

/** "a, b and c" for descriptions. */
export function listText(items: string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]!}`;
}

/** "2026-08-03" or "2026-08-03 to 2026-08-05". */
export function rangeText(from: string, to: string): string {
  return from === to ? from : `${from} to ${to}`;
}

/** Consecutive days as ranges: "2026-07-31 to 2026-09-30 and 2026-10-02" (for missing days). */
export function dateRangesText(dates: string[]): string {
  const runs: Array<[string, string]> = [];
  for (const date of [...dates].sort()) {
    const last = runs[runs.length - 1];
    if (last && Date.parse(`${date}T00:00:00Z`) - Date.parse(`${last[1]}T00:00:00Z`) === 86_400_000) last[1] = date;
    else runs.push([date, date]);
  }
  return listText(runs.map(([from, to]) => rangeText(from, to)));
}
