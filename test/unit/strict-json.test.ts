import fc from 'fast-check';
import { parseStrictJson, type StrictJsonResult } from '../../src/core/strict-json';

const parse = (text: string, maxDepth?: number): StrictJsonResult => parseStrictJson(Buffer.from(text, 'utf8'), { maxDepth });

function refused(result: StrictJsonResult): { code: string; message: string; offset: number } {
  if (result.ok) throw new Error(`expected a refusal, got ${JSON.stringify(result.value)}`);
  return result;
}

describe('parseStrictJson: accepts RFC 8259 JSON', () => {
  it('parses what JSON.parse parses, to the same value', () => {
    fc.assert(
      fc.property(fc.json({ depthSize: 'small' }), (text) => {
        const result = parse(text);
        expect(result).toEqual({ ok: true, value: JSON.parse(text) });
      }),
      { numRuns: 300 },
    );
  });

  it('keeps a member named __proto__ as data, never as a prototype', () => {
    const result = parse('{"__proto__":{"polluted":true}}');
    if (!result.ok) throw new Error(result.message);
    const value = result.value as Record<string, unknown>;
    expect(Object.getPrototypeOf(value)).toBe(Object.prototype);
    expect(Object.keys(value)).toEqual(['__proto__']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('accepts surrogate pairs written as escapes', () => {
    expect(parse('"\\ud83d\\ude00"')).toEqual({ ok: true, value: '😀' });
  });

  it('accepts nesting up to the limit and refuses one more', () => {
    expect(parse(`${'['.repeat(64)}${']'.repeat(64)}`).ok).toBe(true);
    expect(refused(parse(`${'['.repeat(65)}${']'.repeat(65)}`)).code).toBe('JSON_TOO_DEEP');
    expect(refused(parse('[[[]]]', 2)).code).toBe('JSON_TOO_DEEP');
  });
});

describe('parseStrictJson: refuses hostile input with a code and a position', () => {
  it('refuses 100,000-deep nesting cleanly, without a stack overflow', () => {
    const arrays = refused(parse(`${'['.repeat(100_000)}${']'.repeat(100_000)}`));
    expect(arrays.code).toBe('JSON_TOO_DEEP');
    expect(arrays.offset).toBe(64);
    expect(refused(parse(`${'{"a":'.repeat(100_000)}1${'}'.repeat(100_000)}`)).code).toBe('JSON_TOO_DEEP');
  });

  it.each([
    ['a lone continuation byte', [0x22, 0x80, 0x22], 1],
    ['a byte that is never UTF-8', [0x22, 0x61, 0xff, 0x22], 2],
    ['an overlong encoding of "/"', [0x22, 0xc0, 0xaf, 0x22], 1],
    ['an encoded surrogate (CESU-8)', [0x22, 0xed, 0xa0, 0x80, 0x22], 2],
    ['a sequence cut short', [0x22, 0xe2, 0x82, 0x22], 3],
  ])('refuses invalid UTF-8: %s', (_what, bytes, offset) => {
    const result = refused(parseStrictJson(Uint8Array.from(bytes)));
    expect(result.code).toBe('JSON_INVALID_UTF8');
    expect(result.offset).toBe(offset);
    expect(result.message).toContain(`byte offset ${offset}`);
  });

  it('refuses a byte order mark', () => {
    expect(refused(parseStrictJson(Buffer.from('\ufeff{}', 'utf8'))).code).toBe('JSON_SYNTAX');
  });

  it.each([
    ['plain', '{"a":1,"a":2}'],
    ['spelled differently, same name', '{"a":1,"\\u0061":2}'],
    ['nested', '{"x":[{"k":true,"k":true}]}'],
    ['same value', '{"sha256":"00","sha256":"00"}'],
  ])('refuses duplicate member names (%s)', (_what, text) => {
    const result = refused(parse(text));
    expect(result.code).toBe('JSON_DUPLICATE_KEY');
  });

  it('names the line and column of the problem', () => {
    const result = refused(parse('{\n  "a": 1,\n  "a": 2\n}'));
    expect(result.message).toBe('duplicate member name "a" at byte offset 14 (line 3, column 3)');
  });

  it.each([
    ['1e400'],
    ['-1e400'],
    ['NaN'],
    ['Infinity'],
    ['"\\ud800"'],
    ['"\\udc00x"'],
    ['"tab\there"'],
    ['[1,]'],
    ['{"a":1,}'],
    ['01'],
    ['1.'],
    ['.5'],
    ['+1'],
    ["{'a':1}"],
    ['{"a" 1}'],
    ['[1] 2'],
    ['/* comment */ 1'],
    ['"\\x41"'],
    ['"\\u12g4"'],
    ['tru'],
    [''],
    ['   '],
  ])('refuses %j as JSON_SYNTAX', (text) => {
    expect(refused(parse(text)).code).toBe('JSON_SYNTAX');
  });

  it('refuses every truncation of a valid document', () => {
    const text = '{"schema":"x","list":[1,-2.5e3,true,false,null,{"k":"v\\n\\u00e9"}],"s":"é"}';
    expect(parse(text).ok).toBe(true);
    const bytes = Buffer.from(text, 'utf8');
    for (let n = 0; n < bytes.length; n += 1) {
      const result = refused(parseStrictJson(bytes.subarray(0, n)));
      expect(['JSON_SYNTAX', 'JSON_INVALID_UTF8']).toContain(result.code);
    }
  });

  it('never throws on arbitrary bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), (bytes) => {
        const result = parseStrictJson(bytes);
        if (!result.ok) expect(['JSON_SYNTAX', 'JSON_INVALID_UTF8', 'JSON_DUPLICATE_KEY', 'JSON_TOO_DEEP']).toContain(result.code);
      }),
      { numRuns: 1000 },
    );
  });

  it('never throws on mangled JSON text', () => {
    fc.assert(
      fc.property(fc.json(), fc.nat(), fc.string({ maxLength: 3 }), (text, at, insert) => {
        const i = at % (text.length + 1);
        const result = parse(text.slice(0, i) + insert + text.slice(i + 1));
        expect(typeof result.ok).toBe('boolean');
      }),
      { numRuns: 500 },
    );
  });
});
