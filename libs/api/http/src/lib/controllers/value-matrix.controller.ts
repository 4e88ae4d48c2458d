import { Controller, Get, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ValueMatrixService } from '@hourglass/success-customer';
import type { Scope } from '@hourglass/platform-tenancy';
import { Access } from '../auth/route-access.decorator';
import { BearerAuthGuard } from '../bearer-auth.guard';
import { CallerScope } from '../scope.decorator';

@ApiTags('customer success')
@ApiBearerAuth()
@UseGuards(BearerAuthGuard)
@Controller('api/portfolio')
export class ValueMatrixController {
  constructor(private readonly matrix: ValueMatrixService) {}

  @Get('matrix')
  @Access('provider-read')
  @ApiOperation({
    summary:
      "The strategic value matrix over the last 12 months: per contract (items) {contractId, customerValue (mean of health score and availability against target), commercialValue (service margin %), quadrant GROWTH_ENGINE | VALUE_ISLAND | COST_RUIN | PROFIT_EXTRACTOR, move} with its inputs (revenue, service cost, input-output ratio); per customer the revenue-weighted mean; thresholds default 60 and 20 %. Provider users only (it shows the provider's margin)",
  })
  get(@CallerScope() scope: Scope) {
    return this.matrix.matrix(scope);
  }
}
