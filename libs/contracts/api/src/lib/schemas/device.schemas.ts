import { z } from 'zod';
import { instant } from './envelope.schemas';

/** `POST /api/devices` body (the API validates it with this schema). */
export const provisionDeviceRequestSchema = z.strictObject({
  /** Device id: `[A-Za-z0-9_.-]{1,64}` (an MQTT topic level). */
  id: z.string(),
  type: z.string(),
  /** Provider users only; customers provision in their own tenant. */
  tenantId: z.string().optional(),
});

/** MQTT credentials of a device; the password is shown once. */
export const deviceCredentialsResponseSchema = z.strictObject({
  username: z.string(),
  password: z.string(),
});

/** `GET /api/devices`, `GET /api/devices/{id}`. */
export const deviceResponseSchema = z.strictObject({
  id: z.string(),
  tenantId: z.string(),
  type: z.string(),
  username: z.string(),
  revokedAt: instant.nullable(),
  createdAt: instant,
});

/** `POST /api/devices`: the device with its credentials (shown once). */
export const provisionedDeviceResponseSchema = deviceResponseSchema.extend({
  credentials: deviceCredentialsResponseSchema,
});

/** `POST /api/devices/{id}/credentials` (rotation). */
export const rotatedCredentialsResponseSchema = z.strictObject({
  credentials: deviceCredentialsResponseSchema,
});
