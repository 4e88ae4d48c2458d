import {
  Controller,
  ForbiddenException,
  Get,
  HttpCode,
  Param,
  Post,
  Query,
  UseGuards,
} from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { CaseLibraryService } from '@hourglass/service-cases';
import type { Caller } from '../auth/caller';
import { BearerAuthGuard } from '../bearer-auth.guard';
import {
  DEFAULT_PAGE_LIMIT,
  decodeCursor,
  encodeCursor,
  pageQueryFields,
} from '../paging/page-cursor';
import { parseBody } from '../request-validation';
import { CurrentCaller } from '../scope.decorator';

const text = z.string().min(1).max(200).optional();
const casesQuery = z
  .object({ assetType: text, component: text, failureCode: text, q: text, ...pageQueryFields })
  .strict();

/** Cases are drawn from every customer's orders and the fleet range from every customer's telemetry. */
function refuseCustomers(caller: Caller): void {
  if (caller.role === 'customer')
    throw new ForbiddenException(
      "the case library, suggestions and diagnoses are for the provider's and partners' service staff",
    );
}

/**
 * The case library and remote diagnosis (issue 15): cases from completed orders, the suggestion
 * stored with each order, the evidence behind an open order. Provider and partner users (a partner
 * sees every case anonymised, and the suggestion and diagnosis of its assigned orders); customers 403.
 */
@ApiTags('case library')
@ApiBearerAuth()
@UseGuards(BearerAuthGuard)
@Controller('api')
export class CasesController {
  constructor(private readonly library: CaseLibraryService) {}

  @Get('cases')
  @ApiOperation({
    summary:
      'The case library, newest first: per completed order with a failure report {caseId, orderId, tenantId, assetId (not for partners: anonymised), assetType, component, failureCode, problem, cause, remedy, outcome, parts, labourHours, notes, pattern [{metric, direction, change, relativeRatePerDay, samples, standardisedChange, tStatistic}] of the 72 h before the order, raisedAt, completedAt}. Customers 403',
  })
  @ApiQuery({ name: 'assetType', required: false })
  @ApiQuery({ name: 'component', required: false })
  @ApiQuery({
    name: 'failureCode',
    required: false,
    description: 'the reported code or any level of its path',
  })
  @ApiQuery({
    name: 'q',
    required: false,
    description: 'case-insensitive text in the note or the codes',
  })
  @ApiQuery({
    name: 'limit',
    required: false,
    description: 'page size (default 100, at most 1,000)',
  })
  @ApiQuery({ name: 'cursor', required: false, description: 'nextCursor of the previous page' })
  async cases(@CurrentCaller() caller: Caller, @Query() query: unknown) {
    refuseCustomers(caller);
    const { limit = DEFAULT_PAGE_LIMIT, cursor, ...filter } = parseBody(casesQuery, query);
    const after = cursor === undefined ? undefined : Number(decodeCursor(cursor, ['n'])[0]);
    const rows = await this.library.list(caller.scope, filter, { limit: limit + 1, after });
    const items = rows.slice(0, limit);
    const last = items[items.length - 1];
    return {
      items,
      ...(rows.length > limit && last ? { nextCursor: encodeCursor([Number(last.caseId)]) } : {}),
    };
  }

  @Get('cases/hit-rate')
  @ApiOperation({
    summary:
      'Hit rate of the suggestions: over completed orders (that the caller sees) whose suggestion was stored before completion, {orders, problemHits, causeHits, problemHitRate, causeHitRate} (top suggested = reported; null without orders). Customers 403',
  })
  hitRate(@CurrentCaller() caller: Caller) {
    refuseCustomers(caller);
    return this.library.hitRate(caller.scope);
  }

  @Get('tasks/:id/suggestion')
  @ApiOperation({
    summary:
      "The suggestion stored with an order (made now when it has none): ranked problems, causes, remedies {code, confidence} and parts {partNumber, quantity, confidence} from the cases of the same asset type and component weighted by the similarity of their pattern to the order's, casesConsidered, pattern, computedAt. 409 for a closed order that had none. Customers 403",
  })
  suggestion(@CurrentCaller() caller: Caller, @Param('id') id: string) {
    refuseCustomers(caller);
    return this.library.suggestion(caller.scope, id);
  }

  @Post('tasks/:id/suggestion')
  @HttpCode(200)
  @ApiOperation({
    summary:
      "Recompute and store an open order's suggestion from the cases now in the library (a closed order keeps the one it had). Provider users",
  })
  refreshSuggestion(@CurrentCaller() caller: Caller, @Param('id') id: string) {
    return this.library.suggestion(caller.scope, id, true);
  }

  @Get('tasks/:id/diagnosis')
  @ApiOperation({
    summary:
      'Remote diagnosis of an open order from stored telemetry, from 72 h before it was raised until now: per metric that moved or is outside the fleet range {metric, move, latest, fleetP5, fleetP95 (5th-95th percentile of up to 20 other assets of the type, same window), outsideSince}, outside first; fleetAssets, window. 409 for a closed order. Customers 403',
  })
  diagnosis(@CurrentCaller() caller: Caller, @Param('id') id: string) {
    refuseCustomers(caller);
    return this.library.diagnosis(caller.scope, id);
  }
}
