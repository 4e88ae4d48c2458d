import { scanJsonText } from './json-text-scan';

describe(scanJsonText.name, () => {
  it.each([
    ['flat object', '{"a":1}', 1],
    ['a batch of samples', '{"batch":[{"metrics":{"a":1}}]}', 4],
    ['brackets inside strings', '{"a":"[[[[{{{{"}', 1],
    ['escaped quotes inside strings', '{"a":"\\"[[[[","b":"\\\\"}', 1],
  ])('accepts %s at depth %d', (_case, text, depth) => {
    expect(scanJsonText(text, depth).tooDeep).toBe(false);
    expect(scanJsonText(text, depth - 1).tooDeep).toBe(true);
  });

  it('stops at the first level beyond the limit', () => {
    expect(scanJsonText('['.repeat(100_000), 16)).toEqual({
      tooDeep: true,
      unsafeIntegers: undefined,
    });
  });

  it('finds unsafe integer literals with the value JSON.parse will give them', () => {
    const { unsafeIntegers } = scanJsonText('[9007199254740993,-12345678901234567890,1]', 4);
    expect(unsafeIntegers).toEqual(
      new Map([
        [9007199254740992, '9007199254740993'],
        [-12345678901234567000, '-12345678901234567890'],
      ]),
    );
  });

  it.each([
    ['2^53 - 1', '9007199254740991'],
    ['-(2^53 - 1)', '-9007199254740991'],
    ['16 digits below the limit', '1000000000000000'],
    ['a negative 15-digit integer', '-123456789012345'],
    ['a fraction', '9007199254740993.5'],
    ['an exponent', '9007199254740993e0'],
    ['a negative exponent', '90071992547409930E-1'],
    ['digits in a string', '"9007199254740993"'],
    ['digits in a key', '{"9007199254740993":1}'],
  ])('does not flag %s', (_case, text) => {
    expect(scanJsonText(text, 4).unsafeIntegers).toBeUndefined();
  });

  it('survives malformed text', () => {
    expect(() => scanJsonText('{"a":"unterminated', 4)).not.toThrow();
    expect(() => scanJsonText(']]]]-', 4)).not.toThrow();
  });
});
