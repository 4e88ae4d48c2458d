import {
  Body,
  Controller,
  Get,
  HttpCode,
  Param,
  Post,
  Query,
  Res,
  UseGuards,
} from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { z } from 'zod';
import {
  BillingError,
  BillingRunService,
  BillingStores,
  ContractService,
  STATEMENT_INTERVAL_ROWS,
  linesCsv,
  statementMarkdown,
  toBillingRecord,
  type BillingRun,
} from '@hourglass/billing-records';
import type { Scope } from '@hourglass/platform-tenancy';
import { BearerAuthGuard } from '../bearer-auth.guard';
import { ContractHealthCacheService } from '../health/contract-health-cache.service';
import { parseBody } from '../request-validation';
import type { Caller } from '../auth/caller';
import { healthForCaller, runForCaller } from '../auth/customer-view';
import { CallerActor, CallerScope, CurrentCaller } from '../scope.decorator';

const period = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'a month yyyy-mm');
const runBody = z.object({ period, approve: z.boolean().optional() }).strict();
const recordQuery = z.object({
  format: z.enum(['json', 'csv']).optional(),
  revision: z.coerce.number().int().min(1).optional(),
});
const intervalsQuery = z.object({ revision: z.coerce.number().int().min(1).optional() });

/** Billing runs and records of uptime contracts: rating on demand, records per period, drill-down, statement, health. */
@ApiTags('contracts')
@ApiBearerAuth()
@UseGuards(BearerAuthGuard)
@Controller('api/contracts')
export class BillingRecordsController {
  constructor(
    private readonly stores: BillingStores,
    private readonly contracts: ContractService,
    private readonly billing: BillingRunService,
    private readonly healthService: ContractHealthCacheService,
  ) {}

  @Post(':id/billing-runs')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Rate a period now: same inputs return the stored run; `approve` finalises a draft awaiting review',
  })
  async rate(
    @CallerScope() scope: Scope,
    @CallerActor() actor: string,
    @Param('id') contractId: string,
    @Body() body: unknown,
  ) {
    const b = parseBody(runBody, body);
    const outcome = await this.billing.rate(scope, contractId, b.period, {
      actor,
      approvedBy: b.approve ? actor : undefined,
    });
    return {
      written: outcome.written,
      record: toBillingRecord(outcome.run),
      lines: outcome.run.lines,
    };
  }

  @Get(':id/billing-records')
  @ApiOperation({
    summary:
      'Billing records: the latest revision of each period with availability, operating hours, charges and credits',
  })
  async records(@CurrentCaller() caller: Caller, @Param('id') contractId: string) {
    await this.contracts.contract(caller.scope, contractId);
    return {
      items: (await this.stores.runs.latestPerPeriod(caller.scope, contractId)).map((r) =>
        toBillingRecord(runForCaller(caller, r)),
      ),
    };
  }

  @Get(':id/billing-records/:period')
  @ApiOperation({
    summary: 'One period: the record, its lines and revisions; `?format=csv` for the lines as CSV',
  })
  async record(
    @CurrentCaller() caller: Caller,
    @Param('id') contractId: string,
    @Param('period') p: string,
    @Query() query: unknown,
    @Res({ passthrough: true }) res: Response,
  ) {
    const q = parseBody(recordQuery, query);
    const found = await this.run(caller.scope, contractId, parseBody(period, p), q.revision);
    const run = runForCaller(caller, found.run);
    const revisions = found.revisions.map((r) => runForCaller(caller, r));
    if (q.format === 'csv') {
      res
        .type('text/csv; charset=utf-8')
        .setHeader(
          'content-disposition',
          `attachment; filename="${contractId}-${run.period}-r${run.revision}.csv"`,
        );
      return linesCsv(run);
    }
    return {
      ...toBillingRecord(run),
      lines: run.lines,
      figures: run.figures,
      inputKey: run.inputKey,
      algorithm: run.algorithm,
      inputs: run.inputs,
      revisions: revisions.map((r) => ({
        revision: r.revision,
        status: r.status,
        total: r.total,
        changes: r.changes,
        adjustment: r.adjustment,
        computedAt: r.computedAt,
        finalizedAt: r.finalizedAt,
      })),
    };
  }

  @Get(':id/billing-records/:period/intervals')
  @ApiOperation({
    summary: 'The interval table behind a period (latest revision, or `?revision=`)',
  })
  async intervals(
    @CallerScope() scope: Scope,
    @Param('id') contractId: string,
    @Param('period') p: string,
    @Query() query: unknown,
  ) {
    const { run } = await this.run(
      scope,
      contractId,
      parseBody(period, p),
      parseBody(intervalsQuery, query).revision,
    );
    return {
      period: run.period,
      revision: run.revision,
      status: run.status,
      items: await this.stores.runs.intervals(scope, contractId, run.period, run.revision),
    };
  }

  @Get(':id/billing-records/:period/statement')
  @ApiOperation({ summary: 'A customer-readable statement (Markdown) of a period' })
  async statement(
    @CurrentCaller() caller: Caller,
    @Param('id') contractId: string,
    @Param('period') p: string,
    @Res({ passthrough: true }) res: Response,
  ) {
    const scope = caller.scope;
    const detail = await this.contracts.detail(scope, contractId);
    const run = runForCaller(caller, (await this.run(scope, contractId, parseBody(period, p))).run);
    const all = await this.stores.runs.intervals(scope, contractId, run.period, run.revision);
    const terms =
      detail.versions.filter((v) => v.version === run.figures.versions.at(-1)).at(0)?.terms ??
      detail.currentTerms;
    res.type('text/markdown; charset=utf-8');
    return statementMarkdown(detail, terms, run, all.slice(0, STATEMENT_INTERVAL_ROWS), all.length);
  }

  @Get(':id/health')
  @ApiOperation({
    summary:
      'Availability so far vs target, trend, assets at risk with the credit their failure would cost, service margin (provider users only); served again while its inputs are unchanged (at most 60 s old)',
  })
  async health(@CurrentCaller() caller: Caller, @Param('id') contractId: string) {
    return healthForCaller(
      caller,
      await this.healthService.health(caller.scope, contractId, Date.now()),
    );
  }

  private async run(
    scope: Scope,
    contractId: string,
    periodId: string,
    revision?: number,
  ): Promise<{ run: BillingRun; revisions: BillingRun[] }> {
    await this.contracts.contract(scope, contractId);
    const revisions = await this.stores.runs.revisions(scope, contractId, periodId);
    const run =
      revision === undefined ? revisions[0] : revisions.find((r) => r.revision === revision);
    if (!run)
      throw new BillingError(
        'NOT_FOUND',
        `no billing run for ${contractId} ${periodId}${revision ? ` revision ${revision}` : ''}`,
      );
    return { run, revisions };
  }
}
