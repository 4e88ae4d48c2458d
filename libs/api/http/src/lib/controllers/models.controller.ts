import { Controller, Delete, Get, HttpCode, Param, Post, Query, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import type { Scope } from '@hourglass/platform-tenancy';
import { ModelRegistryService, RiskScoreRepository } from '@hourglass/risk-scoring';
import { ApiContext } from '../api-context';
import { Access } from '../auth/route-access.decorator';
import { BearerAuthGuard } from '../bearer-auth.guard';
import { DEFAULT_PAGE_LIMIT, decodeCursor, pageQueryFields, toPage } from '../paging/page-cursor';
import { parseBody } from '../request-validation';
import { CallerActor, CallerScope } from '../scope.decorator';

const deadLetterQuery = z
  .object({ reason: z.string().max(100).optional(), ...pageQueryFields })
  .strict();
const historyQuery = z.object({ limit: z.coerce.number().int().min(1).max(1_000).optional() });
const shadowQuery = z.object({ version: z.string().min(1).max(200) });

@ApiTags('models')
@ApiBearerAuth()
@UseGuards(BearerAuthGuard)
@Controller('api')
export class ModelsController {
  constructor(
    private readonly context: ApiContext,
    private readonly registry: ModelRegistryService,
    private readonly scores: RiskScoreRepository,
  ) {}

  @Get('models')
  @Access('provider-read')
  @ApiOperation({
    summary: 'Model versions with their model cards; the active and the shadow one marked',
  })
  list() {
    return this.registry.list();
  }

  @Get('models/history')
  @Access('provider-read')
  @ApiOperation({ summary: 'Audit of promotions, rollbacks and shadow changes, newest first' })
  async history(@Query() query: unknown) {
    return { items: await this.registry.history(parseBody(historyQuery, query).limit) };
  }

  @Get('models/shadow/scores')
  @Access('provider-read')
  @ApiOperation({
    summary: "A challenger's latest shadow score per asset (they never raise tasks)",
  })
  async shadowScores(@CallerScope() scope: Scope, @Query() query: unknown) {
    return { items: await this.scores.shadowScores(scope, parseBody(shadowQuery, query).version) };
  }

  @Get('models/:version/evaluation')
  @Access('provider-read')
  @ApiParam({ name: 'version', description: 'folder name or name@hash' })
  @ApiOperation({
    summary:
      "A version's stored evaluation report: held-out RUL error, calibration, classification and the warning backtest per threshold",
  })
  evaluation(@Param('version') version: string) {
    return this.registry.evaluation(version);
  }

  @Post('models/rollback')
  @HttpCode(200)
  @ApiOperation({ summary: 'Make the previously active version active again' })
  rollback(@CallerActor() actor: string) {
    return this.registry.rollback(actor);
  }

  @Delete('models/shadow')
  @ApiOperation({ summary: 'Stop shadow scoring' })
  clearShadow(@CallerActor() actor: string) {
    return this.registry.clearShadow(actor);
  }

  @Post('models/:version/promote')
  @HttpCode(200)
  @ApiParam({ name: 'version', description: 'folder name or name@hash' })
  @ApiOperation({
    summary: 'Make a version active: scoring switches on its next round, without a restart',
  })
  promote(@CallerActor() actor: string, @Param('version') version: string) {
    return this.registry.promote(version, actor);
  }

  @Post('models/:version/shadow')
  @HttpCode(200)
  @ApiParam({ name: 'version', description: 'folder name or name@hash' })
  @ApiOperation({ summary: 'Score a challenger version in shadow beside the active one' })
  shadow(@CallerActor() actor: string, @Param('version') version: string) {
    return this.registry.shadow(version, actor);
  }

  @Get('dead-letters')
  @ApiOperation({ summary: 'Rejected telemetry, newest first, with the reason, a page at a time' })
  async deadLetters(@CallerScope() scope: Scope, @Query() query: unknown) {
    const q = parseBody(deadLetterQuery, query);
    const limit = q.limit ?? DEFAULT_PAGE_LIMIT;
    const before = q.cursor === undefined ? undefined : Number(decodeCursor(q.cursor, ['n'])[0]);
    // Ingest knows no tenants: a customer sees its tenant's devices' letters, the provider every letter (unknown devices' too).
    const deviceIds =
      scope.kind === 'provider' ? undefined : await this.context.devices.deviceIds(scope);
    return toPage(
      await this.context.deadLetters.list({
        deviceIds,
        reason: q.reason,
        limit: limit + 1,
        before,
      }),
      limit,
      (d) => [d.id],
    );
  }
}
