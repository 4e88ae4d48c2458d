import { Body, Controller, Get, HttpCode, Post, Query, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { NpsService } from '@hourglass/success-customer';
import type { Caller } from '../auth/caller';
import { Access } from '../auth/route-access.decorator';
import { BearerAuthGuard } from '../bearer-auth.guard';
import { parseBody } from '../request-validation';
import { CurrentCaller } from '../scope.decorator';

const DAY_MS = 86_400_000;
const period = z
  .object({
    from: z.string().datetime({ offset: true }),
    to: z.string().datetime({ offset: true }),
  })
  .strict()
  .refine((q) => Date.parse(q.to) > Date.parse(q.from), 'to must be after from')
  .refine((q) => Date.parse(q.to) - Date.parse(q.from) <= 3660 * DAY_MS, 'at most 10 years');
const answer = z
  .object({
    taskId: z.string().min(1).max(200),
    score: z.number().int().min(0).max(10),
    comment: z.string().max(2000).nullable().optional(),
  })
  .strict();

@ApiTags('customer success')
@ApiBearerAuth()
@UseGuards(BearerAuthGuard)
@Controller('api/nps')
export class NpsController {
  constructor(private readonly nps: NpsService) {}

  @Get()
  @ApiOperation({
    summary:
      'NPS (% promoters 9-10 - % detractors 0-6) of the answers given in [from, to): overall and per tenant, partner and region, with the counts; a customer sees its own',
  })
  @ApiQuery({ name: 'from', required: true })
  @ApiQuery({ name: 'to', required: true })
  async report(@CurrentCaller() caller: Caller, @Query() query: unknown) {
    const q = parseBody(period, query);
    return this.nps.report(
      caller.scope,
      new Date(q.from).toISOString(),
      new Date(q.to).toISOString(),
    );
  }

  @Post()
  @HttpCode(201)
  @Access('any-user')
  @ApiOperation({
    summary:
      "The customer's answer to the one question after a completed order (0-10, optional comment): customer users of the order's tenant only, one answer per order (409 for a second one or an order not done)",
  })
  @ApiBody({
    schema: {
      type: 'object',
      required: ['taskId', 'score'],
      properties: {
        taskId: { type: 'string' },
        score: { type: 'integer', minimum: 0, maximum: 10 },
        comment: { type: 'string', maxLength: 2000 },
      },
    },
  })
  async answer(@CurrentCaller() caller: Caller, @Body() body: unknown) {
    const a = parseBody(answer, body);
    return this.nps.answer(
      { scope: caller.scope, actor: caller.actor, customer: caller.role === 'customer' },
      a.taskId,
      { score: a.score, comment: a.comment },
    );
  }
}
