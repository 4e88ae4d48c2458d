import { Body, Controller, Get, HttpCode, Param, Post, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { BillingCorrectionService, BillingStores, microsToIso, type StoredCorrection } from '@hourglass/billing-records';
import { BASE_STATES } from '@hourglass/billing-uptime';
import type { Scope } from '@hourglass/platform-tenancy';
import { ApiContext } from '../api-context';
import { BearerAuthGuard } from '../bearer-auth.guard';
import { parseBody } from '../request-validation';
import { CallerScope } from '../scope.decorator';
import { actorOf } from './models.controller';

const correctionBody = z
  .object({
    supersedes: z
      .string()
      .regex(/^(?:(?:STATE|HEARTBEAT|HOUR_METER)@\d{1,17}|c-[0-9a-f-]{36})$/, 'an event id: <STATE|HEARTBEAT|HOUR_METER>@<observed µs> or a correction id c-<uuid>'),
    state: z.enum(BASE_STATES).optional(),
    meterHours: z.number().finite().min(0).max(10_000_000).optional(),
    reason: z.string().trim().min(3).max(2_000),
  })
  .strict()
  .refine((b) => (b.state === undefined) !== (b.meterHours === undefined), { message: 'give exactly one of state and meterHours', path: ['state'] });

const correctionView = (c: StoredCorrection) => ({ ...c, observedAt: microsToIso(c.observedAtUs), receivedAt: microsToIso(c.receivedAtUs) });

/** Corrections of an asset's billing events (uptime-billing spec §3.3): the superseded event stays stored. */
@ApiTags('assets')
@ApiBearerAuth()
@UseGuards(BearerAuthGuard)
@Controller('api/assets')
export class AssetCorrectionsController {
  private readonly service: BillingCorrectionService;

  constructor(context: ApiContext) {
    this.service = new BillingCorrectionService(new BillingStores(context.db));
  }

  @Get(':id/corrections')
  @ApiOperation({ summary: 'Corrections of the billing events of an asset, oldest first' })
  async list(@CallerScope() scope: Scope, @Param('id') assetId: string) {
    return { items: (await this.service.list(scope, assetId)).map(correctionView) };
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
        supersedes: { type: 'string', description: 'event id <kind>@<observed µs> (see the interval table) or a correction id' },
        state: { type: 'string', enum: [...BASE_STATES], description: 'the corrected state (for STATE and HEARTBEAT events)' },
        meterHours: { type: 'number', description: 'the corrected hour-meter reading in hours (for HOUR_METER events)' },
        reason: { type: 'string' },
      },
    },
  })
  async add(@CallerScope() scope: Scope, @Param('id') assetId: string, @Body() body: unknown) {
    const c = await this.service.add(scope, actorOf(scope), assetId, parseBody(correctionBody, body));
    return { ...correctionView(c), original: c.original, contracts: c.contracts };
  }
}
