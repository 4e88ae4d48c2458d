import { parseConformanceArgs } from './conformance-args';

describe(parseConformanceArgs.name, () => {
  it('asks for the usage on --help or -h, whatever else is given', () => {
    expect(parseConformanceArgs(['--help'])).toEqual({ help: true });
    expect(parseConformanceArgs(['--paho', 'p', '-h'])).toEqual({ help: true });
  });

  it('reads the suite folders, the brokers (both by default) and --broker-log', () => {
    expect(parseConformanceArgs(['--paho', 'p', '--mosquitto', 'm'])).toEqual({
      args: { paho: 'p', mosquitto: 'm', brokers: ['embedded', 'mosquitto'], brokerLog: false },
    });
    expect(
      parseConformanceArgs([
        '--paho',
        'p',
        '--mosquitto',
        'm',
        '--broker',
        'embedded',
        '--broker-log',
      ]),
    ).toEqual({ args: { paho: 'p', mosquitto: 'm', brokers: ['embedded'], brokerLog: true } });
  });

  it('calls unknown options, missing folders and unknown brokers usage errors', () => {
    const error = { error: expect.any(String) };
    expect(parseConformanceArgs(['--paho', 'p', '--mosquitto', 'm', '--fast'])).toEqual(error);
    expect(parseConformanceArgs(['--paho', 'p'])).toEqual({
      error: '--paho and --mosquitto are required',
    });
    expect(parseConformanceArgs(['--paho', 'p', '--mosquitto', 'm', '--broker', 'emqx'])).toEqual(
      error,
    );
  });
});
