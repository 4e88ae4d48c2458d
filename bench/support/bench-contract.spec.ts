import { BenchArgs, BenchUsageError, benchUsage, type BenchOptions } from './bench-contract';

const OPTIONS: BenchOptions = {
  assets: 'assets scored each round (default 20,000)',
  'cpu-prof': 'profile the process',
};

describe(BenchArgs.name, () => {
  it('accepts the flags a bench declares', () => {
    const sut = BenchArgs.parse(['--assets', '200', '--cpu-prof']);
    expect(() => sut.checkAgainst(OPTIONS)).not.toThrow();
    expect(sut.number('assets', 20_000)).toBe(200);
    expect(sut.boolean('cpu-prof')).toBe(true);
  });

  it('refuses every undeclared flag as a usage error, naming each', () => {
    const sut = BenchArgs.parse(['--asets', '200', '--seconds=5']);
    expect(() => sut.checkAgainst(OPTIONS)).toThrow(
      new BenchUsageError('unknown option --asets, --seconds'),
    );
  });

  it('reports positional arguments and malformed numbers as usage errors', () => {
    expect(() => BenchArgs.parse(['200'])).toThrow(BenchUsageError);
    expect(() => BenchArgs.parse(['--assets', 'many']).number('assets', 1)).toThrow(
      BenchUsageError,
    );
  });
});

describe(benchUsage.name, () => {
  it('lists every flag of the bench with what it sets', () => {
    expect(benchUsage('scoring', 'continuous scoring end to end', OPTIONS)).toBe(
      [
        'usage: npm run bench -- scoring [--flags]',
        'continuous scoring end to end',
        'flags:',
        '  --assets     assets scored each round (default 20,000)',
        '  --cpu-prof   profile the process',
        '(details: bench/README.md)',
        '',
      ].join('\n'),
    );
  });
});
