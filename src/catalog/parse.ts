import type { JsonValue } from '../core/canonical';
import { parseStrictJson } from '../core/strict-json';
import { type Problem, locateControl } from './issues';
import { locateOffset } from './locate';

/**
 * A catalog or overrides file's bytes to a JSON value, refusing what strict-json refuses
 * (duplicate keys, invalid UTF-8, a BOM, …) with a problem that names the control and field.
 */
export function parseJsonFile(bytes: Uint8Array, file: string): { ok: true; value: JsonValue } | { ok: false; problem: Problem } {
  const parsed = parseStrictJson(bytes);
  if (parsed.ok) return parsed;
  const where = locateOffset(bytes, parsed.offset);
  const { control, field } = locateControl(where.path, (_list, index) => (index >= 0 ? where.ids[2] : undefined));
  const what = parsed.code === 'JSON_DUPLICATE_KEY' ? 'duplicate key' : 'not valid JSON';
  return { ok: false, problem: { file, control, field, message: `${what}: ${parsed.message}` } };
}
