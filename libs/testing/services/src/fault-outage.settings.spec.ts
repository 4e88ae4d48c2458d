import { DEFAULT_FAULT_OUTAGE_MS, faultOutageMs, faultScenarioMs } from './fault-outage.settings';

describe(faultOutageMs.name, () => {
  it('is short by default, so npm test stays lean', () => {
    expect(faultOutageMs({})).toBe(DEFAULT_FAULT_OUTAGE_MS);
    expect(faultScenarioMs(60_000, {})).toBe(DEFAULT_FAULT_OUTAGE_MS + 60_000);
  });

  it('takes HOURGLASS_FAULT_OUTAGE_S for the long run by hand', () => {
    expect(faultOutageMs({ HOURGLASS_FAULT_OUTAGE_S: '300' })).toBe(300_000);
  });

  it('refuses a value that is not a positive number of seconds', () => {
    expect(() => faultOutageMs({ HOURGLASS_FAULT_OUTAGE_S: '5m' })).toThrow(
      /HOURGLASS_FAULT_OUTAGE_S/,
    );
    expect(() => faultOutageMs({ HOURGLASS_FAULT_OUTAGE_S: '0' })).toThrow(/positive/);
  });
});
