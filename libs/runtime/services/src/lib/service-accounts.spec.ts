import { serviceAccounts } from './broker.runner';
import { serviceSecrets } from './service-accounts';

describe(serviceSecrets.name, () => {
  it('gives each service account its own secret, none of them the master', () => {
    const sut = serviceAccounts(serviceSecrets('master-secret'));
    const passwords = sut.map((account) => account.password);
    expect(sut.map((account) => account.name)).toEqual(['svc-ingest', 'svc-alerts']);
    expect(new Set(passwords).size).toBe(2);
    expect(passwords).not.toContain('master-secret');
  });

  it('derives the same secrets from the same master (processes apart agree) and others from another', () => {
    expect(serviceSecrets('m1')('svc-ingest')).toBe(serviceSecrets('m1')('svc-ingest'));
    expect(serviceSecrets('m1')('svc-ingest')).not.toBe(serviceSecrets('m2')('svc-ingest'));
  });
});
