import type { PartnerResponse, TechnicianResponse } from '@hourglass/contracts-api';
import {
  certificationStatus,
  EMPTY_FORM,
  parseList,
  partnerRequest,
  teams,
  technicianRequest,
} from './partner-form';

const NOW = Date.parse('2026-06-10T12:00:00.000Z');
const partner = (id: string, name: string): PartnerResponse => ({
  id,
  name,
  regions: [],
  skills: [],
  certifiedFrom: null,
  certifiedTo: null,
});
const tech = (id: string, partnerId: string | null): TechnicianResponse => ({
  ...partner(id, id.toUpperCase()),
  partnerId,
});

describe('partner and technician forms', () => {
  it('reads comma-separated names trimmed, once each, without empty ones', () => {
    expect(parseList(' north, south ,,north, ')).toEqual(['north', 'south']);
    expect(parseList('')).toEqual([]);
  });

  it('sends a partner with its lists and the certification days as whole UTC days', () => {
    expect(
      partnerRequest({
        id: ' p-1 ',
        name: 'North Service ',
        regions: 'north, east',
        skills: 'turbofan, turbofan/hpc-module',
        certifiedFrom: '2026-01-01',
        certifiedTo: '2026-12-31',
      }),
    ).toEqual({
      id: 'p-1',
      name: 'North Service',
      regions: ['north', 'east'],
      skills: ['turbofan', 'turbofan/hpc-module'],
      certifiedFrom: '2026-01-01T00:00:00.000Z',
      certifiedTo: '2026-12-31T23:59:59.999Z',
    });
  });

  it('sends a technician of the own team with partnerId null, no certification as null', () => {
    expect(technicianRequest({ ...EMPTY_FORM, id: 't', name: 'Tess' }, '')).toEqual({
      id: 't',
      name: 'Tess',
      partnerId: null,
      regions: [],
      skills: [],
      certifiedFrom: null,
      certifiedTo: null,
    });
    expect(technicianRequest({ ...EMPTY_FORM, id: 't', name: 'T' }, 'p-1').partnerId).toBe('p-1');
  });

  it('tells whether a certification holds now', () => {
    const c = (from: string | null, to: string | null) => ({
      certifiedFrom: from,
      certifiedTo: to,
    });
    expect(certificationStatus(c(null, null), NOW)).toBe('none');
    expect(certificationStatus(c('2026-01-01T00:00:00Z', '2026-12-31T00:00:00Z'), NOW)).toBe(
      'valid',
    );
    expect(certificationStatus(c(null, '2026-06-10T11:59:59Z'), NOW)).toBe('expired');
    expect(certificationStatus(c('2026-06-11T00:00:00Z', null), NOW)).toBe('notYet');
    expect(certificationStatus(c('2026-06-01T00:00:00Z', null), NOW)).toBe('valid');
  });

  it('groups technicians by team: the own team first, then partners by name', () => {
    const result = teams(
      [partner('p-z', 'Zulu'), partner('p-a', 'Alpha'), partner('p-e', 'Empty')],
      [tech('b', 'p-z'), tech('c', null), tech('a', 'p-z'), tech('d', 'p-a')],
    );
    expect(result.map((g) => [g.partnerId, g.technicians.map((x) => x.id)])).toEqual([
      ['', ['c']],
      ['p-a', ['d']],
      ['p-z', ['a', 'b']],
    ]);
  });
});
