import { configureProcessLog, levelOf, processLog } from './process-log';

describe('processLog', () => {
  let out: string[];
  beforeEach(() => {
    out = [];
    configureProcessLog('info', 'json', (text) => out.push(text));
  });

  it('writes one JSON object per line with time, level, component and the whole line as msg', () => {
    processLog('ingest: store write failed (503); spooling 5000 samples locally');
    processLog('Hourglass is "running"');
    const [first, second] = out.map((text) => JSON.parse(text) as Record<string, string>);
    expect(out.every((text) => text.endsWith('\n') && text.indexOf('\n') === text.length - 1)).toBe(
      true,
    );
    expect(first).toMatchObject({
      level: 'warn',
      component: 'ingest',
      msg: 'ingest: store write failed (503); spooling 5000 samples locally',
    });
    expect(Number.isNaN(Date.parse(first.time))).toBe(false);
    expect(second).toEqual({ time: second.time, level: 'info', msg: 'Hourglass is "running"' });
  });

  it('drops lines below the configured level', () => {
    configureProcessLog('warn', 'json', (text) => out.push(text));
    processLog('http: GET /api/assets 200 3.1ms');
    processLog('debug detail', 'debug');
    processLog('broker: authentication backend failed (timeout); refusing d-1');
    expect(out).toHaveLength(1);
    expect(out[0]).toContain('"level":"warn"');
  });

  it('writes text as time, level and line when asked', () => {
    configureProcessLog('debug', 'text', (text) => out.push(text));
    processLog('scoring: round done', 'debug');
    expect(out[0]).toMatch(/^\d{4}-\d\d-\d\dT[\d:.]+Z DEBUG scoring: round done\n$/);
  });

  it('reads failures in the platform wording as warnings and failed starts as errors', () => {
    expect(levelOf('billing: round failed (connection refused)')).toBe('warn');
    expect(levelOf('audit: publish denied client=d-1')).toBe('warn');
    expect(levelOf('api failed to start: EADDRINUSE')).toBe('error');
    expect(levelOf('scoring: 20000 assets scored in 1.2 s')).toBe('info');
  });
});
