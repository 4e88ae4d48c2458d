import { parseSharedFilter } from './shared-subscriptions';

describe(parseSharedFilter.name, () => {
  it('splits $share/<group>/<filter>', () => {
    expect(parseSharedFilter('$share/ingest/devices/+/telemetry')).toEqual({
      group: 'ingest',
      filter: 'devices/+/telemetry',
    });
  });

  it('returns null for an ordinary filter', () => {
    expect(parseSharedFilter('devices/+/telemetry')).toBeNull();
  });

  it.each([
    '$share/',
    '$share/g',
    '$share/g/',
    '$share//devices/#',
    '$share/+/devices/#',
    '$share/g#/x',
  ])('refuses %p', (topic) => {
    expect(parseSharedFilter(topic)).toBe('invalid');
  });
});
