import { PROVIDER_SCOPE, tenantScope } from '@hourglass/platform-tenancy';
import { parseFleetExportArgs } from './fleet-export-args';
import { FleetExportError } from './fleet-export-errors';

describe('parseFleetExportArgs', () => {
  it('reads every option', () => {
    const sut = parseFleetExportArgs([
      '--out',
      'exp',
      '--from',
      '2026-01-01',
      '--to=2026-02-01T12:00:00Z',
      '--assets',
      'e-1, e-2',
      '--type',
      'turbofan',
      '--tenant',
      'acme',
      '--metrics',
      's2,s3',
      '--resolution',
      '1h',
      '--format',
      'csv',
      '--page-size',
      '500',
    ]);
    expect(sut).toEqual({
      outDir: 'exp',
      scope: tenantScope('acme'),
      from: Date.UTC(2026, 0, 1),
      to: Date.UTC(2026, 1, 1, 12),
      assets: ['e-1', 'e-2'],
      type: 'turbofan',
      metrics: ['s2', 's3'],
      resolution: '1h',
      format: 'csv',
      pageSize: 500,
    });
  });

  it('defaults to every tenant, every asset and all time', () => {
    expect(parseFleetExportArgs(['--out', 'x'])).toEqual({ outDir: 'x', scope: PROVIDER_SCOPE });
    expect(parseFleetExportArgs(['--out', 'x', '--from', '1767225600000']).from).toBe(
      1767225600000,
    );
  });

  it.each([
    [[], /--out DIR is required/],
    [['--out'], /--out needs a value/],
    [['--out', 'x', '--since', '1'], /unknown option --since/],
    [['--out', 'x', '--from', 'yesterday'], /--from must be an RFC 3339 time/],
    [['--out', 'x', '--from', '2026-02-01', '--to', '2026-01-01'], /is not before/],
    [['--out', 'x', '--resolution', '5m'], /--resolution must be one of raw, 1m, 1h/],
    [['--out', 'x', '--page-size', '0'], /--page-size must be a positive integer/],
    [['--out', 'x', '--assets', ','], /--assets needs at least one name/],
  ])('rejects %j', (argv, message) => {
    expect(() => parseFleetExportArgs(argv)).toThrow(message);
    expect(() => parseFleetExportArgs(argv)).toThrow(FleetExportError);
  });
});
