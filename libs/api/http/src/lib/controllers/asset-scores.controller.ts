import { Controller, Get, Param, Query, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { Scope } from '@hourglass/platform-tenancy';
import { z } from 'zod';
import { BearerAuthGuard } from '../bearer-auth.guard';
import { NotFoundError, ValidationError } from '../domain-error.filter';
import { parseBody } from '../request-validation';
import { CallerScope } from '../scope.decorator';
import {
  AssetScoreHistoryService,
  DEFAULT_SCORES_RANGE_MS,
} from '../score-history/asset-score-history.service';

const instant = z
  .string()
  .datetime({ offset: true })
  .transform((s) => Date.parse(s));
const scoresQuery = z.object({ from: instant.optional(), to: instant.optional() }).strict();

@ApiTags('assets')
@ApiBearerAuth()
@UseGuards(BearerAuthGuard)
@Controller('api/assets')
export class AssetScoresController {
  constructor(private readonly history: AssetScoreHistoryService) {}

  @Get(':id/scores')
  @ApiOperation({
    summary:
      "An asset's risk (probability) and RUL over time, oldest first: the latest score of each hour, or of each UTC day when the range is over 90 days",
  })
  @ApiQuery({ name: 'from', required: false, description: 'RFC 3339; default: 30 days before to' })
  @ApiQuery({ name: 'to', required: false, description: 'RFC 3339, exclusive; default: now' })
  async scores(@CallerScope() scope: Scope, @Param('id') id: string, @Query() query: unknown) {
    const q = parseBody(scoresQuery, query);
    const to = q.to ?? Date.now();
    const from = q.from ?? to - DEFAULT_SCORES_RANGE_MS;
    if (from >= to) throw new ValidationError('from: must be before to');
    const answer = await this.history.history(scope, id, from, to);
    if (!answer) throw new NotFoundError(`asset ${id} not found`);
    return answer;
  }
}
