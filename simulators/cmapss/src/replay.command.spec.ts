import { parseReplayArgs, runReplayCommand } from './replay.command';
import { SimulatorError } from './simulator-error';

describe(parseReplayArgs.name, () => {
  it('applies the documented defaults and reads the token from HG_ADMIN_TOKEN', () => {
    expect(parseReplayArgs(['--file', 'x.txt'], { HG_ADMIN_TOKEN: 'env-token' })).toEqual({
      file: 'x.txt',
      prefix: 'engine-',
      speed: 10,
      apiUrl: 'http://127.0.0.1:8080',
      mqttUrl: 'mqtt://127.0.0.1:1883',
      token: 'env-token',
    });
  });

  it('takes every option from the command line, --token over the environment', () => {
    const argv = [
      '--file',
      'f',
      '--prefix',
      'e',
      '--speed',
      '250',
      '--url',
      'http://h:1',
      '--mqtt',
      'mqtt://h:2',
      '--token',
      't',
    ];

    expect(parseReplayArgs(argv, { HG_ADMIN_TOKEN: 'env' })).toEqual({
      file: 'f',
      prefix: 'e',
      speed: 250,
      apiUrl: 'http://h:1',
      mqttUrl: 'mqtt://h:2',
      token: 't',
    });
  });

  it('answers help', () => {
    expect(parseReplayArgs(['-h'], {})).toBe('help');
  });

  it.each([
    [['--token', 't'], /--file is required/],
    [['--file', 'f'], /no API token: pass --token or set HG_ADMIN_TOKEN/],
    [['--file', 'f', '--token', 't', '--speed', '0'], /--speed must be a positive number/],
    [
      ['--file', 'f', '--token', 't', '--speed', 'fast'],
      /--speed must be a positive number, got "fast"/,
    ],
    [['--file', 'f', '--token', 't', '--url', 'localhost:8080'], /--url must use http: or https:/],
    [['--file', 'f', '--token', 't', '--mqtt', 'nope'], /--mqtt is not a URL/],
    [['--file', 'f', '--token', 't', '--bogus'], /Unknown option '--bogus'/],
  ])('rejects %j', (argv, message) => {
    const parse = () => parseReplayArgs(argv, {});

    expect(parse).toThrow(SimulatorError);
    expect(parse).toThrow(message);
  });
});

describe(runReplayCommand.name, () => {
  it('exits 2 with the usage on bad arguments', async () => {
    const stderr: string[] = [];

    const code = await runReplayCommand(
      ['--prefix', 'x-'],
      {},
      { stdout: () => undefined, stderr: (l) => stderr.push(l) },
    );

    expect(code).toBe(2);
    expect(stderr[0]).toBe('cmapss: --file is required');
    expect(stderr[1]).toMatch(/^usage: npm run simulate -- cmapss --file PATH/);
  });

  it('exits 1 naming the file when it cannot be read', async () => {
    const stderr: string[] = [];

    const code = await runReplayCommand(
      ['--file', '/nonexistent/train.txt', '--token', 't'],
      {},
      {
        stdout: () => undefined,
        stderr: (l) => stderr.push(l),
      },
    );

    expect(code).toBe(1);
    expect(stderr).toEqual([
      expect.stringMatching(/^cmapss: cannot read \/nonexistent\/train.txt: ENOENT/),
    ]);
  });
});
