import { billableHours, usageCharge } from './usage-charge';

describe(billableHours.name, () => {
  it('rounds exact seconds once to 0.1 h, half up', () => {
    expect(billableHours(180).toString()).toBe('0.1'); // 0.05 h rounds up
    expect(billableHours(179).toString()).toBe('0');
    expect(billableHours(500 * 3600).toString()).toBe('500');
  });
});

describe(usageCharge.name, () => {
  it('multiplies in decimal and rounds to cents', () => {
    expect(usageCharge('0.1', billableHours(3 * 360)).toString()).toBe('0.03'); // 0.3 h x 0.1, no float error
    expect(usageCharge('125.555', billableHours(3600)).toFixed(2)).toBe('125.56');
  });
});
