import {
  ForbiddenException,
  HttpException,
  HttpStatus,
  Injectable,
  UnauthorizedException,
  type CanActivate,
  type ExecutionContext,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Counter } from 'prom-client';
import type { Scope } from '@hourglass/platform-tenancy';
import { ApiContext } from './api-context';
import { AuthFailureThrottle } from './auth/auth-failure.throttle';
import { denialReason, type Caller, type RouteAccess } from './auth/caller';
import { ROUTE_ACCESS_KEY } from './auth/route-access.decorator';
import { UserService } from './auth/user.service';

/** The request after authentication: every handler reads its caller and tenant scope from here. */
export interface ScopedRequest {
  method?: string;
  ip?: string;
  socket?: { remoteAddress?: string };
  headers: Record<string, string | string[] | undefined>;
  scope?: Scope;
  caller?: Caller;
}

/** 429 for an address that sent too many wrong tokens; the filter turns `retryAfterSeconds` into `Retry-After`. */
export class AuthThrottledException extends HttpException {
  constructor(readonly retryAfterSeconds: number) {
    super(
      `too many invalid bearer tokens from this address: retry in ${retryAfterSeconds} s`,
      HttpStatus.TOO_MANY_REQUESTS,
    );
  }
}

/**
 * Bearer-token authentication and role check. `HG_ADMIN_TOKEN` is the provider-wide `admin`; any
 * other token must belong to an enabled user (looked up by its SHA-256, so revoking or disabling
 * takes effect on the next request). Unknown tokens get 401; a role the route does not let in, 403.
 * An address that sent too many unknown tokens gets 429 for a while, whatever its token: answering a
 * right token then would let guessing go on at full speed.
 */
@Injectable()
export class BearerAuthGuard implements CanActivate {
  private readonly rejected: Counter<'reason'>;

  constructor(
    context: ApiContext,
    private readonly users: UserService,
    private readonly throttle: AuthFailureThrottle,
    private readonly reflector: Reflector,
  ) {
    this.rejected = context.metrics.counter(
      'hg_api_auth_rejected_total',
      'API requests refused by the bearer guard',
      ['reason'],
    );
  }

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<ScopedRequest>();
    const header = request.headers['authorization'];
    const match = typeof header === 'string' ? /^Bearer\s+(\S+)$/i.exec(header) : null;
    if (!match) {
      this.rejected.inc({ reason: 'missing' });
      throw new UnauthorizedException('missing bearer token: send "Authorization: Bearer <token>"');
    }
    const address = request.ip ?? request.socket?.remoteAddress ?? 'unknown';
    const wait = this.throttle.retryAfterSeconds(address);
    if (wait > 0) {
      this.rejected.inc({ reason: 'throttled' });
      throw new AuthThrottledException(wait);
    }
    const caller = await this.users.authenticate(match[1]);
    if (!caller) {
      this.throttle.fail(address);
      this.rejected.inc({ reason: 'invalid' });
      throw new UnauthorizedException(
        'invalid bearer token: unknown, revoked, expired, or its user is disabled',
      );
    }
    const access = this.reflector.getAllAndOverride<RouteAccess | undefined>(ROUTE_ACCESS_KEY, [
      context.getHandler(),
      context.getClass(),
    ]);
    const denied = denialReason(caller, request.method ?? 'GET', access);
    if (denied) {
      this.rejected.inc({ reason: 'forbidden' });
      throw new ForbiddenException(denied);
    }
    request.caller = caller;
    request.scope = caller.scope;
    return true;
  }
}
