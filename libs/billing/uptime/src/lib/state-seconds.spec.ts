import { stateSeconds } from './state-seconds';

const H = 3_600_000;
const sum = (s: Record<string, number>) => Object.values(s).reduce((a, b) => a + b, 0);

describe(stateSeconds.name, () => {
  it('holds a state until the next event', () => {
    const sut = stateSeconds(
      [
        { at: 0, state: 'RUN' },
        { at: 2 * H, state: 'FAULT' },
        { at: 3 * H, state: 'RUN' },
      ],
      0,
      4 * H,
      10 * H,
    );
    expect(sut).toEqual({ RUN: 3 * 3600, STANDBY: 0, FAULT: 3600, CUSTOMER_STOP: 0, UNKNOWN: 0 });
  });

  it('turns silence longer than the heartbeat timeout into UNKNOWN', () => {
    const sut = stateSeconds([{ at: 0, state: 'RUN' }], 0, 2 * H, 900_000);
    expect(sut.RUN).toBe(900);
    expect(sut.UNKNOWN).toBe(2 * 3600 - 900);
  });

  it('carries in the state from before the period and clips at both ends', () => {
    const sut = stateSeconds(
      [
        { at: -5 * 60_000, state: 'STANDBY' },
        { at: H, state: 'RUN' },
        { at: 5 * H, state: 'FAULT' },
      ],
      0,
      2 * H,
      10 * H,
    );
    expect(sut).toEqual({ RUN: 3600, STANDBY: 3600, FAULT: 0, CUSTOMER_STOP: 0, UNKNOWN: 0 });
  });

  it('counts the time before the first event as UNKNOWN and always adds up to the period', () => {
    const sut = stateSeconds([{ at: H, state: 'RUN' }], 0, 3 * H, 900_000);
    expect(sut.UNKNOWN).toBe(3600 + 3600 * 2 - 900);
    expect(sum(sut)).toBe(3 * 3600);
  });

  it('does not depend on the order events arrive in', () => {
    const events = [
      { at: 3 * H, state: 'RUN' },
      { at: 0, state: 'CUSTOMER_STOP' },
      { at: H, state: 'RUN' },
    ];
    expect(stateSeconds(events, 0, 4 * H, 2 * H)).toEqual(stateSeconds([...events].reverse(), 0, 4 * H, 2 * H));
  });
});
