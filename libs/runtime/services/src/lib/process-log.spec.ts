import { configureProcessLog, levelOf, processLog } from './process-log';

describe('processLog', () => {
  let out: string[];
  const lines = () => out.map((text) => JSON.parse(text) as Record<string, unknown>);
  beforeEach(() => {
    out = [];
    configureProcessLog({ level: 'info', name: 'api', sink: (text) => out.push(text) });
  });

  it('writes one JSON object per line with level, time, name, pid, component and the whole line as msg', () => {
    processLog('ingest: store write failed (503); spooling 5000 samples locally');
    processLog('Hourglass is "running"');
    expect(out.every((text) => text.endsWith('\n') && text.indexOf('\n') === text.length - 1)).toBe(
      true,
    );
    const [first, second] = lines();
    expect(first).toMatchObject({
      level: 'warn',
      name: 'api',
      pid: process.pid,
      component: 'ingest',
      msg: 'ingest: store write failed (503); spooling 5000 samples locally',
    });
    expect(first['time']).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    expect(second).toMatchObject({ level: 'info', msg: 'Hourglass is "running"' });
    expect(second).not.toHaveProperty('component');
  });

  it('keeps the fields a call site passes as JSON keys', () => {
    processLog('http: GET /api/assets 200 3.1ms', 'info', { status: 200, durationMs: 3.1 });
    expect(lines()[0]).toMatchObject({ component: 'http', status: 200, durationMs: 3.1 });
  });

  it('drops lines below the configured level', () => {
    configureProcessLog({ level: 'warn', sink: (text) => out.push(text) });
    processLog('http: GET /api/assets 200 3.1ms');
    processLog('debug detail', 'debug');
    processLog('broker: authentication backend failed (timeout); refusing d-1');
    expect(lines()).toEqual([expect.objectContaining({ level: 'warn' })]);
  });

  it('writes debug lines when the level is debug', () => {
    configureProcessLog({ level: 'debug', sink: (text) => out.push(text) });
    processLog('http: GET /health 200', 'debug');
    expect(lines()).toEqual([expect.objectContaining({ level: 'debug' })]);
  });

  it('never writes tokens, passwords or Authorization headers passed as fields', () => {
    processLog('http: request', 'info', {
      token: 'tok-1234567890',
      password: 'hunter2-secret',
      headers: { Authorization: 'Basic ZDE6cHc=', Cookie: 'sid=cookie-1', accept: 'text/html' },
      body: { name: 'amy', password: 'pw-in-body' },
    });
    const text = out.join('');
    for (const secret of ['tok-1234567890', 'hunter2-secret', 'ZDE6cHc=', 'cookie-1', 'pw-in-body'])
      expect(text).not.toContain(secret);
    expect(lines()[0]).toMatchObject({
      token: '[REDACTED]',
      headers: { Authorization: '[REDACTED]', Cookie: '[REDACTED]', accept: 'text/html' },
      body: { name: 'amy', password: '[REDACTED]' },
    });
  });

  it('writes URL passwords and bearer tokens in the line as [REDACTED]', () => {
    processLog(
      'store: postgres://hourglass:pg-pass-123@db:5432/hg unreachable; sent Bearer abc.def',
    );
    processLog('ingest: connected to mqtt://127.0.0.1:1883');
    const [first, second] = lines();
    expect(first['msg']).toBe(
      'store: postgres://hourglass:[REDACTED]@db:5432/hg unreachable; sent Bearer [REDACTED]',
    );
    expect(second['msg']).toBe('ingest: connected to mqtt://127.0.0.1:1883');
  });

  it('writes text as time, level, line and the fields when asked', () => {
    configureProcessLog({ level: 'debug', format: 'text', sink: (text) => out.push(text) });
    processLog('scoring: round done', 'debug');
    processLog('http: GET /api/assets 200', 'info', { status: 200, route: '/api/assets' });
    expect(out[0]).toMatch(/^\d{4}-\d\d-\d\dT[\d:.]+Z DEBUG scoring: round done\n$/);
    expect(out[1]).toMatch(
      / INFO {2}http: GET \/api\/assets 200 status=200 route=\/api\/assets\n$/,
    );
  });

  it('reads failures in the platform wording as warnings and failed starts as errors', () => {
    expect(levelOf('billing: round failed (connection refused)')).toBe('warn');
    expect(levelOf('audit: publish denied client=d-1')).toBe('warn');
    expect(levelOf('api failed to start: EADDRINUSE')).toBe('error');
    expect(levelOf('scoring: 20000 assets scored in 1.2 s')).toBe('info');
  });
});
