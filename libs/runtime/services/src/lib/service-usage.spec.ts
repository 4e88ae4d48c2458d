import { commandArguments, serviceArguments } from './service-usage';

describe(serviceArguments.name, () => {
  let out: string[];
  let err: string[];
  const io = { stdout: (text: string) => out.push(text), stderr: (text: string) => err.push(text) };
  beforeEach(() => {
    out = [];
    err = [];
  });

  it('lets the process start when it is given no arguments', () => {
    expect(serviceArguments('api', [], io)).toBeNull();
    expect([out, err]).toEqual([[], []]);
  });

  it('answers --help and -h with the usage on stdout and exit 0', () => {
    for (const flag of ['--help', '-h']) {
      out = [];
      expect(serviceArguments('ingest', [flag], io)).toBe(0);
      expect(out.join('')).toMatch(/^usage: ingest \[--help\]\n[\s\S]*HG_\* variables[\s\S]*\.env/);
    }
    expect(err).toEqual([]);
  });

  it('refuses any other argument with the usage on stderr and exit 2', () => {
    expect(serviceArguments('broker', ['--port', '1883'], io)).toBe(2);
    expect(out).toEqual([]);
    expect(err.join('')).toMatch(/^broker: unexpected argument "--port"\nusage: broker \[--help\]/);
  });
});

describe(commandArguments.name, () => {
  it('lets the allowed flags through and refuses others', () => {
    const err: string[] = [];
    const io = { stdout: () => undefined, stderr: (text: string) => err.push(text) };
    expect(
      commandArguments('console:build', 'usage: x\n', ['--if-stale'], io, ['--if-stale']),
    ).toBe(null);
    expect(commandArguments('console:build', 'usage: x\n', ['--force'], io, ['--if-stale'])).toBe(
      2,
    );
    expect(err).toEqual(['console:build: unexpected argument "--force"\nusage: x\n']);
  });
});
