/** Error codes of the device domain, mapped to responses at the edge. */
export type DeviceErrorCode = 'DEVICE_NOT_FOUND' | 'DEVICE_EXISTS' | 'DEVICE_INVALID';

export class DeviceError extends Error {
  constructor(
    readonly code: DeviceErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'DeviceError';
  }
}
