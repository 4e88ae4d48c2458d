import { Body, Controller, Delete, Get, HttpCode, Param, Put, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { warningPolicyRequestSchema } from '@hourglass/contracts-api';
import { WarningPolicyRepository } from '@hourglass/maintenance-tasks';
import { Access } from '../auth/route-access.decorator';
import { BearerAuthGuard } from '../bearer-auth.guard';
import { NotFoundError } from '../domain-error.filter';
import { parseBody } from '../request-validation';
import { CallerActor } from '../scope.decorator';

const assetType = z.string().regex(/^[A-Za-z0-9_.-]{1,64}$/, 'letters, digits, _ . - (at most 64)');
/** The component replaced when a body names none. */
const DEFAULT_COMPONENTS: Record<string, string> = { turbofan: 'hpc-module' };

@ApiTags('warning-policies')
@ApiBearerAuth()
@UseGuards(BearerAuthGuard)
@Access('provider-read')
@Controller('api/warning-policies')
export class WarningPoliciesController {
  constructor(private readonly policies: WarningPolicyRepository) {}

  @Get()
  @ApiOperation({
    summary:
      'Stored warning policies; types without one use HG_RISK_THRESHOLD, HG_RISK_CONSECUTIVE and the model horizon',
  })
  async list() {
    return { items: await this.policies.list() };
  }

  @Get(':assetType')
  async get(@Param('assetType') type: string) {
    const policy = await this.policies.get(parseBody(assetType, type));
    if (!policy)
      throw new NotFoundError(`no warning policy for asset type ${type}: the defaults apply`);
    return policy;
  }

  @Put(':assetType')
  @ApiOperation({
    summary:
      "Set an asset type's warning policy; the alerts service applies it from its next round",
  })
  async put(@CallerActor() actor: string, @Param('assetType') type: string, @Body() body: unknown) {
    const t = parseBody(assetType, type);
    const p = parseBody(warningPolicyRequestSchema, body);
    return this.policies.put(
      { assetType: t, ...p, component: p.component ?? DEFAULT_COMPONENTS[t] ?? 'unit' },
      actor,
    );
  }

  @Delete(':assetType')
  @HttpCode(204)
  @ApiOperation({ summary: "Remove an asset type's policy: the defaults apply again" })
  async remove(@Param('assetType') type: string) {
    if (!(await this.policies.delete(parseBody(assetType, type))))
      throw new NotFoundError(`no warning policy for asset type ${type}`);
  }
}
