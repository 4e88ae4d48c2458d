import { Body, Controller, Get, Put, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';
import { RfmService, SegmentRuleRepository } from '@hourglass/success-customer';
import type { Scope } from '@hourglass/platform-tenancy';
import type { Caller } from '../auth/caller';
import { BearerAuthGuard } from '../bearer-auth.guard';
import { CallerScope, CurrentCaller } from '../scope.decorator';

const bound = {
  type: 'object',
  properties: {
    min: { type: 'integer', minimum: 1, maximum: 5 },
    max: { type: 'integer', minimum: 1, maximum: 5 },
  },
};

@ApiTags('customer success')
@ApiBearerAuth()
@UseGuards(BearerAuthGuard)
@Controller('api/segments')
export class SegmentsController {
  constructor(
    private readonly rfm: RfmService,
    private readonly rules: SegmentRuleRepository,
  ) {}

  @Get()
  @ApiOperation({
    summary:
      "RFM per customer over the rolling 12 months (recency = days since the last paid service event, frequency = their count, monetary = service revenue), each scored 1-5 by quintile among all the provider's customers, and the segment of the first rule that matches (the rules are returned with it); a customer sees its own row",
  })
  segments(@CallerScope() scope: Scope) {
    return this.rfm.segments(scope);
  }

  @Put('rules')
  @ApiOperation({
    summary:
      'Replace the segment rules (data: first match wins, a customer no rule matches is OTHER); provider users only',
  })
  @ApiBody({
    schema: {
      type: 'array',
      items: {
        type: 'object',
        required: ['segment', 'when'],
        properties: {
          segment: { type: 'string', pattern: '^[A-Z0-9_]{1,40}$' },
          when: { type: 'object', properties: { r: bound, f: bound, m: bound } },
        },
      },
    },
  })
  async replace(@CurrentCaller() caller: Caller, @Body() body: unknown) {
    return { rules: await this.rules.put(body, caller.actor) };
  }
}
