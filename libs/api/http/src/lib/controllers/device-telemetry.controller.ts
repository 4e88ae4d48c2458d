import { Controller, HttpCode, Param, Post, Req, UseGuards } from '@nestjs/common';
import {
  ApiBasicAuth,
  ApiBody,
  ApiConsumes,
  ApiOperation,
  ApiResponse,
  ApiTags,
} from '@nestjs/swagger';
import { DeviceBasicAuthGuard } from '../device-telemetry/device-basic-auth.guard';
import { TelemetryIntakeService } from '../device-telemetry/telemetry-intake.service';

const SAMPLE = {
  type: 'object',
  required: ['ts', 'metrics'],
  properties: {
    ts: {
      oneOf: [
        { type: 'integer', description: 'epoch ms' },
        { type: 'string', format: 'date-time' },
      ],
    },
    seq: { type: 'integer', minimum: 0 },
    metrics: { type: 'object', additionalProperties: { type: 'number' } },
    state: { type: 'string', enum: ['RUN', 'STANDBY', 'FAULT', 'CUSTOMER_STOP'] },
  },
};

/** HTTP telemetry for devices and gateways that cannot hold an MQTT connection (issue 18). */
@ApiTags('telemetry')
@ApiBasicAuth('device')
@UseGuards(DeviceBasicAuthGuard)
@Controller('api/devices')
export class DeviceTelemetryController {
  constructor(private readonly intake: TelemetryIntakeService) {}

  @Post(':id/telemetry')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Telemetry of one device, as on the MQTT topic devices/{id}/telemetry',
    description:
      'Basic auth with the device\'s MQTT username and password. The body is the MQTT message: one sample or {"batch": [...]}, read as bytes whatever the Content-Type. 200 only once the samples are durable (stored or spooled); rejected samples are counted and dead-lettered as on MQTT.',
  })
  @ApiConsumes('application/json')
  @ApiBody({
    schema: {
      oneOf: [
        SAMPLE,
        {
          type: 'object',
          required: ['batch'],
          properties: { batch: { type: 'array', items: SAMPLE } },
        },
      ],
    },
  })
  @ApiResponse({
    status: 200,
    description: 'Durable: `accepted` samples stored or spooled; `rejected` lists what was not',
  })
  @ApiResponse({ status: 400, description: 'Nothing could be stored: every reason named' })
  @ApiResponse({ status: 401, description: 'Missing or wrong device credentials' })
  @ApiResponse({ status: 403, description: "Another device's id" })
  @ApiResponse({ status: 413, description: 'Body over 1 MiB' })
  @ApiResponse({ status: 429, description: 'Ingest backlog full: retry after `Retry-After` s' })
  @ApiResponse({ status: 503, description: 'No ingest in this process, or it is shutting down' })
  async post(@Param('id') id: string, @Req() request: { body?: unknown }) {
    const payload = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
    return this.intake.submit(id, payload);
  }
}
