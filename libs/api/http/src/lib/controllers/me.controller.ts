import { Body, Controller, Get, HttpCode, Put, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import type { Caller, UserRole } from '../auth/caller';
import { PASSWORD_LENGTH } from '../auth/password-hasher';
import { PasswordService } from '../auth/password.service';
import { Access } from '../auth/route-access.decorator';
import { BearerAuthGuard } from '../bearer-auth.guard';
import { parseBody } from '../request-validation';
import { CurrentCaller } from '../scope.decorator';
import { sessionView, type SessionView } from './sessions.controller';

/** A new password: its length bounds (README "Passwords"). */
export const newPassword = z.string().min(PASSWORD_LENGTH.min).max(PASSWORD_LENGTH.max);
const changeBody = z
  .object({
    currentPassword: z.string().max(PASSWORD_LENGTH.max).optional(),
    password: newPassword,
  })
  .strict();

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
  constructor(private readonly passwords: PasswordService) {}

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

  @Put('password')
  @HttpCode(200)
  @Access('any-user')
  @ApiOperation({
    summary:
      "Set or change one's own password (currentPassword required once one is set; 403 when wrong): every session ends, the answer is a new one",
  })
  @ApiBody({
    schema: {
      type: 'object',
      required: ['password'],
      properties: {
        currentPassword: { type: 'string' },
        password: {
          type: 'string',
          minLength: PASSWORD_LENGTH.min,
          maxLength: PASSWORD_LENGTH.max,
        },
      },
    },
  })
  async changePassword(
    @CurrentCaller() caller: Caller,
    @Body() body: unknown,
  ): Promise<SessionView> {
    const { currentPassword, password } = parseBody(changeBody, body);
    return sessionView(await this.passwords.changeOwn(caller, currentPassword, password));
  }
}
