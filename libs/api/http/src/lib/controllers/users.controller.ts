import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Param,
  Post,
  Put,
  Query,
  UseGuards,
} from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { USER_ROLES, type UserRole } from '../auth/caller';
import { Access } from '../auth/route-access.decorator';
import { UserService } from '../auth/user.service';
import { PasswordService } from '../auth/password.service';
import { newPassword } from './me.controller';
import { BearerAuthGuard } from '../bearer-auth.guard';
import {
  DEFAULT_PAGE_LIMIT,
  decodeCursor,
  encodeCursor,
  pageQueryFields,
} from '../paging/page-cursor';
import { parseBody } from '../request-validation';
import { CallerActor } from '../scope.decorator';

const lifetime = {
  expiresAt: z.string().datetime({ offset: true }).optional(),
  ttlDays: z.number().int().min(1).max(3_650).optional(),
};
const listQuery = z.object(pageQueryFields).strict();
const rotateBody = z.object(lifetime).strict();
const createBody = z
  .object({
    ...lifetime,
    name: z
      .string()
      .regex(
        /^[A-Za-z0-9][A-Za-z0-9_.@-]{1,99}$/,
        'letters, digits, _ . @ - (2 to 100, starting with a letter or digit)',
      ),
    role: z.enum(USER_ROLES as [UserRole, ...UserRole[]]),
    tenantId: z
      .string()
      .regex(/^[A-Za-z0-9_.:-]{1,100}$/, 'letters, digits, _ . : - (at most 100)')
      .optional(),
    password: newPassword.optional(),
    partnerId: z.string().min(1).max(100).optional(),
  })
  .strict();
const passwordBody = z.object({ password: newPassword }).strict();

const LIFETIME_SCHEMA = {
  expiresAt: {
    type: 'string',
    format: 'date-time',
    description: 'when the token stops working (401 after); default: never',
  },
  ttlDays: {
    type: 'integer',
    minimum: 1,
    maximum: 3650,
    description: 'or: days from now; not with expiresAt',
  },
};

/** Named API users and their bearer tokens; provider-admin only (the `HG_ADMIN_TOKEN` is one). */
@ApiTags('users')
@ApiBearerAuth()
@UseGuards(BearerAuthGuard)
@Access('provider-admin')
@Controller('api/users')
export class UsersController {
  constructor(
    private readonly users: UserService,
    private readonly passwords: PasswordService,
  ) {}

  @Post()
  @HttpCode(201)
  @ApiOperation({
    summary:
      'Create a user; the answer carries its bearer token, shown once (only its SHA-256 is stored)',
  })
  @ApiBody({
    schema: {
      type: 'object',
      required: ['name', 'role'],
      properties: {
        name: {
          type: 'string',
          description:
            'unique (case-insensitive); recorded as the actor of the changes the user makes',
        },
        role: {
          enum: [...USER_ROLES],
          description:
            'provider-admin: everything; provider, operator, reliability-engineer, account-manager: every tenant, every change but users; customer: its tenant, read-only but its tasks; partner: the orders assigned to its partner, read-only but working them',
        },
        password: {
          type: 'string',
          minLength: 10,
          maxLength: 256,
          description:
            'optional: the user may also sign in with name and password (POST /api/sessions)',
        },
        tenantId: {
          type: 'string',
          description: 'required for customer users, refused for provider roles',
        },
        partnerId: {
          type: 'string',
          description:
            'required for partner users (a service partner of /api/partners), refused for the others',
        },
        ...LIFETIME_SCHEMA,
      },
    },
  })
  async create(@CallerActor() actor: string, @Body() body: unknown) {
    const { user, token } = await this.users.create(parseBody(createBody, body), actor);
    return { ...user, token };
  }

  @Get()
  @ApiOperation({
    summary: 'Users, disabled ones included (never their tokens), oldest first, a page at a time',
  })
  @ApiQuery({
    name: 'limit',
    required: false,
    description: 'page size (default 100, at most 1,000)',
  })
  @ApiQuery({ name: 'cursor', required: false, description: 'nextCursor of the previous page' })
  async list(@Query() query: unknown) {
    const q = parseBody(listQuery, query);
    const key = q.cursor === undefined ? undefined : decodeCursor(q.cursor, ['n', 's']);
    const after = key ? { createdUs: Number(key[0]), id: String(key[1]) } : undefined;
    const page = await this.users.listPage({ limit: q.limit ?? DEFAULT_PAGE_LIMIT, after });
    return {
      items: page.items,
      ...(page.next ? { nextCursor: encodeCursor([page.next.createdUs, page.next.id]) } : {}),
    };
  }

  @Get(':id')
  async get(@Param('id') id: string) {
    return this.users.get(id);
  }

  @Post(':id/token')
  @HttpCode(200)
  @ApiOperation({
    summary: "Issue a new token (shown once); the user's previous tokens stop working at once",
  })
  @ApiBody({ required: false, schema: { type: 'object', properties: LIFETIME_SCHEMA } })
  async rotate(@Param('id') id: string, @Body() body: unknown) {
    const { user, token } = await this.users.rotateToken(id, parseBody(rotateBody, body));
    return { ...user, token };
  }

  @Delete(':id')
  @ApiOperation({
    summary:
      'Disable a user: its tokens are refused (401) from the next request; the user stays listed for the audit trail',
  })
  async disable(@CallerActor() actor: string, @Param('id') id: string) {
    return this.users.disable(id, actor);
  }

  @Put(':id/password')
  @HttpCode(204)
  @ApiOperation({
    summary:
      "Set a user's password (10 to 256 characters; only its scrypt hash is kept): the user's sessions end, its API token keeps working",
  })
  @ApiBody({
    schema: {
      type: 'object',
      required: ['password'],
      properties: { password: { type: 'string' } },
    },
  })
  async setPassword(@Param('id') id: string, @Body() body: unknown): Promise<void> {
    await this.passwords.setPassword(id, parseBody(passwordBody, body).password);
  }
}
