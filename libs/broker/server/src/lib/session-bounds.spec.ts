import { RetainedQuota, SessionQueueBound, type SessionPersistence } from './session-bounds';

describe(RetainedQuota.name, () => {
  it('admits up to the quota of distinct topics per device; clearing frees a slot', () => {
    const sut = new RetainedQuota(2);
    expect(sut.admit('a', 'devices/a/1', false)).toBe(true);
    expect(sut.admit('a', 'devices/a/2', false)).toBe(true);
    expect(sut.admit('a', 'devices/a/1', false)).toBe(true); // same topic again
    expect(sut.admit('a', 'devices/a/3', false)).toBe(false);
    expect(sut.admit('b', 'devices/b/1', false)).toBe(true);
    expect(sut.admit('a', 'devices/a/1', true)).toBe(true);
    expect(sut.admit('a', 'devices/a/3', false)).toBe(true);
    expect(sut.size).toBe(3);
  });
});

describe(SessionQueueBound.name, () => {
  function fakePersistence() {
    const queued: string[] = [];
    const persistence: SessionPersistence = {
      outgoingEnqueue: async (sub) => void queued.push(sub.clientId),
      outgoingEnqueueCombi: async (subs) => void queued.push(...subs.map((s) => s.clientId)),
      outgoingClearMessageId: async (client) => {
        const i = queued.indexOf(client.id);
        return i >= 0 ? queued.splice(i, 1) : undefined;
      },
      cleanSubscriptions: async (client) =>
        void queued.splice(0, queued.length, ...queued.filter((id) => id !== client.id)),
    };
    return { persistence, queued };
  }

  it('drops messages for a session at its cap and counts them, others unaffected', async () => {
    const { persistence, queued } = fakePersistence();
    const dropped: string[] = [];
    const sut = new SessionQueueBound(2, (id) => dropped.push(id));
    sut.install(persistence);
    for (let i = 0; i < 4; i++)
      await persistence.outgoingEnqueueCombi([{ clientId: 'slow' }, { clientId: 'fast' }], {});
    await persistence.outgoingClearMessageId({ id: 'fast' }, {});
    await persistence.outgoingEnqueue({ clientId: 'fast' }, {});
    expect(queued.filter((id) => id === 'slow')).toHaveLength(2);
    expect(dropped).toEqual(['slow', 'fast', 'slow', 'fast']);
    expect(sut.size).toBe(4);
    await persistence.cleanSubscriptions({ id: 'slow' });
    expect(sut.size).toBe(2);
  });

  it('never bounds a connected client (aedes enqueues before it delivers), and restarts the count on reconnect', async () => {
    const { persistence, queued } = fakePersistence();
    const connected = new Set(['live']);
    const sut = new SessionQueueBound(
      1,
      () => undefined,
      (id) => connected.has(id),
    );
    sut.install(persistence);
    for (let i = 0; i < 3; i++)
      await persistence.outgoingEnqueueCombi([{ clientId: 'live' }, { clientId: 'away' }], {});
    expect(queued.filter((id) => id === 'live')).toHaveLength(3);
    expect(queued.filter((id) => id === 'away')).toHaveLength(1);
    sut.connected('away');
    await persistence.outgoingEnqueue({ clientId: 'away' }, {});
    expect(queued.filter((id) => id === 'away')).toHaveLength(2);
  });

  it('never bounds an exempted session (the platform ingest), even while it is away', async () => {
    const { persistence, queued } = fakePersistence();
    const dropped: string[] = [];
    const sut = new SessionQueueBound(1, (id) => dropped.push(id));
    sut.install(persistence);
    sut.exempt('svc-ingest');
    for (let i = 0; i < 5; i++)
      await persistence.outgoingEnqueueCombi(
        [{ clientId: 'svc-ingest' }, { clientId: 'device-sub' }],
        {},
      );
    expect(queued.filter((id) => id === 'svc-ingest')).toHaveLength(5);
    expect(dropped).toEqual(['device-sub', 'device-sub', 'device-sub', 'device-sub']);
  });
});
