import { Body, Controller, Get, Param, Put, Query, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import {
  parseTouchOutcome,
  TouchCalendarService,
  TOUCH_OUTCOMES,
} from '@hourglass/success-customer';
import { Access } from '../auth/route-access.decorator';
import type { Caller } from '../auth/caller';
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

// The touch calendar is the account managers' work list (the provider's customer management):
// customers and partners are refused, as for the value matrix.
@ApiTags('customer success')
@ApiBearerAuth()
@UseGuards(BearerAuthGuard)
@Controller('api')
export class TouchesController {
  constructor(private readonly calendar: TouchCalendarService) {}

  @Get('touches')
  @Access('provider-read')
  @ApiOperation({
    summary:
      'The touch calendar: touches due in [from, to) (items), each {id (stable: rule:subject:due date), tenantId, rule, stage, subject {kind asset|contract|order, id}, dueAt, action, outcome (null until recorded)}; rules implemented: onboarding day 0/3/7 from commissioning, first service report and satisfaction question (+2 h), maintenance reminders 30/15/7/0 days before an open order is due, contract renewal 90/60/30 days before a recorded end. Provider users only (403 for customers and partners)',
  })
  @ApiQuery({ name: 'from', required: true })
  @ApiQuery({ name: 'to', required: true })
  async list(@CurrentCaller() caller: Caller, @Query() q: unknown) {
    const { from, to } = parseBody(period, q);
    return { items: await this.calendar.touches(caller.scope, from, to) };
  }

  @Get('lifecycle-stages')
  @Access('provider-read')
  @ApiOperation({
    summary:
      'Lifecycle stages over [from, to), computed from the dates: each customer (the earliest stage of its assets) and asset at `to`, and per stage ONBOARDING | ACTIVATION | RETENTION | EXPANSION | ADVOCACY {customers, entered, movedOn, fellBack, lost}. Provider users only (403 for customers and partners)',
  })
  @ApiQuery({ name: 'from', required: true })
  @ApiQuery({ name: 'to', required: true })
  async stages(@CurrentCaller() caller: Caller, @Query() q: unknown) {
    const { from, to } = parseBody(period, q);
    return this.calendar.stages(caller.scope, from, to);
  }

  @Put('touches/:id/outcome')
  @ApiOperation({
    summary:
      'Record the outcome of a touch (the latest replaces an earlier one), with who and when; 404 for a touch the rules do not derive; provider users only',
  })
  @ApiBody({
    schema: {
      type: 'object',
      required: ['outcome'],
      additionalProperties: false,
      properties: {
        outcome: { type: 'string', enum: [...TOUCH_OUTCOMES] },
        note: { type: 'string', maxLength: 2000, nullable: true },
      },
    },
  })
  async outcome(@CurrentCaller() caller: Caller, @Param('id') id: string, @Body() body: unknown) {
    return this.calendar.recordOutcome(caller.scope, id, parseTouchOutcome(body), caller.actor);
  }
}
