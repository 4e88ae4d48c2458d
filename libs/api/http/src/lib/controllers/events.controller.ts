import { Controller, Get, Req, Res, ServiceUnavailableException, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import type { LiveEvent } from '@hourglass/contracts-api';
import type { Caller } from '../auth/caller';
import { BearerAuthGuard } from '../bearer-auth.guard';
import { LiveEventHub } from '../live/live-event.hub';
import { CurrentCaller } from '../scope.decorator';

const frame = (event: LiveEvent) => `event: ${event.type}\ndata: ${JSON.stringify(event)}\n\n`;

/** `GET /api/events`: live updates as server-sent events, scoped to the caller's tenants. */
@ApiTags('events')
@ApiBearerAuth()
@UseGuards(BearerAuthGuard)
@Controller('api/events')
export class EventsController {
  constructor(private readonly hub: LiveEventHub) {}

  @Get()
  @ApiProduces('text/event-stream')
  @ApiOperation({
    summary:
      "Server-sent events of the caller's tenants: asset.state (an asset's state changed) and order.raised (a new work order); polled every 2 s while anyone listens. The console reads it with fetch (EventSource cannot send the bearer token)",
  })
  stream(@CurrentCaller() caller: Caller, @Req() request: Request, @Res() response: Response) {
    let heartbeat: NodeJS.Timeout | undefined;
    const unsubscribe = this.hub.subscribe(
      caller.scope,
      (event) => response.write(frame(event)),
      () => response.end(),
    );
    if (!unsubscribe)
      throw new ServiceUnavailableException('too many live streams open: retry later');
    response.status(200).set({
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache, no-transform',
      connection: 'keep-alive',
      'x-accel-buffering': 'no',
    });
    response.flushHeaders();
    response.write(`retry: 5000\n: live updates of ${caller.actor}\n\n`);
    heartbeat = setInterval(() => response.write(': ping\n\n'), this.hub.options.heartbeatMs);
    heartbeat.unref();
    request.on('close', () => {
      clearInterval(heartbeat);
      heartbeat = undefined;
      unsubscribe();
    });
  }
}
