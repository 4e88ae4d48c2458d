import { Body, Controller, Delete, Get, HttpCode, Param, Put, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { WarningPolicyRepository } from '@hourglass/maintenance-tasks';
import { Access } from '../auth/route-access.decorator';
import { BearerAuthGuard } from '../bearer-auth.guard';
import { NotFoundError } from '../domain-error.filter';
import { parseBody } from '../request-validation';
import { CallerActor } from '../scope.decorator';

const assetType = z.string().regex(/^[A-Za-z0-9_.-]{1,64}$/, 'letters, digits, _ . - (at most 64)');
const policyBody = z
  .object({
    threshold: z.number().min(0).max(1),
    horizon: z.number().int().min(1).max(100_000),
    consecutive: z.number().int().min(1).max(1_000),
    component: z.string().min(1).max(100).optional(),
    window: z.number().int().min(1).max(1_000).optional(),
    clearThreshold: z.number().min(0).max(1).optional(),
    cooldownHours: z.number().min(0).max(100_000).optional(),
  })
  .strict()
  .refine((p) => p.window === undefined || p.window >= p.consecutive, {
    message: 'window: at least consecutive (K of the last N scores)',
    path: ['window'],
  })
  .refine((p) => p.clearThreshold === undefined || p.clearThreshold <= p.threshold, {
    message: 'clearThreshold: at most threshold',
    path: ['clearThreshold'],
  });

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
  @ApiBody({
    schema: {
      type: 'object',
      required: ['threshold', 'horizon', 'consecutive'],
      properties: {
        threshold: {
          type: 'number',
          minimum: 0,
          maximum: 1,
          description: 'probability of failure within the horizon that counts',
        },
        horizon: { type: 'integer', minimum: 1, description: 'cycles ahead the probability looks' },
        consecutive: {
          type: 'integer',
          minimum: 1,
          description:
            'K: scores at or above the threshold among the last window (default: in a row) before a task',
        },
        component: { type: 'string', description: 'component the task replaces' },
        window: {
          type: 'integer',
          minimum: 1,
          description:
            'N: consecutive (K) of the last N scores raise an order; default consecutive (K in a row)',
        },
        clearThreshold: {
          type: 'number',
          minimum: 0,
          maximum: 1,
          description:
            'after a model order, none again until the risk went below this; default threshold',
        },
        cooldownHours: {
          type: 'number',
          minimum: 0,
          description:
            "hours after an asset's order closed before the model raises another; default 0",
        },
      },
    },
  })
  async put(@CallerActor() actor: string, @Param('assetType') type: string, @Body() body: unknown) {
    const t = parseBody(assetType, type);
    const p = parseBody(policyBody, body);
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
