import fc from 'fast-check';
import { canonicalize, type JsonValue } from '../../src/core/canonical';
import { parseStrictJson } from '../../src/core/strict-json';

function fromHex(bits: string): number {
  const view = new DataView(new ArrayBuffer(8));
  view.setBigUint64(0, BigInt(`0x${bits}`));
  return view.getFloat64(0);
}

function parsed(text: string): JsonValue {
  const result = parseStrictJson(Buffer.from(text, 'utf8'));
  if (!result.ok) throw new Error(result.message);
  return result.value;
}

describe('canonicalize (RFC 8785)', () => {
  // RFC 8785 Appendix B, number serialization samples (IEEE 754 bits → JCS text).
  it.each([
    ['0000000000000000', '0'],
    ['8000000000000000', '0'],
    ['0000000000000001', '5e-324'],
    ['8000000000000001', '-5e-324'],
    ['7fefffffffffffff', '1.7976931348623157e+308'],
    ['ffefffffffffffff', '-1.7976931348623157e+308'],
    ['4340000000000000', '9007199254740992'],
    ['c340000000000000', '-9007199254740992'],
    ['4430000000000000', '295147905179352830000'],
    ['44b52d02c7e14af5', '9.999999999999997e+22'],
    ['44b52d02c7e14af6', '1e+23'],
    ['44b52d02c7e14af7', '1.0000000000000001e+23'],
    ['444b1ae4d6e2ef4e', '999999999999999700000'],
    ['444b1ae4d6e2ef4f', '999999999999999900000'],
    ['444b1ae4d6e2ef50', '1e+21'],
    ['3eb0c6f7a0b5ed8c', '9.999999999999997e-7'],
    ['3eb0c6f7a0b5ed8d', '0.000001'],
    ['41b3de4355555553', '333333333.3333332'],
    ['41b3de4355555554', '333333333.33333325'],
    ['41b3de4355555555', '333333333.3333333'],
    ['41b3de4355555556', '333333333.3333334'],
    ['41b3de4355555557', '333333333.33333343'],
    ['becbf647612f3696', '-0.0000033333333333333333'],
    ['43143ff3c1cb0959', '1424953923781206.2'],
  ])('serializes the number with bits %s as %s (Appendix B)', (bits, expected) => {
    expect(canonicalize(fromHex(bits))).toBe(expected);
  });

  it('refuses numbers that are not finite (Appendix B: NaN, Infinity)', () => {
    expect(() => canonicalize(fromHex('7fffffffffffffff'))).toThrow(TypeError);
    expect(() => canonicalize(fromHex('7ff0000000000000'))).toThrow(TypeError);
  });

  it('reproduces the §3.2.2 example (numbers, string escaping, literals, key order)', () => {
    const input = `{
      "numbers": [333333333.33333329, 1E30, 4.50, 2e-3, 0.000000000000000000000000001],
      "string": "\\u20ac$\\u000F\\u000aA'\\u0042\\u0022\\u005c\\\\\\"\\/",
      "literals": [null, true, false]
    }`;
    expect(canonicalize(parsed(input))).toBe(
      '{"literals":[null,true,false],"numbers":[333333333.3333333,1e+30,4.5,0.002,1e-27],"string":"€$\\u000f\\nA\'B\\"\\\\\\\\\\"/"}',
    );
  });

  it('sorts member names by UTF-16 code units (the §3.2.3 example)', () => {
    const input = {
      '\u20ac': 'Euro Sign',
      '\r': 'Carriage Return',
      '\ufb33': 'Hebrew Letter Dalet With Dagesh',
      '1': 'One',
      '\ud83d\ude00': 'Emoji: Grinning Face',
      '\u0080': 'Control',
      '\u00f6': 'Latin Small Letter O With Diaeresis',
    };
    // Names in the canonical text, in order (Object.keys would list "1" first, as JS does).
    const names = [...canonicalize(input).matchAll(/"((?:[^"\\]|\\.)*)":/g)].map((m) => JSON.parse(`"${m[1] ?? ''}"`) as string);
    // U+1F600 (surrogates D83D DE00) sorts before U+FB33: code units, not code points.
    expect(names).toEqual(['\r', '1', '\u0080', '\u00f6', '\u20ac', '\ud83d\ude00', '\ufb33']);
  });

  it('refuses lone surrogates, in values and in names', () => {
    expect(() => canonicalize('\ud800')).toThrow(TypeError);
    expect(() => canonicalize({ '\udc00': 1 })).toThrow(TypeError);
  });

  it('gives the same form whatever the member order (property)', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.integer(), (value, seed) => {
        expect(canonicalize(reorder(value as JsonValue, seed))).toBe(canonicalize(value as JsonValue));
      }),
      { numRuns: 300 },
    );
  });

  it('round-trips: parsing the canonical form and canonicalizing again is the identity (property)', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const text = canonicalize(value as JsonValue);
        expect(canonicalize(parsed(text))).toBe(text);
        expect(parsed(text)).toEqual(JSON.parse(text));
      }),
      { numRuns: 300 },
    );
  });
});

/** The same value with every object's members inserted in a seed-dependent order. */
function reorder(value: JsonValue, seed: number): JsonValue {
  if (Array.isArray(value)) return value.map((v, i) => reorder(v, seed + i));
  if (value === null || typeof value !== 'object') return value;
  const keys = Object.keys(value);
  const shuffled = keys.map((k, i) => ({ k, w: Math.sin(seed * 31 + i * 17) })).sort((a, b) => a.w - b.w);
  const out: { [key: string]: JsonValue } = {};
  for (const { k } of shuffled) {
    Object.defineProperty(out, k, { value: reorder(value[k] as JsonValue, seed + 1), enumerable: true, writable: true, configurable: true });
  }
  return out;
}
