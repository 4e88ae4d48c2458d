import { MqttAccessPolicy } from './mqtt-access.policy';

describe(MqttAccessPolicy.name, () => {
  it('fails closed when the registry does not answer: the promise rejects, nobody is admitted', async () => {
    const sut = new MqttAccessPolicy(
      { authenticate: () => Promise.reject(new Error('connection refused')) },
      [],
    );
    await expect(
      sut.authenticate({ clientId: 'engine-1', username: 'engine-1', password: 'pw' }),
    ).rejects.toThrow('connection refused');
  });

  it('admits a device only under its own id as client id', async () => {
    const sut = new MqttAccessPolicy(
      { authenticate: async () => ({ deviceId: 'engine-1', tenantId: 't' }) },
      [],
    );
    expect(
      await sut.authenticate({ clientId: 'engine-2', username: 'engine-1', password: 'pw' }),
    ).toEqual({
      allowed: false,
      reason: 'client_id_mismatch',
    });
  });
});
