import type { z } from 'zod';
import type {
  deviceCredentialsResponseSchema,
  deviceResponseSchema,
  provisionDeviceRequestSchema,
  provisionedDeviceResponseSchema,
  rotatedCredentialsResponseSchema,
} from './schemas/device.schemas';

/** `POST /api/devices` body. */
export type ProvisionDeviceRequest = z.input<typeof provisionDeviceRequestSchema>;

/** MQTT credentials of a device; the password is shown once. */
export type DeviceCredentialsResponse = z.infer<typeof deviceCredentialsResponseSchema>;

/** `GET /api/devices`, `GET /api/devices/{id}`. */
export type DeviceResponse = z.infer<typeof deviceResponseSchema>;

/** `POST /api/devices`: the device with its credentials (shown once). */
export type ProvisionedDeviceResponse = z.infer<typeof provisionedDeviceResponseSchema>;

/** `POST /api/devices/{id}/credentials` (rotation). */
export type RotatedCredentialsResponse = z.infer<typeof rotatedCredentialsResponseSchema>;
