import { Controller, Get, Param, Query, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import type { Scope } from '@hourglass/platform-tenancy';
import { ApiContext } from '../api-context';
import { AssetQueryService } from '../asset-query.service';
import { BearerAuthGuard } from '../bearer-auth.guard';
import { NotFoundError } from '../domain-error.filter';
import { parseBody } from '../request-validation';
import { CallerScope } from '../scope.decorator';

const time = z.union([z.string().regex(/^\d+$/).transform(Number), z.string().datetime({ offset: true }).transform((s) => Date.parse(s))]);
const telemetryQuery = z.object({
  from: time.optional(),
  to: time.optional(),
  metrics: z.string().regex(/^[A-Za-z0-9_.,-]+$/).optional(),
  limit: z.coerce.number().int().min(1).max(100_000).optional(),
});

@ApiTags('assets')
@ApiBearerAuth()
@UseGuards(BearerAuthGuard)
@Controller('api/assets')
export class AssetsController {
  private readonly assets: AssetQueryService;

  constructor(private readonly context: ApiContext) {
    this.assets = new AssetQueryService(context.db);
  }

  @Get()
  @ApiOperation({ summary: 'Assets with state, lastSeen and the latest risk score' })
  async list(@CallerScope() scope: Scope) {
    return { items: await this.assets.list(scope) };
  }

  @Get(':id')
  async get(@CallerScope() scope: Scope, @Param('id') id: string) {
    const [asset] = await this.assets.list(scope, id);
    if (!asset) throw new NotFoundError(`asset ${id} not found`);
    return asset;
  }

  @Get(':id/telemetry')
  @ApiOperation({ summary: 'Telemetry series of an asset (default: the last hour)' })
  @ApiQuery({ name: 'from', required: false, description: 'epoch ms or RFC 3339' })
  @ApiQuery({ name: 'to', required: false, description: 'epoch ms or RFC 3339' })
  @ApiQuery({ name: 'metrics', required: false, description: 'comma-separated metric names' })
  async telemetry(@CallerScope() scope: Scope, @Param('id') id: string, @Query() query: unknown) {
    const q = parseBody(telemetryQuery, query);
    const [asset] = await this.assets.list(scope, id);
    if (!asset) throw new NotFoundError(`asset ${id} not found`);
    const to = q.to ?? Date.now() + 1;
    const from = q.from ?? to - 3_600_000;
    const items = await this.context.telemetry.query(asset.deviceId, {
      from,
      to,
      metrics: q.metrics?.split(','),
      limit: q.limit ?? 10_000,
    });
    return { assetId: id, from: new Date(from).toISOString(), to: new Date(to).toISOString(), items };
  }
}
