import { Controller, Get, Param, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CustomerHealthService } from '@hourglass/success-customer';
import type { Scope } from '@hourglass/platform-tenancy';
import { BearerAuthGuard } from '../bearer-auth.guard';
import { NotFoundError } from '../domain-error.filter';
import { CallerScope } from '../scope.decorator';

@ApiTags('customer success')
@ApiBearerAuth()
@UseGuards(BearerAuthGuard)
@Controller('api/customers')
export class CustomerHealthController {
  constructor(private readonly health: CustomerHealthService) {}

  @Get(':tenantId/health')
  @ApiOperation({
    summary:
      "A customer's health score (0-100; HEALTHY >= 70, WATCH 40-69, AT_RISK < 40) and each of its contracts', every component (availability vs target over the last 3 periods, share of the fleet not at elevated risk, 90-day usage trend, open and overdue orders, latest NPS answers, devices silent > 7 days) with its score, weight and inputs; a customer user sees only its own",
  })
  async customer(@CallerScope() scope: Scope, @Param('tenantId') tenantId: string) {
    const health = await this.health.customer(scope, tenantId);
    if (!health) throw new NotFoundError(`customer ${tenantId} not found`);
    return health;
  }
}
