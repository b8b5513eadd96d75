/**
 * JSON Canonicalization Scheme, RFC 8785.
 * - objects: members sorted by the UTF-16 code units of their names (§3.2.3);
 * - numbers: ECMAScript Number.prototype.toString, i.e. JSON.stringify (§3.2.2.3);
 * - strings: JSON.stringify escaping (§3.2.2.2); lone surrogates are refused (§3.1: I-JSON).
 * Only JSON values are accepted: no undefined, functions, NaN, Infinity, Dates or bigints.
 */
export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

export const CANONICALIZATION = 'JCS-RFC8785';

export function canonicalize(value: JsonValue): string {
  const out: string[] = [];
  write(value, out, '$');
  return out.join('');
}

export function canonicalBytes(value: JsonValue): Buffer {
  return Buffer.from(canonicalize(value), 'utf8');
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

function writeString(s: string, out: string[], path: string): void {
  if (LONE_SURROGATE.test(s)) throw new TypeError(`canonical JSON: lone surrogate in string at ${path}`);
  out.push(JSON.stringify(s));
}

function write(value: unknown, out: string[], path: string): void {
  if (value === null) {
    out.push('null');
  } else if (typeof value === 'boolean') {
    out.push(value ? 'true' : 'false');
  } else if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new TypeError(`canonical JSON: non-finite number at ${path}`);
    out.push(JSON.stringify(value));
  } else if (typeof value === 'string') {
    writeString(value, out, path);
  } else if (Array.isArray(value)) {
    out.push('[');
    value.forEach((item, i) => {
      if (i > 0) out.push(',');
      write(item, out, `${path}[${i}]`);
    });
    out.push(']');
  } else if (typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    // Default JS string comparison is by UTF-16 code units, which is what §3.2.3 asks.
    const keys = Object.keys(value).sort();
    out.push('{');
    keys.forEach((key, i) => {
      const member = (value as Record<string, unknown>)[key];
      if (member === undefined) throw new TypeError(`canonical JSON: undefined at ${path}.${key}`);
      if (i > 0) out.push(',');
      writeString(key, out, path);
      out.push(':');
      write(member, out, `${path}.${key}`);
    });
    out.push('}');
  } else {
    throw new TypeError(`canonical JSON: unsupported ${typeof value} at ${path}`);
  }
}
