import { certifiedAt, chooseAssignee } from './assignment.rule';
import type { Partner } from './service-network.types';

const partner = (id: string, over: Partial<Partner> = {}): Partner => ({
  id,
  name: id,
  regions: ['north'],
  skills: ['turbofan'],
  certifiedFrom: '2026-01-01T00:00:00Z',
  certifiedTo: '2026-12-31T00:00:00Z',
  ...over,
});
const request = {
  region: 'north',
  assetType: 'turbofan',
  component: 'hpc-module',
  plannedAt: Date.parse('2026-06-01T00:00:00Z'),
};

describe(chooseAssignee.name, () => {
  it('picks the qualifying partner with the fewest current orders, ties by id', () => {
    const sut = chooseAssignee(
      request,
      [partner('b'), partner('a'), partner('c')],
      new Map([['a', 2]]),
    );
    expect(sut.partnerId).toBe('b');
  });

  it('leaves out a partner of another region, without the skill, or certified only before the planned date', () => {
    const partners = [
      partner('south', { regions: ['south'] }),
      partner('pumps', { skills: ['pump'] }),
      partner('expired', { certifiedTo: '2026-05-31T23:59:59Z' }),
      partner('component', { skills: ['turbofan/hpc-module'] }),
    ];
    expect(chooseAssignee(request, partners, new Map()).partnerId).toBe('component');
  });

  it('keeps the order with the own team when no partner qualifies, saying why', () => {
    const sut = chooseAssignee(
      request,
      [partner('expired', { certifiedFrom: '2026-07-01T00:00:00Z' })],
      new Map(),
    );
    expect(sut).toEqual({ partnerId: null, reason: expect.stringMatching(/own team/) });
  });
});

describe(certifiedAt.name, () => {
  it('includes both bounds and treats null as open-ended', () => {
    const c = { certifiedFrom: '2026-01-01T00:00:00Z', certifiedTo: null };
    expect(certifiedAt(c, Date.parse('2026-01-01T00:00:00Z'))).toBe(true);
    expect(certifiedAt(c, Date.parse('2025-12-31T23:59:59Z'))).toBe(false);
    expect(certifiedAt(c, Date.parse('2099-01-01T00:00:00Z'))).toBe(true);
  });
});
