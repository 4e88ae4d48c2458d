import { assertDeviceId, isValidDeviceId } from './device-id';
import { DEVICE_STATES, isDeviceState } from './device-state';
import { DEVICE_STATUSES, isDeviceStatus } from './device-status';

describe('device values', () => {
  it('lists the four device states and recognises exactly them', () => {
    expect(DEVICE_STATES).toEqual(['RUN', 'STANDBY', 'FAULT', 'CUSTOMER_STOP']);
    for (const state of DEVICE_STATES) expect(isDeviceState(state)).toBe(true);
    for (const other of ['run', 'STOP', '', null, 1]) expect(isDeviceState(other)).toBe(false);
  });

  it('lists the two status payloads and recognises exactly them', () => {
    expect(DEVICE_STATUSES).toEqual(['online', 'offline']);
    for (const other of ['ONLINE', 'gone', '', undefined])
      expect(isDeviceStatus(other)).toBe(false);
  });

  it('checks device ids', () => {
    expect(isValidDeviceId('engine-1')).toBe(true);
    expect(isValidDeviceId(7)).toBe(false);
    expect(() => assertDeviceId('a/b')).toThrow('invalid device id "a/b"');
  });
});
