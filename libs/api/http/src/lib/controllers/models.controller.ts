import { Controller, Get, Query, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import type { Scope } from '@hourglass/platform-tenancy';
import { listModels } from '@hourglass/risk-scoring';
import { ApiContext } from '../api-context';
import { BearerAuthGuard } from '../bearer-auth.guard';
import { parseBody } from '../request-validation';
import { CallerScope } from '../scope.decorator';

const deadLetterQuery = z.object({ reason: z.string().optional(), limit: z.coerce.number().int().min(1).max(1_000).optional() });

@ApiTags('models')
@ApiBearerAuth()
@UseGuards(BearerAuthGuard)
@Controller('api')
export class ModelsController {
  constructor(private readonly context: ApiContext) {}

  @Get('models')
  @ApiOperation({ summary: 'Model versions with their model cards; the active one marked' })
  list() {
    const active = this.context.activeModel();
    return { items: listModels(this.context.modelsDir).map((m) => ({ name: m.name, version: m.version, active: m.version === active, card: m.card })) };
  }

  @Get('dead-letters')
  @ApiOperation({ summary: 'Rejected telemetry, newest first, with the reason' })
  async deadLetters(@CallerScope() scope: Scope, @Query() query: unknown) {
    return { items: await this.context.deadLetters.list(scope, parseBody(deadLetterQuery, query)) };
  }
}
