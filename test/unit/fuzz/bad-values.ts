/**
 * Generators of bad input for the fuzz suites: one broken field in an otherwise valid payload (or command line), and
 * the name the refusal must give. Values travel as JSON, so only JSON values are generated (no undefined inside
 * arrays, no bigint); a field left out is `MISSING`.
 */
import fc from 'fast-check';
import { LIMITS } from '../../../domain/limits';

export const MISSING = Symbol('missing');
export type Bad = unknown;

/** A field of a payload, where it is and how it can be wrong. */
export interface FieldSpec {
  path: (string | number)[];
  bad: fc.Arbitrary<Bad>;
  /** What the refusal must name; default the path joined with dots, as describeIssues prints it. */
  name?: string;
}

export interface BadPayload {
  payload: unknown;
  /** What the refusal must name. */
  field: string;
}

// Line breaks and tabs are allowed in free text, and trim() would remove them at the edges anyway.
const LINE_CHARS = new Set([0x09, 0x0a, 0x0d]);
const CONTROL_AND_BIDI = [
  ...Array.from({ length: 0x20 }, (_, i) => i),
  ...Array.from({ length: 0x21 }, (_, i) => 0x7f + i),
  0x200e,
  0x200f,
  0x202a,
  0x202b,
  0x202c,
  0x202d,
  0x202e,
  0x2066,
  0x2067,
  0x2068,
  0x2069,
];
/** A control or bidi character that the field kind refuses (free text keeps line breaks and tabs). */
export const forbiddenChar = (kind: 'text' | 'line'): fc.Arbitrary<string> =>
  fc.constantFrom(
    ...CONTROL_AND_BIDI.filter((c) => kind === 'line' || !LINE_CHARS.has(c)).map((c) => String.fromCodePoint(c)),
  );

/** `before<char>after`, the character inside, where trimming cannot remove it. */
export const withForbidden = (kind: 'text' | 'line', before = 'ok', after = 'ok'): fc.Arbitrary<string> =>
  fc
    .tuple(fc.stringMatching(/^[a-z]{1,8}$/), forbiddenChar(kind), fc.stringMatching(/^[a-z]{1,8}$/))
    .map(([a, c, b]) => `${before}${a}${c}${b}${after}`);

/** A string longer than `max` (sometimes far longer). */
export const oversized = (max: number, make: (n: number) => string = (n) => 'x'.repeat(n)): fc.Arbitrary<string> =>
  fc.oneof(fc.integer({ min: max + 1, max: max + 64 }), fc.integer({ min: max * 2, max: max * 50 })).map(make);

/** Whatever is not a string: numbers (huge ones too), booleans, null, arrays, objects. */
export const notAString: fc.Arbitrary<Bad> = fc.oneof(
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.constantFrom(1e308, -1e308, Number.MAX_SAFE_INTEGER + 2),
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.string({ maxLength: 4 }), { maxLength: 3 }),
  fc.dictionary(fc.stringMatching(/^[a-z]{1,5}$/), fc.string({ maxLength: 4 }), { maxKeys: 3 }),
);

export const notAnObject: fc.Arbitrary<Bad> = fc.oneof(
  fc.integer(),
  fc.boolean(),
  fc.constant(null),
  fc.string({ maxLength: 20 }),
  fc.array(fc.integer(), { maxLength: 3 }),
);

const blank = fc.constantFrom('', ' ', '\t', '\n', '   \r\n ');

export const badId: fc.Arbitrary<Bad> = fc.oneof(
  blank,
  notAString,
  withForbidden('line', 'id', 'x'),
  oversized(LIMITS.idMaxChars, (n) => 'a'.repeat(n)),
  fc.constantFrom(
    '..',
    'a..b',
    '../plan',
    'a/b',
    'a b',
    'a\\b',
    '"a"',
    "a'b",
    '.hidden',
    '_x',
    'é',
    'a;b',
    'a*',
    'x%00',
  ),
);

export const badEmail: fc.Arbitrary<Bad> = fc.oneof(
  blank,
  notAString,
  withForbidden('line', 'a', '@b.example.gov'),
  oversized(LIMITS.emailMaxChars, (n) => `${'a'.repeat(n)}@x.gov`),
  fc.constantFrom(
    'officer',
    'a@',
    '@b.gov',
    'a@@b.gov',
    'a b@c.gov',
    'a@b',
    'a@b..gov',
    '<a@b.gov>',
    'a@b.gov, c@d.gov',
  ),
);

/** Free text (summary, comment, reason): required, at most 4096, no control or bidi characters but line breaks. */
export const badText: fc.Arbitrary<Bad> = fc.oneof(
  blank,
  notAString,
  withForbidden('text'),
  oversized(LIMITS.textMaxChars),
);

/** A one-line name (directedBy): at most 128, no control characters at all. */
export const badName: fc.Arbitrary<Bad> = fc.oneof(
  blank,
  notAString,
  withForbidden('line'),
  oversized(LIMITS.nameMaxChars),
);

/** Not an ISO-8601 date-time with an offset. */
export const badInstant: fc.Arbitrary<Bad> = fc.oneof(
  notAString,
  blank,
  fc.constantFrom(
    '2017-10-13',
    '2017-10-13T17:00:00',
    '2017-02-30T10:00:00Z',
    '2017-13-01T00:00:00Z',
    '2017-10-13T25:00:00Z',
    '2017-10-13T17:00:00+25:00',
    '13/10/2017',
    'tomorrow',
    '1507928400000',
    '+275760-09-13T00:00:00Z',
  ),
  fc.stringMatching(/^[a-z ]{1,30}$/),
  fc
    .tuple(fc.integer({ min: 0, max: 9999 }), fc.integer({ min: 13, max: 99 }), fc.integer({ min: 1, max: 28 }))
    .map(([y, m, d]) => `${String(y).padStart(4, '0')}-${m}-${String(d).padStart(2, '0')}T00:00:00Z`),
);

/** Not a date (YYYY-MM-DD) or date-time with offset, by its shape. */
export const badDateShape: fc.Arbitrary<Bad> = fc.oneof(
  notAString,
  blank,
  fc.constantFrom('2017-10-13T17:00:00', '17-10-13', '2017/10/13', '13.10.2017', 'next week', '2017-1-5', '20171013'),
  fc.stringMatching(/^[a-z ]{1,30}$/),
);

export const badUri: fc.Arbitrary<Bad> = fc.oneof(
  notAString,
  blank,
  fc.constantFrom(
    'javascript:alert(1)',
    'file:///etc/passwd',
    'http://docs.example.gov/x',
    'data:text/html,<b>x</b>',
    'https://',
    'https:// space.example.gov',
    'docs.example.gov/x',
    'ftp://x.example.gov',
  ),
  oversized(LIMITS.uriMaxChars, (n) => `https://x.example.gov/${'a'.repeat(n)}`),
  withForbidden('line', 'https://x.example.gov/', ''),
);

/** Not a whole number of days within ±3650 other than 0. */
export const badDays: fc.Arbitrary<Bad> = fc.oneof(
  fc.constant(0),
  fc.integer({ min: LIMITS.extendByDaysMax + 1, max: 2 ** 40 }),
  fc.integer({ min: -(2 ** 40), max: -LIMITS.extendByDaysMax - 1 }),
  fc.double({ min: -3000, max: 3000, noNaN: true }).filter((d) => !Number.isInteger(d)),
  fc.constantFrom(1e308, -1e308, Number.MAX_SAFE_INTEGER + 2),
  fc.string({ maxLength: 6 }),
  fc.boolean(),
  fc.constant(null),
);

/** An enum value that is not one of `allowed`. */
export const notOneOf = (allowed: readonly string[]): fc.Arbitrary<Bad> =>
  fc.oneof(
    notAString,
    fc.string({ maxLength: 12 }).filter((s) => !allowed.includes(s)),
    fc.constantFrom(...allowed.map((a) => a.toUpperCase()), ...allowed.map((a) => ` ${a}x`)),
  );

/** A key the schema does not know, as a field name. */
export const unknownKey = (known: readonly string[]): fc.Arbitrary<string> =>
  fc.stringMatching(/^[a-zA-Z]{1,12}$/).filter((k) => !known.includes(k) && !['__proto__', 'constructor'].includes(k));

function setAt(target: unknown, path: (string | number)[], value: unknown): unknown {
  if (path.length === 0) return value;
  const [head, ...rest] = path;
  const container = (Array.isArray(target) ? [...(target as unknown[])] : { ...(target as object) }) as Record<
    string | number,
    unknown
  >;
  const next = setAt(container[head!], rest, value);
  if (next === MISSING) delete container[head!];
  else container[head!] = next;
  return container;
}

/**
 * One broken field of `base` per sample: a spec's bad value at its path, a required field left out, an unknown key,
 * or the whole payload not an object.
 */
export function badPayloads(
  base: Record<string, unknown>,
  fields: FieldSpec[],
  opts: { required: string[]; knownKeys: string[] },
): fc.Arbitrary<BadPayload> {
  const broken = fc
    .constantFrom(...fields)
    .chain((spec) =>
      spec.bad.map((value) => ({ payload: setAt(base, spec.path, value), field: spec.name ?? spec.path.join('.') })),
    );
  const missing = opts.required.map((key) => fc.constant({ payload: setAt(base, [key], MISSING), field: key }));
  const extra = unknownKey(opts.knownKeys).chain((key) =>
    fc.jsonValue().map((value) => ({ payload: { ...base, [key]: value }, field: key })),
  );
  const whole = notAnObject.map((payload) => ({ payload, field: 'payload' }));
  return fc.oneof({ arbitrary: broken, weight: 8 }, ...missing, extra, whole);
}

/** Every run of a fuzz property: at least the 1,000 bad inputs per message the issue asks for. */
export const RUNS = { numRuns: 1000 };
