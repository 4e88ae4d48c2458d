import {
  ForbiddenException,
  Injectable,
  UnauthorizedException,
  type CanActivate,
  type ExecutionContext,
} from '@nestjs/common';
import type { Response } from 'express';
import type { Counter } from 'prom-client';
import { ApiContext } from '../api-context';
import { AuthFailureThrottle } from '../auth/auth-failure.throttle';
import { AuthThrottledException, type ScopedRequest } from '../bearer-auth.guard';

/** The request after {@link DeviceBasicAuthGuard}: the device that proved itself. */
export interface DeviceRequest extends ScopedRequest {
  params?: Record<string, string>;
  device?: { deviceId: string; tenantId: string };
}

/** `user:password` of an `Authorization: Basic` header (RFC 7617), or null. */
export function basicCredentials(
  header: string | string[] | undefined,
): { username: string; password: string } | null {
  const match = typeof header === 'string' ? /^Basic\s+([A-Za-z0-9+/=]+)$/i.exec(header) : null;
  if (!match) return null;
  const text = Buffer.from(match[1], 'base64').toString('utf8');
  const colon = text.indexOf(':');
  if (colon <= 0) return null;
  return { username: text.slice(0, colon), password: text.slice(colon + 1) };
}

/**
 * A device's own credentials, the username and password it uses on MQTT, checked against the
 * registry as the broker checks a CONNECT (`DeviceRegistryService.authenticate`): unknown, revoked
 * or wrong gets 401, and a device may post only under its own id (403), as it may publish only under
 * its own `devices/{id}/` (B8). Failed attempts count towards the address's block of
 * {@link AuthFailureThrottle}, shared with bearer tokens: 429 with `Retry-After` while it lasts.
 */
@Injectable()
export class DeviceBasicAuthGuard implements CanActivate {
  private readonly rejected: Counter<'reason'>;

  constructor(
    private readonly context: ApiContext,
    private readonly throttle: AuthFailureThrottle,
  ) {
    this.rejected = context.metrics.counter(
      'hg_api_device_auth_rejected_total',
      'device requests (HTTP telemetry) refused by the device guard',
      ['reason'],
    );
  }

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<DeviceRequest>();
    const response = context.switchToHttp().getResponse<Response>();
    const refuse = (reason: string, message: string): never => {
      this.rejected.inc({ reason });
      response.setHeader('WWW-Authenticate', 'Basic realm="hourglass devices", charset="UTF-8"');
      throw new UnauthorizedException(message);
    };
    const credentials = basicCredentials(request.headers['authorization']);
    if (!credentials)
      refuse(
        'missing',
        'missing device credentials: send "Authorization: Basic" with the MQTT username and password',
      );
    const address = request.ip ?? request.socket?.remoteAddress ?? 'unknown';
    const wait = this.throttle.retryAfterSeconds(address);
    if (wait > 0) {
      this.rejected.inc({ reason: 'throttled' });
      throw new AuthThrottledException(wait);
    }
    const { username, password } = credentials as { username: string; password: string };
    const device = await this.context.devices.authenticate(username, password);
    if (!device) {
      this.throttle.fail(address);
      refuse('invalid', 'invalid device credentials: unknown or revoked device, or wrong password');
    }
    const id = request.params?.['id'];
    if (device && device.deviceId !== id) {
      this.rejected.inc({ reason: 'forbidden' });
      throw new ForbiddenException(
        `device ${device.deviceId} may post telemetry only to /api/devices/${device.deviceId}/telemetry`,
      );
    }
    request.device = device ?? undefined;
    return true;
  }
}
