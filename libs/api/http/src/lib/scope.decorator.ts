import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { Scope } from '@hourglass/platform-tenancy';
import type { ScopedRequest } from './bearer-auth.guard';

/** The caller's tenant scope, set by BearerAuthGuard. */
export const CallerScope = createParamDecorator((_: unknown, ctx: ExecutionContext): Scope => {
  const scope = ctx.switchToHttp().getRequest<ScopedRequest>().scope;
  if (!scope) throw new Error('CallerScope used on a route without BearerAuthGuard');
  return scope;
});
