import fc from 'fast-check';
import { canonicalize, type JsonValue } from '../../src/core/canonical';
import { parseCanonicalJson } from '../../src/core/canonical-parse';
import { parseStrictJson } from '../../src/core/strict-json';

const bytes = (s: string): Buffer => Buffer.from(s, 'utf8');

describe('parseCanonicalJson: the fast path gives exactly what strict parsing and a canonical check give', () => {
  it.each([
    ['canonical object', '{"a":1,"b":[true,null,"x"]}', true],
    ['not canonical (key order)', '{"b":1,"a":2}', false],
    ['not canonical (whitespace)', '{"a": 1}', false],
    ['not canonical (number form)', '{"a":1.0}', false],
    ['a member named __proto__ stays data', '{"__proto__":{"x":1}}', true],
  ])('%s', (_name, text, canonical) => {
    const r = parseCanonicalJson(bytes(text));
    expect(r).toMatchObject({ ok: true, canonical });
    const strict = parseStrictJson(bytes(text));
    expect(strict.ok && r.ok && canonicalize(strict.value) === canonicalize(r.value)).toBe(true);
  });

  it.each([
    ['duplicate key', '{"a":1,"a":1}', 'JSON_DUPLICATE_KEY'],
    ['invalid UTF-8', Buffer.from([0x7b, 0x22, 0xff, 0x22, 0x3a, 0x31, 0x7d]), 'JSON_INVALID_UTF8'],
    ['byte order mark', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), bytes('{}')]), 'JSON_SYNTAX'],
    ['truncated', '{"a":[1,2', 'JSON_SYNTAX'],
    ['100,000 deep', '['.repeat(100_000) + ']'.repeat(100_000), 'JSON_TOO_DEEP'],
    ['lone surrogate', '{"a":"\\ud800"}', 'JSON_SYNTAX'],
  ])('refuses %s with the strict parser\'s code', (_name, input, code) => {
    const b = typeof input === 'string' ? bytes(input) : input;
    const r = parseCanonicalJson(b);
    const strict = parseStrictJson(b);
    expect(r.ok).toBe(false);
    expect(strict.ok).toBe(false);
    if (!r.ok && !strict.ok) expect(r.code).toBe(strict.code);
    if (!r.ok) expect([code, 'JSON_SYNTAX']).toContain(r.code);
  });

  it('agrees with strict parsing plus a canonical check on any JSON value and its canonical text', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (v) => {
        const text = canonicalize(JSON.parse(JSON.stringify(v)) as JsonValue);
        const r = parseCanonicalJson(bytes(text));
        return r.ok && r.canonical && canonicalize(r.value) === text;
      }),
      { numRuns: 300 },
    );
  });
});
