import type { JsonValue } from './canonical';

/**
 * Turns an AWS SDK v3 output into plain JSON as the artifact format v1 stores it
 * (docs/formats/artifact-v1.md §"AWS answers"):
 * - `$metadata` (request id, attempts, timings) is dropped at the top level: it changes on
 *   every call and is not AWS's answer about the resource;
 * - Dates become ISO 8601 UTC strings; byte arrays become base64 strings;
 * - undefined members are dropped (the SDK leaves absent XML/JSON members undefined).
 */
export function toJsonValue(value: unknown): JsonValue {
  return convert(value, true);
}

function convert(value: unknown, top: boolean): JsonValue {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'number') return Number.isFinite(value) ? value : String(value);
  if (typeof value === 'bigint') return value.toString();
  if (value instanceof Date) return value.toISOString();
  if (value instanceof Uint8Array) return Buffer.from(value).toString('base64');
  if (Array.isArray(value)) return value.map((v) => (v === undefined ? null : convert(v, false)));
  if (typeof value === 'object') {
    const out: Record<string, JsonValue> = {};
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
      if (v === undefined || typeof v === 'function') continue;
      if (top && k === '$metadata') continue;
      out[k] = convert(v, false);
    }
    return out;
  }
  return null;
}
