import { DEFAULT_BROKER_LIMITS } from './broker-limits';
import { IpConnectionGate } from './ip-connection-gate';

describe(IpConnectionGate.name, () => {
  let now = 0;
  const sut = (overrides = {}) =>
    new IpConnectionGate({ ...DEFAULT_BROKER_LIMITS, ...overrides }, ['127.0.0.1'], () => now);

  beforeEach(() => (now = 0));

  it('caps concurrent connections per IP and frees a slot on release', () => {
    const gate = sut({ maxConnectionsPerIp: 2 });
    expect([gate.admit('10.0.0.1'), gate.admit('10.0.0.1'), gate.admit('10.0.0.1')]).toEqual([
      null,
      null,
      'ip_connection_cap',
    ]);
    gate.release('10.0.0.1');
    expect(gate.admit('10.0.0.1')).toBeNull();
    expect(gate.admit('10.0.0.2')).toBeNull();
  });

  it('limits the connection rate per IP to its bucket', () => {
    const gate = sut({ connectionRatePerIp: 10, connectionBurstPerIp: 3 });
    const results = [1, 2, 3, 4].map(() => gate.admit('10.0.0.1'));
    expect(results).toEqual([null, null, null, 'ip_connection_rate']);
    now += 100;
    expect(gate.admit('10.0.0.1')).toBeNull();
  });

  it('blocks an IP after the allowed failed authentications, for the block time', () => {
    const gate = sut();
    for (let i = 0; i < 4; i++) expect(gate.authFailed('10.0.0.9')).toBe(false);
    expect(gate.authFailed('10.0.0.9')).toBe(true);
    expect(gate.admit('10.0.0.9')).toBe('auth_throttled');
    expect(gate.admit('10.0.0.8')).toBeNull();
    now += 60_001;
    expect(gate.admit('10.0.0.9')).toBeNull();
  });

  it('forgets failures older than the window', () => {
    const gate = sut();
    for (let i = 0; i < 4; i++) gate.authFailed('10.0.0.9');
    now += 61_000;
    expect(gate.authFailed('10.0.0.9')).toBe(false);
  });

  it('lets trusted addresses through and sweeps idle state', () => {
    const gate = sut({ maxConnectionsPerIp: 0 });
    expect(gate.admit('127.0.0.1')).toBeNull();
    expect(gate.admit('10.0.0.1')).toBe('ip_connection_cap');
    now += 3_600_000;
    gate.sweep();
    expect(gate.size).toBe(0);
  });
});
