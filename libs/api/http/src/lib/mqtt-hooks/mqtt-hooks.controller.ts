import {
  Body,
  Controller,
  HttpCode,
  Post,
  ServiceUnavailableException,
  UseGuards,
} from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { ApiContext } from '../api-context';
import { parseBody } from '../request-validation';
import { MqttHookGuard } from './mqtt-hook.guard';
import { MqttAccessPolicy } from './mqtt-access.policy';

// EMQX fills its request templates with strings (`"${qos}"`); only the fields used are required.
const connectBody = z.object({
  clientid: z.string(),
  username: z.string().default(''),
  password: z.string().default(''),
});
const accessBody = z.object({
  clientid: z.string(),
  username: z.string().default(''),
  action: z.enum(['publish', 'subscribe']),
  topic: z.string(),
});

/** EMQX's answer format: 200 with `result` allow or deny (`is_superuser` never granted). */
type HookAnswer = { result: 'allow' | 'deny'; is_superuser?: false };

/**
 * The HTTP authentication and authorization hooks of an external MQTT broker (EMQX 5's `http`
 * authenticator and authorizer): the embedded broker's credentials and topic ACL, so devices
 * connect to a broker cluster with the same credentials and rules (deploy/README.md shows the EMQX
 * configuration). Served only when the composition root configures them.
 */
@ApiTags('mqtt')
@Controller('api/mqtt')
@UseGuards(MqttHookGuard)
export class MqttHooksController {
  private readonly policy: MqttAccessPolicy;

  constructor(context: ApiContext) {
    this.policy = new MqttAccessPolicy(context.devices, context.mqttHooks?.services ?? []);
  }

  @Post('authenticate')
  @HttpCode(200)
  @ApiOperation({ summary: 'EMQX HTTP authentication: {clientid, username, password} -> {result}' })
  async authenticate(@Body() body: unknown): Promise<HookAnswer> {
    const query = parseBody(connectBody, body);
    const decision = await this.policy
      .authenticate({
        clientId: query.clientid,
        username: query.username,
        password: query.password,
      })
      .catch(() => {
        // Fail closed: a broker whose only authenticator answers 503 refuses the client.
        throw new ServiceUnavailableException('device registry unavailable');
      });
    return decision.allowed ? { result: 'allow', is_superuser: false } : { result: 'deny' };
  }

  @Post('authorize')
  @HttpCode(200)
  @ApiOperation({
    summary: 'EMQX HTTP authorization: {clientid, username, action, topic} -> {result}',
  })
  authorize(@Body() body: unknown): HookAnswer {
    const query = parseBody(accessBody, body);
    const allowed = this.policy.authorize({
      clientId: query.clientid,
      username: query.username,
      action: query.action,
      topic: query.topic,
    });
    return { result: allowed ? 'allow' : 'deny' };
  }
}
