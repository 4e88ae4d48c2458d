import {
  Body,
  Controller,
  Delete,
  ForbiddenException,
  Get,
  HttpCode,
  Param,
  Post,
  Put,
  Query,
  UseGuards,
} from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { RuleBacktestResponse, RuleResponse } from '@hourglass/contracts-api';
import { RuleBacktestService, RuleRepository } from '@hourglass/maintenance-rules';
import { outsideProvider, type Caller } from '../auth/caller';
import { BearerAuthGuard } from '../bearer-auth.guard';
import { NotFoundError } from '../domain-error.filter';
import { parseBody } from '../request-validation';
import { CallerActor, CurrentCaller } from '../scope.decorator';
import { ruleBacktestSchema, ruleBodySchema } from './service-loop.schemas';

/** Rules are the provider's configuration: customers may not even read them. */
function providerOnly(caller: Caller): Caller {
  if (outsideProvider(caller))
    throw new ForbiddenException(
      `rules are provider configuration; ${caller.role} users cannot read or change them`,
    );
  return caller;
}

@ApiTags('rules')
@ApiBearerAuth()
@UseGuards(BearerAuthGuard)
@Controller('api/rules')
export class RulesController {
  constructor(
    private readonly rules: RuleRepository,
    private readonly backtests: RuleBacktestService,
  ) {}

  @Get()
  @ApiOperation({ summary: 'Rule conditions (provider users); filter by assetType' })
  async list(
    @CurrentCaller() caller: Caller,
    @Query('assetType') assetType?: string,
  ): Promise<{ items: RuleResponse[] }> {
    return { items: await this.rules.list(providerOnly(caller).scope, { assetType }) };
  }

  @Post()
  @ApiOperation({
    summary:
      'Create a rule: {name, assetType, tenantId?, condition {kind, metric, operator ABOVE|BELOW, limit, forSeconds, clearMargin, clearForSeconds}, component, priority?, enabled?}; the rule round raises an order (source RULE) when it fires',
  })
  async create(
    @CurrentCaller() caller: Caller,
    @CallerActor() actor: string,
    @Body() body: unknown,
  ): Promise<RuleResponse> {
    providerOnly(caller);
    return this.rules.create(parseBody(ruleBodySchema, body), actor);
  }

  @Post('backtest')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'How often a condition would have fired on the stored history {assetType, condition, from, to, assetIds?}, per asset and in total; nothing is saved',
  })
  async backtest(
    @CurrentCaller() caller: Caller,
    @Body() body: unknown,
  ): Promise<RuleBacktestResponse> {
    const b = parseBody(ruleBacktestSchema, body);
    return this.backtests.backtest(providerOnly(caller).scope, {
      ...b,
      from: new Date(b.from),
      to: new Date(b.to),
    });
  }

  @Get(':id')
  async get(@CurrentCaller() caller: Caller, @Param('id') id: string): Promise<RuleResponse> {
    const rule = await this.rules.get(providerOnly(caller).scope, id);
    if (!rule) throw new NotFoundError(`no rule ${id}`);
    return rule;
  }

  @Put(':id')
  @ApiOperation({
    summary: 'Replace a rule (same body as POST); its evaluation state on each asset is kept',
  })
  async put(
    @CurrentCaller() caller: Caller,
    @Param('id') id: string,
    @Body() body: unknown,
  ): Promise<RuleResponse> {
    const rule = await this.rules.update(
      providerOnly(caller).scope,
      id,
      parseBody(ruleBodySchema, body),
    );
    if (!rule) throw new NotFoundError(`no rule ${id}`);
    return rule;
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiOperation({ summary: 'Delete a rule with its evaluation state; orders it raised stay' })
  async remove(@CurrentCaller() caller: Caller, @Param('id') id: string): Promise<void> {
    if (!(await this.rules.delete(providerOnly(caller).scope, id)))
      throw new NotFoundError(`no rule ${id}`);
  }
}
