import {
  DeviceCredentialEvents,
  DeviceCredentialWatcher,
  type DeviceCredentialChange,
} from './device-credential-events';

describe(DeviceCredentialWatcher.name, () => {
  it('emits each change once and moves its watermark past it', async () => {
    const events = new DeviceCredentialEvents();
    const seen: DeviceCredentialChange[] = [];
    events.onChange((c) => seen.push(c));
    const later = new Date(Date.now() + 1_000);
    const asked: Date[] = [];
    const sut = new DeviceCredentialWatcher(
      {
        credentialChangesSince: async (since) => (
          asked.push(since),
          since < later ? [{ deviceId: 'd1', kind: 'revoked', at: later }] : []
        ),
      },
      events,
      { intervalMs: 60_000 },
    );
    await sut.poll();
    await sut.poll();
    sut.stop();
    expect(seen).toEqual([{ deviceId: 'd1', kind: 'revoked', at: later }]);
    expect(asked[1]).toEqual(later);
  });

  it('logs a failing database and keeps going', async () => {
    const lines: string[] = [];
    const sut = new DeviceCredentialWatcher(
      { credentialChangesSince: async () => Promise.reject(new Error('connection refused')) },
      new DeviceCredentialEvents(),
      { intervalMs: 60_000, log: (l) => lines.push(l) },
    );
    await sut.poll();
    sut.stop();
    expect(lines).toEqual(['devices: credential watch failed (connection refused); retrying']);
  });
});

describe(DeviceCredentialEvents.name, () => {
  it('a throwing listener does not stop the others; unsubscribe works', () => {
    const sut = new DeviceCredentialEvents();
    const seen: string[] = [];
    sut.onChange(() => {
      throw new Error('boom');
    });
    const off = sut.onChange((c) => seen.push(c.deviceId));
    sut.emit({ deviceId: 'a', kind: 'revoked', at: new Date() });
    off();
    sut.emit({ deviceId: 'b', kind: 'revoked', at: new Date() });
    expect(seen).toEqual(['a']);
  });
});
