import { RiskModelError } from '@hourglass/risk-model';
import { parseFailureLabels, parseTelemetryExport } from './fleet-records';

describe('parseTelemetryExport', () => {
  it('reads JSON Lines with asset aliases, epoch ms and RFC 3339 timestamps', () => {
    const sut = parseTelemetryExport(
      [
        '{"asset":"e-1","ts":1700000000000,"metrics":{"t":1.5,"p":2}}',
        '',
        '{"assetId":"e-2","ts":"2023-11-14T22:13:20Z","metrics":{"t":3}}',
      ].join('\n'),
    );
    expect(sut).toEqual([
      { asset: 'e-1', ts: 1700000000000, metrics: { t: 1.5, p: 2 } },
      { asset: 'e-2', ts: 1700000000000, metrics: { t: 3 } },
    ]);
  });

  it('reads CSV with a header, leaving empty cells out', () => {
    const sut = parseTelemetryExport('asset,ts,t,p\ne-1,1000,1.5,\ne-1,2000,1.6,7\n');
    expect(sut).toEqual([
      { asset: 'e-1', ts: 1000, metrics: { t: 1.5 } },
      { asset: 'e-1', ts: 2000, metrics: { t: 1.6, p: 7 } },
    ]);
  });

  it('names the line of a bad record', () => {
    expect(() => parseTelemetryExport('asset,ts,t\ne-1,1000,x\n')).toThrow(/line 2: metric t/);
    expect(() => parseTelemetryExport('{"asset":"a","ts":"soon","metrics":{}}')).toThrow(
      RiskModelError,
    );
    expect(() => parseTelemetryExport('asset,ts\ne-1\n')).toThrow(/line 2: expected 2 columns/);
  });
});

describe('parseFailureLabels', () => {
  it('reads failures and replacements with the defect finding', () => {
    const csv =
      'asset,ts,kind,confirmedDefect\ne-1,5000,failure,\ne-2,6000,replacement,true\ne-3,7000,replacement,false\n';
    expect(parseFailureLabels(csv)).toEqual([
      { asset: 'e-1', ts: 5000, kind: 'failure' },
      { asset: 'e-2', ts: 6000, kind: 'replacement', confirmedDefect: true },
      { asset: 'e-3', ts: 7000, kind: 'replacement', confirmedDefect: false },
    ]);
    expect(parseFailureLabels('{"asset":"a","ts":1,"kind":"failure"}')).toHaveLength(1);
  });

  it('rejects an unknown kind', () => {
    expect(() => parseFailureLabels('asset,ts,kind\na,1,inspection\n')).toThrow(/kind must be/);
  });
});
