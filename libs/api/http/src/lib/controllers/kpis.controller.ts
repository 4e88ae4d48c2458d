import { Controller, Get, Query, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { KpiService, PartsForecastService, type KpiReport } from '@hourglass/maintenance-kpis';
import { outsideProvider, type Caller } from '../auth/caller';
import { BearerAuthGuard } from '../bearer-auth.guard';
import { parseBody } from '../request-validation';
import { CurrentCaller } from '../scope.decorator';

const DAY_MS = 86_400_000;
const kpiQuery = z
  .object({
    from: z.string().datetime({ offset: true }),
    to: z.string().datetime({ offset: true }),
    assetType: z
      .string()
      .regex(/^[A-Za-z0-9_.-]{1,64}$/)
      .optional(),
  })
  .strict()
  .refine((q) => Date.parse(q.to) > Date.parse(q.from), 'to must be after from')
  .refine((q) => Date.parse(q.to) - Date.parse(q.from) <= 3660 * DAY_MS, 'at most 10 years');
const forecastQuery = z.object({ horizonDays: z.enum(['30', '60', '90']).default('30') }).strict();

/** Customers see their tenant's KPIs but not the provider's cost side (replacement and service cost). */
function kpisForCaller(caller: Caller, report: KpiReport) {
  if (!outsideProvider(caller)) return report;
  const { lifecycleCosts: _costs, topFailingComponents, ...rest } = report;
  return {
    ...rest,
    topFailingComponents: topFailingComponents.map(({ replacementCost: _cost, ...c }) => c),
  };
}

@ApiTags('kpis')
@ApiBearerAuth()
@UseGuards(BearerAuthGuard)
@Controller('api')
export class KpisController {
  constructor(
    private readonly kpis: KpiService,
    private readonly forecast: PartsForecastService,
  ) {}

  @Get('kpis')
  @ApiOperation({
    summary:
      "Reliability KPIs of the caller's tenants over [from, to) (null where a figure cannot be computed); costs for provider roles only",
  })
  @ApiQuery({ name: 'from', required: true })
  @ApiQuery({ name: 'to', required: true })
  @ApiQuery({ name: 'assetType', required: false })
  async report(@CurrentCaller() caller: Caller, @Query() query: unknown) {
    const q = parseBody(kpiQuery, query);
    const report = await this.kpis.report(
      caller.scope,
      { from: Date.parse(q.from), to: Date.parse(q.to) },
      q.assetType,
    );
    return {
      from: new Date(q.from).toISOString(),
      to: new Date(q.to).toISOString(),
      assetType: q.assetType ?? null,
      ...kpisForCaller(caller, report),
    };
  }

  @Get('parts/forecast')
  @ApiOperation({
    summary:
      'Spare-parts demand over the next 30/60/90 days per part: expected count and a 90 % interval (low = 5th, high = 95th percentile)',
  })
  @ApiQuery({ name: 'horizonDays', required: false, enum: ['30', '60', '90'] })
  async parts(@CurrentCaller() caller: Caller, @Query() query: unknown) {
    const horizonDays = Number(parseBody(forecastQuery, query).horizonDays);
    return {
      horizonDays,
      level: 0.9,
      items: await this.forecast.forecast(caller.scope, horizonDays),
    };
  }
}
