import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Param,
  Patch,
  Post,
  Query,
  UseGuards,
} from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { webhookCreateRequestSchema, webhookPatchRequestSchema } from '@hourglass/contracts-api';
import { WebhookService } from '@hourglass/notifications-webhooks';
import type { Scope } from '@hourglass/platform-tenancy';
import type { Caller } from '../auth/caller';
import { BearerAuthGuard } from '../bearer-auth.guard';
import { parseBody } from '../request-validation';
import { CallerScope, CurrentCaller } from '../scope.decorator';

const deliveriesQuery = z.object({ limit: z.coerce.number().int().min(1).max(500).optional() });

/**
 * Webhook subscriptions and their delivery log. Provider users manage every tenant's; customer
 * users read their own tenant's (no `Access` opt-in: a subscription makes the platform send
 * requests to a URL of the caller's choosing, which stays with the provider's staff).
 */
@ApiTags('webhooks')
@ApiBearerAuth()
@UseGuards(BearerAuthGuard)
@Controller('api/webhooks')
export class WebhooksController {
  constructor(private readonly webhooks: WebhookService) {}

  @Get()
  @ApiOperation({
    summary: 'Webhook subscriptions (never with their secret) and the event types they may name',
  })
  async list(@CallerScope() scope: Scope) {
    return { items: await this.webhooks.list(scope), eventTypes: this.webhooks.eventTypes() };
  }

  @Post()
  @HttpCode(201)
  @ApiOperation({
    summary:
      'Subscribe a URL to event types of a tenant; the answer holds the signing secret, shown once',
  })
  create(@CurrentCaller() caller: Caller, @Body() body: unknown) {
    return this.webhooks.create(
      caller.scope,
      parseBody(webhookCreateRequestSchema, body),
      caller.actor,
    );
  }

  @Get(':id')
  get(@CallerScope() scope: Scope, @Param('id') id: string) {
    return this.webhooks.get(scope, id);
  }

  @Patch(':id')
  @ApiOperation({
    summary:
      'Change a subscription; enabled: true re-enables a disabled one (failure count reset); rotateSecret: true answers a new secret, once',
  })
  update(@CallerScope() scope: Scope, @Param('id') id: string, @Body() body: unknown) {
    return this.webhooks.update(scope, id, parseBody(webhookPatchRequestSchema, body));
  }

  @Delete(':id')
  @HttpCode(204)
  async remove(@CallerScope() scope: Scope, @Param('id') id: string): Promise<void> {
    await this.webhooks.delete(scope, id);
  }

  @Get(':id/deliveries')
  @ApiOperation({
    summary:
      'The delivery log, newest first: each delivery with its status and every attempt (status code, duration, error)',
  })
  async deliveries(@CallerScope() scope: Scope, @Param('id') id: string, @Query() query: unknown) {
    return {
      items: await this.webhooks.deliveries(scope, id, parseBody(deliveriesQuery, query).limit),
    };
  }

  @Post(':id/deliveries/:deliveryId/replay')
  @HttpCode(202)
  @ApiOperation({ summary: 'Queue a delivery again (same event id, new delivery id)' })
  replay(
    @CallerScope() scope: Scope,
    @Param('id') id: string,
    @Param('deliveryId') deliveryId: string,
  ) {
    return this.webhooks.replay(scope, id, deliveryId);
  }

  @Post(':id/test')
  @HttpCode(202)
  @ApiOperation({
    summary: 'Queue a webhook.test event for this subscription (sent even while it is disabled)',
  })
  test(@CurrentCaller() caller: Caller, @Param('id') id: string) {
    return this.webhooks.test(caller.scope, id, caller.actor);
  }
}
