import { Controller, Get, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Caller, UserRole } from '../auth/caller';
import { BearerAuthGuard } from '../bearer-auth.guard';
import { CurrentCaller } from '../scope.decorator';

/** `GET /api/me`: who a token belongs to. */
export interface MeView {
  /** `admin` for HG_ADMIN_TOKEN, else the user's name (the actor of the caller's audited changes). */
  name: string;
  role: UserRole;
  /** The customer's tenant; null for provider roles. */
  tenantId: string | null;
}

/** Tells a client (the console) who its token belongs to, so it can show that role's screens and actions. */
@ApiTags('users')
@ApiBearerAuth()
@UseGuards(BearerAuthGuard)
@Controller('api/me')
export class MeController {
  @Get()
  @ApiOperation({
    summary: "The caller: name, role and tenant (any valid token; the console's sign-in)",
  })
  me(@CurrentCaller() caller: Caller): MeView {
    return {
      name: caller.actor,
      role: caller.role,
      tenantId: caller.scope.kind === 'tenant' ? caller.scope.tenantId : null,
    };
  }
}
