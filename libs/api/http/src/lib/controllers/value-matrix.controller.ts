import { Body, Controller, Get, Put, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';
import { MatrixThresholdRepository, ValueMatrixService } from '@hourglass/success-customer';
import { Access } from '../auth/route-access.decorator';
import { type Caller } from '../auth/caller';
import { BearerAuthGuard } from '../bearer-auth.guard';
import { CurrentCaller } from '../scope.decorator';

@ApiTags('customer success')
@ApiBearerAuth()
@UseGuards(BearerAuthGuard)
@Controller('api/portfolio/matrix')
export class ValueMatrixController {
  constructor(
    private readonly matrix: ValueMatrixService,
    private readonly thresholds: MatrixThresholdRepository,
  ) {}

  // The provider's own assessment of its customers (margins, "cost ruin", "profit extractor"):
  // customers and partners are refused, as for the model registry.
  @Get()
  @Access('provider-read')
  @ApiOperation({
    summary:
      'The strategic value matrix over the last 12 months: per contract (items) {contractId, customerValue (mean of the health score and availability against target, 0-100), commercialValue (service margin %: revenue less service cost, over revenue), quadrant GROWTH_ENGINE | VALUE_ISLAND | COST_RUIN | PROFIT_EXTRACTOR, move} with its inputs (health, availability, revenue, service cost, input-output ratio); per customer (customers) the revenue-weighted mean; contracts without an axis in unplaced with the reason; high at or above the thresholds (default 60 and 20 %). Provider users only (403 for customers and partners)',
  })
  async get(@CurrentCaller() caller: Caller) {
    return this.matrix.matrix(caller.scope);
  }

  @Put('thresholds')
  @ApiOperation({
    summary:
      'Replace the thresholds between low and high (customerValue 0-100, marginPct -1000 to 100); provider users only',
  })
  @ApiBody({
    schema: {
      type: 'object',
      required: ['customerValue', 'marginPct'],
      additionalProperties: false,
      properties: {
        customerValue: { type: 'number', minimum: 0, maximum: 100 },
        marginPct: { type: 'number', minimum: -1000, maximum: 100 },
      },
    },
  })
  async replace(@CurrentCaller() caller: Caller, @Body() body: unknown) {
    return { thresholds: await this.thresholds.put(body, caller.actor) };
  }
}
