import { timingSafeEqual } from 'node:crypto';
import { Injectable, UnauthorizedException, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { PROVIDER_SCOPE, type Scope } from '@hourglass/platform-tenancy';
import { ApiContext } from './api-context';

/** The request after authentication: every handler reads its tenant scope from here. */
export interface ScopedRequest {
  headers: Record<string, string | string[] | undefined>;
  scope?: Scope;
}

/** Bearer-token authentication; `HG_ADMIN_TOKEN` is provider-wide. */
@Injectable()
export class BearerAuthGuard implements CanActivate {
  private readonly admin: Buffer;

  constructor(context: ApiContext) {
    this.admin = Buffer.from(context.adminToken);
  }

  canActivate(context: ExecutionContext): boolean {
    const request = context.switchToHttp().getRequest<ScopedRequest>();
    const header = request.headers['authorization'];
    const match = typeof header === 'string' ? /^Bearer\s+(\S+)$/i.exec(header) : null;
    if (!match) throw new UnauthorizedException('missing bearer token: send "Authorization: Bearer <token>"');
    const given = Buffer.from(match[1]);
    if (given.length !== this.admin.length || !timingSafeEqual(given, this.admin)) {
      throw new UnauthorizedException('invalid bearer token');
    }
    request.scope = PROVIDER_SCOPE;
    return true;
  }
}
