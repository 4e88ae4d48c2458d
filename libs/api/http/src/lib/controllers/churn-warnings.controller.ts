import { Controller, Get, Query, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { ChurnWarningService } from '@hourglass/success-customer';
import type { Scope } from '@hourglass/platform-tenancy';
import { BearerAuthGuard } from '../bearer-auth.guard';
import { parseBody } from '../request-validation';
import { CallerScope } from '../scope.decorator';

const query = z.object({ tenantId: z.string().min(1).max(200).optional() }).strict();

@ApiTags('customer success')
@ApiBearerAuth()
@UseGuards(BearerAuthGuard)
@Controller('api/churn-warnings')
export class ChurnWarningsController {
  constructor(private readonly churn: ChurnWarningService) {}

  @Get()
  @ApiOperation({
    summary:
      'Churn warnings per customer (contractId null) and contract: risk LOW/MEDIUM/HIGH from the weighted signals (contract ending within 90 days unrenewed 3, hours down >= 30 % over 90 days 2, devices silent > 7 days 2, availability below target in 2 of the last 3 periods 2, parts replaced with no order of ours 2, an NPS detractor in 90 days 1; HIGH >= 5, MEDIUM >= 3), each signal with its evidence; highest first; a customer sees its own',
  })
  @ApiQuery({ name: 'tenantId', required: false })
  async list(@CallerScope() scope: Scope, @Query() q: unknown) {
    const { tenantId } = parseBody(query, q);
    return { items: await this.churn.warnings(scope, tenantId) };
  }
}
