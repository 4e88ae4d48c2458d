import type { ProvisionDeviceRequest, UserRole } from '@hourglass/contracts-api';

/**
 * Roles the console offers device provisioning and credential rotation to. The API would also let
 * a customer provision in its own tenant; the console keeps that with the provider's operators.
 */
const PROVISIONING_ROLES: readonly UserRole[] = ['provider-admin', 'provider', 'operator'];

/** Whether the console shows the provisioning panel to `role`. */
export function canProvision(role: UserRole): boolean {
  return PROVISIONING_ROLES.includes(role);
}

/** The API's rule for a device id: one MQTT topic level of `[A-Za-z0-9_.-]{1,64}`. */
const DEVICE_ID = /^[A-Za-z0-9_.-]{1,64}$/;

/** Whether `id` (trimmed) is a device id the API accepts. */
export function isDeviceId(id: string): boolean {
  return DEVICE_ID.test(id.trim());
}

/** What the provisioning form holds: text as typed. */
export interface DeviceForm {
  id: string;
  type: string;
  /** The owning customer; empty leaves it to the API (the provider's default tenant). */
  tenantId: string;
}

export const EMPTY_DEVICE_FORM: DeviceForm = { id: '', type: '', tenantId: '' };

/** The `POST /api/devices` body of the form: trimmed, `tenantId` only when given. */
export function provisionRequest(form: DeviceForm): ProvisionDeviceRequest {
  const body: ProvisionDeviceRequest = { id: form.id.trim(), type: form.type.trim() };
  const tenantId = form.tenantId.trim();
  if (tenantId) body.tenantId = tenantId;
  return body;
}

/** The platform's MQTT port when the page gives no other (`HG_MQTT_PORT`'s default). */
export const DEFAULT_MQTT_PORT = 1883;

/** The broker host a device would reach: the page's host name (brackets of IPv6 removed). */
export function brokerHost(location: Pick<Location, 'hostname'>): string {
  return location.hostname.replace(/^\[(.*)\]$/, '$1') || '127.0.0.1';
}

/** `value` as one POSIX shell word (single quotes; a quote inside closed, escaped, reopened). */
export function shellWord(value: string): string {
  return /^[A-Za-z0-9_./:@=-]+$/.test(value) ? value : `'${value.replace(/'/g, `'\\''`)}'`;
}

/** What the test command needs: where the broker is and the device's credentials. */
export interface TestPublish {
  host: string;
  port: number;
  deviceId: string;
  username: string;
  password: string;
}

/**
 * A `mosquitto_pub` command publishing one sample as `docs/connect-a-device.md` describes: QoS 1,
 * the device id as client id, topic `devices/{id}/telemetry`, `ts` taken from the shell's clock
 * when it runs (epoch milliseconds), `seq` 1, two metrics and the `RUN` state.
 */
export function mosquittoPubLine(p: TestPublish): string {
  const message =
    '"{\\"ts\\": $(date +%s)000, \\"seq\\": 1, ' +
    '\\"metrics\\": {\\"temperature\\": 71.5, \\"vibration\\": 0.42}, \\"state\\": \\"RUN\\"}"';
  return [
    `mosquitto_pub -h ${shellWord(p.host)} -p ${p.port} -q 1`,
    `-i ${shellWord(p.deviceId)} -u ${shellWord(p.username)} -P ${shellWord(p.password)}`,
    `-t ${shellWord(`devices/${p.deviceId}/telemetry`)}`,
    `-m ${message}`,
  ].join(' \\\n  ');
}
