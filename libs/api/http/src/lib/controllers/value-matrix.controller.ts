import { Body, Controller, Get, Put, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  MatrixThresholdRepository,
  ValueMatrixService,
  withoutCostSide,
} from '@hourglass/success-customer';
import { outsideProvider, type Caller } from '../auth/caller';
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

  @Get()
  @ApiOperation({
    summary:
      "The strategic value matrix over the last 12 months: per contract (items) {contractId, customerValue (mean of the health score and availability against target, 0-100), commercialValue (service margin %: revenue less service cost, over revenue), quadrant GROWTH_ENGINE | VALUE_ISLAND | COST_RUIN | PROFIT_EXTRACTOR, move} with its inputs (health, availability, revenue, service cost, input-output ratio); per customer (customers) the revenue-weighted mean; contracts without an axis in unplaced with the reason; high at or above the thresholds (default 60 and 20 %). A customer sees its own rows without the provider's money; a partner's users see nothing",
  })
  async get(@CurrentCaller() caller: Caller) {
    const m = await this.matrix.matrix(caller.scope);
    return outsideProvider(caller) ? withoutCostSide(m) : m;
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
