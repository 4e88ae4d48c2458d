import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { Scope } from '@hourglass/platform-tenancy';
import type { Caller } from './auth/caller';
import type { ScopedRequest } from './bearer-auth.guard';

const callerOf = (ctx: ExecutionContext): Caller => {
  const caller = ctx.switchToHttp().getRequest<ScopedRequest>().caller;
  if (!caller) throw new Error('caller decorators used on a route without BearerAuthGuard');
  return caller;
};

/** The caller's tenant scope, set by BearerAuthGuard. */
export const CallerScope = createParamDecorator(
  (_: unknown, ctx: ExecutionContext): Scope => callerOf(ctx).scope,
);

/** Who is calling (user id, role, scope), set by BearerAuthGuard. */
export const CurrentCaller = createParamDecorator((_: unknown, ctx: ExecutionContext): Caller =>
  callerOf(ctx),
);

/** The name recorded in audits for the caller's changes: `admin` for `HG_ADMIN_TOKEN`, else the user's name. */
export const CallerActor = createParamDecorator(
  (_: unknown, ctx: ExecutionContext): string => callerOf(ctx).actor,
);
