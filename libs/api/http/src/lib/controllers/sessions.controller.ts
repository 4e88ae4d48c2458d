import { Body, Controller, Delete, HttpCode, Post, Req, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { PASSWORD_LENGTH } from '../auth/password-hasher';
import { PasswordService, type IssuedSession } from '../auth/password.service';
import { Access } from '../auth/route-access.decorator';
import { BearerAuthGuard, type ScopedRequest } from '../bearer-auth.guard';
import { parseBody } from '../request-validation';

const signInBody = z
  .object({
    name: z.string().min(1).max(100),
    password: z.string().min(1).max(PASSWORD_LENGTH.max),
  })
  .strict();

/** `POST /api/sessions`: what a sign-in answers (the token is shown once). */
export interface SessionView {
  token: string;
  expiresAt: string;
  user: { id: string; name: string; role: string; tenantId: string | null };
}

/** The answer of a sign-in or password change: the session's token and its user's public fields. */
export function sessionView(session: IssuedSession): SessionView {
  const { id, name, role, tenantId } = session.user;
  return {
    token: session.token,
    expiresAt: session.expiresAt,
    user: { id, name, role, tenantId },
  };
}

/** The client address failed sign-ins are counted against (the socket's: no proxy header is trusted). */
export const clientAddress = (request: ScopedRequest): string =>
  request.ip ?? request.socket?.remoteAddress ?? 'unknown';

/** Signing in with a user name and password (a session token) and signing out. */
@ApiTags('users')
@Controller('api/sessions')
export class SessionsController {
  constructor(private readonly passwords: PasswordService) {}

  @Post()
  @HttpCode(201)
  @ApiOperation({
    summary:
      'Sign in with name and password: a bearer token that expires (12 h). 401 for a wrong name or password; 429 with Retry-After after 5 failures for a name or 20 from an address within 15 minutes',
  })
  @ApiBody({
    schema: {
      type: 'object',
      required: ['name', 'password'],
      properties: { name: { type: 'string' }, password: { type: 'string' } },
    },
  })
  async signIn(@Req() request: ScopedRequest, @Body() body: unknown): Promise<SessionView> {
    const { name, password } = parseBody(signInBody, body);
    return sessionView(await this.passwords.signIn(name, password, clientAddress(request)));
  }

  @Delete('current')
  @HttpCode(204)
  @UseGuards(BearerAuthGuard)
  @ApiBearerAuth()
  @Access('any-user')
  @ApiOperation({
    summary:
      'Sign out: the session token of this request stops working (an API token is left as it is: rotate it at /api/users/{id}/token)',
  })
  async signOut(@Req() request: ScopedRequest): Promise<void> {
    const header = String(request.headers['authorization'] ?? '');
    await this.passwords.signOut(header.replace(/^Bearer\s+/i, ''));
  }
}
