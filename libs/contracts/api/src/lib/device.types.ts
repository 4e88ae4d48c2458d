/** `POST /api/devices` body. */
export interface ProvisionDeviceRequest {
  /** Device id: `[A-Za-z0-9_.-]{1,64}` (an MQTT topic level). */
  id: string;
  type: string;
  /** Provider users only; customers provision in their own tenant. */
  tenantId?: string;
}

/** MQTT credentials of a device; the password is shown once. */
export interface DeviceCredentialsResponse {
  username: string;
  password: string;
}

/** `GET /api/devices`, `GET /api/devices/{id}`. */
export interface DeviceResponse {
  id: string;
  tenantId: string;
  type: string;
  username: string;
  revokedAt: string | null;
  createdAt: string;
}

/** `POST /api/devices`: the device with its credentials (shown once). */
export interface ProvisionedDeviceResponse extends DeviceResponse {
  credentials: DeviceCredentialsResponse;
}

/** `POST /api/devices/{id}/credentials` (rotation). */
export interface RotatedCredentialsResponse {
  credentials: DeviceCredentialsResponse;
}
