import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Param,
  Post,
  Query,
  UseGuards,
} from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { provisionDeviceRequestSchema } from '@hourglass/contracts-api';
import type { Scope } from '@hourglass/platform-tenancy';
import { ApiContext } from '../api-context';
import { BearerAuthGuard } from '../bearer-auth.guard';
import { ApiPageQuery, idOrderedPage, pageQueryFields } from '../paging/page-cursor';
import { parseBody } from '../request-validation';
import { CallerScope } from '../scope.decorator';

const listQuery = z.object(pageQueryFields).strict();

@ApiTags('devices')
@ApiBearerAuth()
@UseGuards(BearerAuthGuard)
@Controller('api/devices')
export class DevicesController {
  constructor(private readonly context: ApiContext) {}

  @Get()
  @ApiOperation({ summary: 'Provisioned devices in id order, a page at a time' })
  @ApiPageQuery()
  async list(@CallerScope() scope: Scope, @Query() query: unknown) {
    return idOrderedPage(parseBody(listQuery, query), (page) =>
      this.context.devices.list(scope, page),
    );
  }

  @Post()
  @ApiOperation({ summary: 'Provision a device; the answer carries its MQTT password, shown once' })
  async provision(@CallerScope() scope: Scope, @Body() body: unknown) {
    return this.context.devices.provision(scope, parseBody(provisionDeviceRequestSchema, body));
  }

  @Get(':id')
  async get(@CallerScope() scope: Scope, @Param('id') id: string) {
    return this.context.devices.get(scope, id);
  }

  @Post(':id/credentials')
  @HttpCode(200)
  @ApiOperation({ summary: 'Rotate the MQTT password (the old one stops working)' })
  async rotate(@CallerScope() scope: Scope, @Param('id') id: string) {
    return { credentials: await this.context.devices.rotateCredentials(scope, id) };
  }

  @Delete(':id/credentials')
  @HttpCode(204)
  @ApiOperation({
    summary: 'Revoke the device credentials; its MQTT connections are closed at once',
  })
  async revoke(@CallerScope() scope: Scope, @Param('id') id: string): Promise<void> {
    await this.context.devices.revoke(scope, id);
  }
}
