import { answerHelp, helpRequested } from './cli-usage';

describe('answerHelp', () => {
  it('prints the usage and says so when --help or -h is among the arguments', () => {
    const out: string[] = [];
    expect(
      answerHelp(['--out', 'x', '--help'], 'usage: cmd', { write: (t: string) => out.push(t) }),
    ).toBe(true);
    expect(out).toEqual(['usage: cmd\n']);
    expect(helpRequested(['-h'])).toBe(true);
  });

  it('does nothing otherwise', () => {
    const out: string[] = [];
    expect(answerHelp(['--out', 'x'], 'usage: cmd', { write: (t: string) => out.push(t) })).toBe(
      false,
    );
    expect(out).toEqual([]);
  });
});
