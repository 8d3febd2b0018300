import { canonicalJson } from '../../../record/canonical-json';

// The examples of RFC 8785 (JSON Canonicalization Scheme), sections 3.2.2 and 3.2.3 and appendix B.
describe('canonical JSON follows RFC 8785', () => {
  test("the RFC's serialisation example: numbers, strings and literals", () => {
    const input = JSON.parse(
      '{"numbers": [333333333.33333329, 1E30, 4.50, 2e-3, 0.000000000000000000000000001],' +
        ' "string": "\\u20ac$\\u000F\\u000aA\'\\u0042\\u0022\\u005c\\\\\\"\\/", "literals": [null, true, false]}',
    ) as unknown;
    expect(canonicalJson(input)).toBe(
      '{"literals":[null,true,false],"numbers":[333333333.3333333,1e+30,4.5,0.002,1e-27],' +
        '"string":"€$\\u000f\\nA\'B\\"\\\\\\\\\\"/"}',
    );
  });

  test("members are sorted by the UTF-16 code units of their names (the RFC's sorting example)", () => {
    const input = {
      '\u20ac': 'Euro Sign',
      '\r': 'Carriage Return',
      '\ufb33': 'Hebrew Letter Dalet With Dagesh',
      '1': 'One',
      '\ud83d\ude00': 'Emoji: Grinning Face',
      '\u0080': 'Control',
      '\u00f6': 'Latin Small Letter O With Diaeresis',
    };
    expect(canonicalJson(input)).toBe(
      '{"\\r":"Carriage Return","1":"One","\u0080":"Control","\u00f6":"Latin Small Letter O With Diaeresis",' +
        '"\u20ac":"Euro Sign","\ud83d\ude00":"Emoji: Grinning Face","\ufb33":"Hebrew Letter Dalet With Dagesh"}',
    );
  });

  test.each([
    [0, '0'],
    [-0, '0'],
    [5e-324, '5e-324'],
    [1.7976931348623157e308, '1.7976931348623157e+308'],
    [9007199254740992, '9007199254740992'],
    [-9007199254740992, '-9007199254740992'],
    [295147905179352830000, '295147905179352830000'],
    [1e21, '1e+21'],
    [1e-7, '1e-7'],
    [0.000001, '0.000001'],
    [333333333.3333332, '333333333.3333332'],
  ])('the number %p is written %s (appendix B)', (n, text) => {
    expect(canonicalJson(n)).toBe(text);
  });

  test('nested objects are sorted at every level, without whitespace; undefined members are left out', () => {
    expect(canonicalJson({ b: [{ z: 1, a: undefined, m: { y: true, x: null } }], a: 'x' })).toBe(
      '{"a":"x","b":[{"m":{"x":null,"y":true},"z":1}]}',
    );
  });

  test('a number JSON cannot hold is refused', () => {
    expect(() => canonicalJson({ n: Number.NaN })).toThrow(/no form for the number NaN/);
    expect(() => canonicalJson(Infinity)).toThrow(/Infinity/);
  });
});
