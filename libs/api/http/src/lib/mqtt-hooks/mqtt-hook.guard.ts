import { createHash, timingSafeEqual } from 'node:crypto';
import {
  Injectable,
  UnauthorizedException,
  type CanActivate,
  type ExecutionContext,
} from '@nestjs/common';
import { ApiContext } from '../api-context';

const digest = (text: string) => createHash('sha256').update(text).digest();

/**
 * Lets in only the broker that holds the hooks' secret (`Authorization: Bearer <secret>`): the hooks
 * answer whether a password is right, which nobody else may ask. Compared as SHA-256 digests in
 * constant time, like the admin token.
 */
@Injectable()
export class MqttHookGuard implements CanActivate {
  private readonly expected: Buffer | null;

  constructor(context: ApiContext) {
    this.expected = context.mqttHooks ? digest(`Bearer ${context.mqttHooks.secret}`) : null;
  }

  canActivate(execution: ExecutionContext): boolean {
    const header = execution.switchToHttp().getRequest<{ headers: Record<string, unknown> }>()
      .headers.authorization;
    if (
      this.expected &&
      typeof header === 'string' &&
      timingSafeEqual(digest(header), this.expected)
    )
      return true;
    throw new UnauthorizedException('the MQTT hooks need the broker hook secret');
  }
}
