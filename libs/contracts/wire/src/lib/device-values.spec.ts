import { assertDeviceId, isServiceClientId, isValidDeviceId } from './device-id';
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

  it("keeps the service accounts' client-id namespace (svc-, any case) out of device ids", () => {
    for (const id of ['svc-ingest', 'svc-alerts-2', 'SVC-x', 'Svc-'])
      expect([isValidDeviceId(id), isServiceClientId(id)]).toEqual([false, true]);
    for (const id of ['svc', 'svcx', 'my-svc-1', 'engine-1'])
      expect([isValidDeviceId(id), isServiceClientId(id)]).toEqual([true, false]);
  });
});
