import { ServiceReadiness } from './probe.server';

describe(ServiceReadiness.name, () => {
  it('is not ready while a declared part is starting, ready once every part is', () => {
    const sut = new ServiceReadiness(['broker']);
    expect(sut.status()).toEqual({ ready: false, notReady: { broker: 'starting' } });
    sut.set('broker', true);
    expect(sut.status()).toEqual({ ready: true, notReady: {} });
  });

  it('names a part that is not ready and why', () => {
    const sut = new ServiceReadiness();
    sut.set('ingest', 'disconnected from mqtt://b:1883');
    expect(sut.status().notReady).toEqual({ ingest: 'disconnected from mqtt://b:1883' });
  });

  it('stays not ready once draining, whatever the parts say', () => {
    const sut = new ServiceReadiness(['broker']);
    sut.set('broker', true);
    sut.drain();
    sut.set('broker', true);
    expect(sut.status().ready).toBe(false);
    expect(sut.status().notReady['process']).toMatch(/^draining since /);
  });
});
