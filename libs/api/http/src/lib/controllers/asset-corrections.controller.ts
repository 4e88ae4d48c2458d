import { Body, Controller, Get, HttpCode, Param, Post, Query, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import {
  BillingCorrectionService,
  BillingStores,
  isoToMicros,
  microsToIso,
  type ListedEvent,
  type StoredCorrection,
} from '@hourglass/billing-records';
import { BASE_STATES } from '@hourglass/billing-uptime';
import type { Scope } from '@hourglass/platform-tenancy';
import { BearerAuthGuard } from '../bearer-auth.guard';
import { NotFoundError } from '../domain-error.filter';
import { isoInstant, parseBody } from '../request-validation';
import type { Caller } from '../auth/caller';
import { withoutStaffNames } from '../auth/customer-view';
import { CallerActor, CallerScope, CurrentCaller } from '../scope.decorator';

const correctionBody = z
  .object({
    supersedes: z
      .string()
      .regex(
        /^(?:(?:STATE|HEARTBEAT|HOUR_METER)@\d{1,17}|c-[0-9a-f-]{36})$/,
        'an event id: <STATE|HEARTBEAT|HOUR_METER>@<observed µs> or a correction id c-<uuid>',
      ),
    state: z.enum(BASE_STATES).optional(),
    meterHours: z.number().finite().min(0).max(10_000_000).optional(),
    reason: z.string().trim().min(3).max(2_000),
  })
  .strict()
  .refine((b) => (b.state === undefined) !== (b.meterHours === undefined), {
    message: 'give exactly one of state and meterHours',
    path: ['state'],
  });

const eventsQuery = z
  .object({
    from: isoInstant,
    to: isoInstant.optional(),
    limit: z.coerce.number().int().min(1).max(10_000).optional(),
  })
  .strict();

const eventView = (e: ListedEvent) => ({
  id: e.eventId,
  kind: e.kind,
  observedAt: microsToIso(e.observedAtUs),
  receivedAt: microsToIso(e.receivedAtUs),
  state: e.state ?? null,
  meterHours: e.meterHours ?? null,
  supersedes: e.supersedes ?? null,
  supersededBy: e.supersededBy,
});

const correctionView = (c: StoredCorrection) => ({
  ...c,
  observedAt: microsToIso(c.observedAtUs),
  receivedAt: microsToIso(c.receivedAtUs),
});

/** Corrections of an asset's billing events (uptime-billing spec §3.3): the superseded event stays stored. */
@ApiTags('assets')
@ApiBearerAuth()
@UseGuards(BearerAuthGuard)
@Controller('api/assets')
export class AssetCorrectionsController {
  constructor(
    private readonly stores: BillingStores,
    private readonly service: BillingCorrectionService,
  ) {}

  @Get(':id/billing-events')
  @ApiOperation({
    summary:
      'The stored billing events of an asset (state, heartbeat, hour meter, corrections) with their ids, oldest first',
  })
  @ApiQuery({ name: 'from', required: true, description: 'ISO-8601 instant' })
  @ApiQuery({ name: 'to', required: false, description: 'ISO-8601 instant; default from + 1 day' })
  @ApiQuery({
    name: 'limit',
    required: false,
    description: 'at most this many (default and maximum 10,000)',
  })
  async events(@CallerScope() scope: Scope, @Param('id') assetId: string, @Query() query: unknown) {
    const q = parseBody(eventsQuery, query);
    const fromUs = isoToMicros(q.from);
    const toUs = q.to ? isoToMicros(q.to) : fromUs + 86_400_000_000;
    if (!(await this.stores.corrections.asset(scope, assetId)))
      throw new NotFoundError(`asset ${assetId} not found`);
    return {
      items: (await this.stores.events.list(scope, assetId, fromUs, toUs, q.limit ?? 10_000)).map(
        eventView,
      ),
    };
  }

  @Get(':id/corrections')
  @ApiOperation({ summary: 'Corrections of the billing events of an asset, oldest first' })
  async list(@CurrentCaller() caller: Caller, @Param('id') assetId: string) {
    return {
      items: (await this.service.list(caller.scope, assetId)).map((c) =>
        withoutStaffNames(caller, correctionView(c)),
      ),
    };
  }

  @Post(':id/corrections')
  @HttpCode(201)
  @ApiOperation({
    summary:
      'Correct a state or hour-meter event: the next billing run of every contract covering the asset applies it (a new revision); audited on those contracts',
  })
  @ApiBody({
    schema: {
      type: 'object',
      required: ['supersedes', 'reason'],
      properties: {
        supersedes: {
          type: 'string',
          description: 'event id <kind>@<observed µs> (see the interval table) or a correction id',
        },
        state: {
          type: 'string',
          enum: [...BASE_STATES],
          description: 'the corrected state (for STATE and HEARTBEAT events)',
        },
        meterHours: {
          type: 'number',
          description: 'the corrected hour-meter reading in hours (for HOUR_METER events)',
        },
        reason: { type: 'string' },
      },
    },
  })
  async add(
    @CallerScope() scope: Scope,
    @CallerActor() actor: string,
    @Param('id') assetId: string,
    @Body() body: unknown,
  ) {
    const c = await this.service.add(scope, actor, assetId, parseBody(correctionBody, body));
    return { ...correctionView(c), original: c.original, contracts: c.contracts };
  }
}
