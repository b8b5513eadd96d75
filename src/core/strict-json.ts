import type { JsonValue } from './canonical';

/**
 * A JSON parser for hostile input (RFC 8259 grammar, I-JSON RFC 7493 restrictions):
 * bytes in, a result out, never an exception. It refuses what JSON.parse lets through:
 * invalid UTF-8 and a BOM (RFC 8259 §8.1), duplicate member names (RFC 7493 §2.3, found before
 * anything is counted), numbers that are not finite (§2.2), lone surrogates (§2.1), and
 * nesting deeper than a limit, checked before descending so that depth never reaches the stack.
 */
export type StrictJsonCode = 'JSON_INVALID_UTF8' | 'JSON_SYNTAX' | 'JSON_DUPLICATE_KEY' | 'JSON_TOO_DEEP';

export type StrictJsonResult =
  | { ok: true; value: JsonValue }
  | { ok: false; code: StrictJsonCode; message: string; offset: number };

/** `maxDepth`: deepest nesting of arrays and objects accepted; the top-level container is depth 1. */
export type StrictJsonOptions = { maxDepth?: number };

export const DEFAULT_MAX_DEPTH = 64;
const MAX_TEXT_BYTES = 500 * 1024 * 1024;

class Refusal extends Error {
  constructor(readonly code: StrictJsonCode, readonly what: string, readonly index: number) {
    super(what);
  }
}

export function parseStrictJson(bytes: Uint8Array, options: StrictJsonOptions = {}): StrictJsonResult {
  const bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  if (bom) return { ok: false, code: 'JSON_SYNTAX', message: 'byte order mark at byte offset 0 (RFC 8259 §8.1 forbids it)', offset: 0 };
  // Beyond V8's longest string no decode can succeed: refuse by size, not as "invalid UTF-8".
  if (bytes.length > MAX_TEXT_BYTES) return { ok: false, code: 'JSON_SYNTAX', message: `input of ${bytes.length} bytes is too large to parse`, offset: 0 };
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    const offset = firstInvalidUtf8(bytes);
    return { ok: false, code: 'JSON_INVALID_UTF8', message: `invalid UTF-8 at byte offset ${offset}`, offset };
  }
  try {
    return { ok: true, value: new Parser(text, options.maxDepth ?? DEFAULT_MAX_DEPTH).document() };
  } catch (e) {
    // Only a Refusal is expected; anything else still becomes a result, never an exception.
    if (e instanceof Refusal) {
      const offset = Buffer.byteLength(text.slice(0, e.index), 'utf8');
      return { ok: false, code: e.code, message: `${e.what} at ${position(text, e.index, offset)}`, offset };
    }
    return { ok: false, code: 'JSON_SYNTAX', message: `unparseable input (${e instanceof Error ? e.name : 'error'})`, offset: 0 };
  }
}

function position(text: string, index: number, offset: number): string {
  let line = 1;
  for (let i = text.indexOf('\n'); i !== -1 && i < index; i = text.indexOf('\n', i + 1)) line += 1;
  const lineStart = index === 0 ? 0 : text.lastIndexOf('\n', index - 1) + 1;
  return `byte offset ${offset} (line ${line}, column ${index - lineStart + 1})`;
}

/** The longest prefix that decodes (an incomplete tail allowed) ends at the first bad byte. */
function firstInvalidUtf8(bytes: Uint8Array): number {
  for (let lo = 0, hi = bytes.length; ; ) {
    if (lo >= hi) return lo;
    const mid = Math.ceil((lo + hi) / 2);
    try {
      new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes.subarray(0, mid), { stream: true });
      lo = mid;
    } catch {
      hi = mid - 1;
    }
  }
}

const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const LITERALS = [['true', true], ['false', false], ['null', null]] as const;
const ESCAPES: Record<string, string> = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };

class Parser {
  private i = 0;
  constructor(private readonly s: string, private readonly maxDepth: number) {}

  document(): JsonValue {
    this.ws();
    const value = this.value(0);
    this.ws();
    if (this.i < this.s.length) throw new Refusal('JSON_SYNTAX', 'unexpected data after the JSON value', this.i);
    return value;
  }

  private ws(): void {
    for (let c = this.s.charCodeAt(this.i); c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09; c = this.s.charCodeAt(this.i)) this.i += 1;
  }

  private value(depth: number): JsonValue {
    const c = this.s[this.i];
    if (c === '{' || c === '[') {
      if (depth + 1 > this.maxDepth) throw new Refusal('JSON_TOO_DEEP', `nesting deeper than ${this.maxDepth}`, this.i);
      return c === '{' ? this.object(depth + 1) : this.array(depth + 1);
    }
    if (c === '"') return this.string();
    if (c === undefined) throw new Refusal('JSON_SYNTAX', 'unexpected end of input', this.i);
    const literal = LITERALS.find(([word]) => this.s.startsWith(word, this.i));
    if (literal === undefined) return this.number();
    this.i += literal[0].length;
    return literal[1];
  }

  private number(): number {
    NUMBER.lastIndex = this.i;
    const m = NUMBER.exec(this.s);
    if (m === null) throw new Refusal('JSON_SYNTAX', `unexpected character ${JSON.stringify(this.s[this.i])}`, this.i);
    const n = Number(m[0]);
    if (!Number.isFinite(n)) throw new Refusal('JSON_SYNTAX', `number ${m[0].slice(0, 40)} is not finite (RFC 7493 §2.2)`, this.i);
    this.i += m[0].length;
    return n;
  }

  private string(): string {
    const start = this.i;
    this.i += 1; // opening quote
    let out = '';
    let run = this.i;
    let sawU = false; // valid UTF-8 cannot carry a surrogate, so only a \u escape can make one
    for (;;) {
      const c = this.s.charCodeAt(this.i);
      if (Number.isNaN(c)) throw new Refusal('JSON_SYNTAX', 'unterminated string', start);
      if (c === 0x22) break;
      if (c < 0x20) throw new Refusal('JSON_SYNTAX', 'unescaped control character in string', this.i);
      if (c !== 0x5c) {
        this.i += 1;
        continue;
      }
      out += this.s.slice(run, this.i); // a run of plain characters, then one escape
      const e = this.s[this.i + 1];
      if (e === 'u') {
        const hex = this.s.slice(this.i + 2, this.i + 6);
        if (!/^[0-9a-fA-F]{4}$/.test(hex)) throw new Refusal('JSON_SYNTAX', 'bad \\u escape', this.i);
        out += String.fromCharCode(parseInt(hex, 16));
        sawU = true;
        this.i += 6;
      } else if (e !== undefined && e in ESCAPES) {
        out += ESCAPES[e];
        this.i += 2;
      } else {
        throw new Refusal('JSON_SYNTAX', 'bad escape in string', this.i);
      }
      run = this.i;
    }
    out += this.s.slice(run, this.i);
    this.i += 1; // closing quote
    if (sawU && LONE_SURROGATE.test(out)) throw new Refusal('JSON_SYNTAX', 'lone surrogate in string (RFC 7493 §2.1)', start);
    return out;
  }

  private expect(ch: string, what: string): void {
    this.ws();
    if (this.s[this.i] !== ch) throw new Refusal('JSON_SYNTAX', `expected ${what}`, this.i);
    this.i += 1;
  }

  /** The members of an array or object, after its opening bracket, through its closing one. */
  private members(close: string, member: () => void): void {
    this.i += 1;
    this.ws();
    if (this.s[this.i] !== close) {
      for (;;) {
        this.ws();
        member();
        this.ws();
        if (this.s[this.i] === close) break;
        this.expect(',', `',' or '${close}'`);
      }
    }
    this.i += 1;
  }

  private array(depth: number): JsonValue[] {
    const out: JsonValue[] = [];
    this.members(']', () => out.push(this.value(depth)));
    return out;
  }

  private object(depth: number): { [key: string]: JsonValue } {
    const out: { [key: string]: JsonValue } = {};
    this.members('}', () => {
      const at = this.i;
      if (this.s[this.i] !== '"') throw new Refusal('JSON_SYNTAX', 'expected a member name', this.i);
      const key = this.string();
      if (Object.prototype.hasOwnProperty.call(out, key)) {
        throw new Refusal('JSON_DUPLICATE_KEY', `duplicate member name ${JSON.stringify(key).slice(0, 80)}`, at);
      }
      this.expect(':', "':'");
      this.ws();
      // defineProperty: a member named "__proto__" stays data and never becomes a prototype.
      Object.defineProperty(out, key, { value: this.value(depth), enumerable: true, writable: true, configurable: true });
    });
    return out;
  }
}
