import { Controller, Get, Param, Query, Res, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { z } from 'zod';
import type { Scope } from '@hourglass/platform-tenancy';
import {
  TELEMETRY_BUCKET_MS,
  TELEMETRY_RESOLUTIONS,
  pickResolution,
  type TelemetryResolution,
} from '@hourglass/telemetry-store';
import { ApiContext } from '../api-context';
import { AssetQueryService } from '../asset-query.service';
import { BearerAuthGuard } from '../bearer-auth.guard';
import { NotFoundError, ValidationError } from '../domain-error.filter';
import { ApiPageQuery, decodeCursor, idOrderedPage, pageQueryFields } from '../paging/page-cursor';
import { parseBody } from '../request-validation';
import { CallerScope } from '../scope.decorator';
import { TelemetryReadService } from '../telemetry/telemetry-read.service';
import type { TelemetryReadLimits } from '../telemetry/telemetry-read-limits';

/** The latest instant a JavaScript Date holds, ms: later ones cannot be answered and are a 400. */
const MAX_DATE_MS = 8_640_000_000_000_000;
const time = z
  .union([
    z
      .string()
      .regex(/^\d{1,16}$/, 'epoch ms')
      .transform(Number),
    z
      .string()
      .datetime({ offset: true })
      .transform((s) => Date.parse(s)),
  ])
  .refine(
    (ms) => Number.isFinite(ms) && ms <= MAX_DATE_MS,
    'an instant between 1970 and the year 275760',
  );
const telemetryQuery = z
  .object({
    from: time.optional(),
    to: time.optional(),
    metrics: z
      .string()
      .regex(/^[A-Za-z0-9_.,-]+$/)
      .optional(),
    limit: z.coerce.number().int().min(1).optional(),
    resolution: z
      .enum(TELEMETRY_RESOLUTIONS as [TelemetryResolution, ...TelemetryResolution[]])
      .optional(),
    cursor: z.string().min(1).max(200).optional(),
  })
  .strict();
const listQuery = z
  .object({ ...pageQueryFields, connection: z.enum(['ONLINE', 'OFFLINE']).optional() })
  .strict();

/** Without a limit, every bucket of the range (up to the maximum), so an aggregated chart is never cut short. */
function defaultLimit(
  limits: TelemetryReadLimits,
  resolution: TelemetryResolution,
  from: number,
  to: number,
): number {
  if (resolution === 'raw') return limits.defaultRawRows;
  const buckets = Math.ceil((to - from) / TELEMETRY_BUCKET_MS[resolution]);
  return Math.min(limits.maxRows, Math.max(limits.defaultRawRows, buckets));
}

@ApiTags('assets')
@ApiBearerAuth()
@UseGuards(BearerAuthGuard)
@Controller('api/assets')
export class AssetsController {
  constructor(
    private readonly context: ApiContext,
    private readonly assets: AssetQueryService,
    private readonly reader: TelemetryReadService,
  ) {}

  @Get()
  @ApiOperation({ summary: 'Assets with state, lastSeen and the latest risk score' })
  @ApiPageQuery()
  @ApiQuery({
    name: 'connection',
    required: false,
    enum: ['ONLINE', 'OFFLINE'],
    description: 'only assets whose device is connected (ONLINE) or was and is not (OFFLINE)',
  })
  async list(@CallerScope() scope: Scope, @Query() query: unknown) {
    const q = parseBody(listQuery, query);
    return idOrderedPage(q, (page) =>
      this.assets.list(scope, undefined, page, { connection: q.connection }),
    );
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
  @ApiQuery({
    name: 'resolution',
    required: false,
    enum: TELEMETRY_RESOLUTIONS,
    description:
      'raw samples, or 1-minute / 1-hour means (rows at bucket starts); default: picked from the range (raw up to 6 h, 1m up to 14 days, 1h beyond, coarser where raw data has expired)',
  })
  @ApiQuery({
    name: 'limit',
    required: false,
    description:
      'at most this many rows (default 10,000 raw rows or every bucket of the range; at most 100,000)',
  })
  @ApiQuery({
    name: 'cursor',
    required: false,
    description: 'nextCursor of the previous page, with the same from/to/metrics/resolution',
  })
  async telemetry(
    @CallerScope() scope: Scope,
    @Param('id') id: string,
    @Query() query: unknown,
    @Res() res: Response,
  ): Promise<void> {
    const q = parseBody(telemetryQuery, query);
    const limits = this.context.telemetryRead;
    if (q.limit !== undefined && q.limit > limits.maxRows)
      throw new ValidationError(`limit: at most ${limits.maxRows}`);
    const [asset] = await this.assets.list(scope, id);
    if (!asset) throw new NotFoundError(`asset ${id} not found`);
    const now = Date.now();
    const to = q.to ?? now + 1;
    const from = q.from ?? to - 3_600_000;
    const resolution =
      q.resolution ??
      pickResolution(from, to, { nowMs: now, retention: this.context.telemetry.retention });
    const resumeAt = q.cursor === undefined ? from : Number(decodeCursor(q.cursor, ['n'])[0]);
    const head = {
      assetId: id,
      from: new Date(from).toISOString(),
      to: new Date(to).toISOString(),
      resolution,
    };
    const read = {
      from: Math.max(from, resumeAt),
      to,
      metrics: q.metrics?.split(','),
      limit: q.limit ?? defaultLimit(limits, resolution, from, to),
      resolution,
    };
    await this.reader.stream(res, asset.deviceId, head, read);
  }
}
