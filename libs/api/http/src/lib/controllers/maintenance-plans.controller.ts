import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Param,
  Patch,
  Post,
  UseGuards,
} from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type {
  MaintenancePlanResponse,
  MaintenancePlanScheduleResponse,
} from '@hourglass/contracts-api';
import {
  DEFAULT_REMINDER_DAYS,
  MaintenancePlanRepository,
  PlanScheduleService,
} from '@hourglass/maintenance-plans';
import { tenantScope, type Scope } from '@hourglass/platform-tenancy';
import { BearerAuthGuard } from '../bearer-auth.guard';
import { NotFoundError, ValidationError } from '../domain-error.filter';
import { parseBody } from '../request-validation';
import { CallerActor, CallerScope } from '../scope.decorator';
import { DeviceFleetAssets } from '../service-loop.providers';
import { planCreateSchema, planPatchSchema } from './service-loop.schemas';

@ApiTags('maintenance-plans')
@ApiBearerAuth()
@UseGuards(BearerAuthGuard)
@Controller('api/maintenance-plans')
export class MaintenancePlansController {
  constructor(
    private readonly plans: MaintenancePlanRepository,
    private readonly schedules: PlanScheduleService,
    private readonly assets: DeviceFleetAssets,
  ) {}

  @Get()
  @ApiOperation({ summary: "Maintenance plans in the caller's tenants" })
  async list(@CallerScope() scope: Scope): Promise<{ items: MaintenancePlanResponse[] }> {
    return { items: await this.plans.list(scope) };
  }

  @Post()
  @ApiOperation({
    summary:
      'Create a plan (provider users): {tenantId, name, assetType | assetId, component, intervalDays?, intervalHours? (whichever first), leadDays?, reminderDays? [30,15,7,0], timeZone? UTC, priority?, startsAt? now, enabled?}',
  })
  async create(
    @CallerActor() actor: string,
    @Body() body: unknown,
  ): Promise<MaintenancePlanResponse> {
    const b = parseBody(planCreateSchema, body);
    if (b.assetId !== undefined && !(await this.assets.get(tenantScope(b.tenantId), b.assetId))) {
      throw new NotFoundError(`no asset ${b.assetId} in tenant ${b.tenantId}`);
    }
    const plan = await this.plans.create(
      {
        tenantId: b.tenantId,
        name: b.name,
        target:
          b.assetId !== undefined ? { assetId: b.assetId } : { assetType: b.assetType as string },
        component: b.component,
        intervalDays: b.intervalDays,
        intervalHours: b.intervalHours,
        leadDays: b.leadDays,
        reminderDays: [...(b.reminderDays ?? DEFAULT_REMINDER_DAYS)].sort((x, y) => y - x),
        timeZone: b.timeZone,
        priority: b.priority,
        startsAt: b.startsAt ?? new Date().toISOString(),
        enabled: b.enabled,
      },
      actor,
    );
    if (!plan) throw new ValidationError(`tenantId: no tenant ${b.tenantId}`);
    return plan;
  }

  @Get(':id')
  async get(
    @CallerScope() scope: Scope,
    @Param('id') id: string,
  ): Promise<MaintenancePlanResponse> {
    const plan = await this.plans.get(scope, id);
    if (!plan) throw new NotFoundError(`no maintenance plan ${id}`);
    return plan;
  }

  @Patch(':id')
  @ApiOperation({
    summary:
      'Change a plan (provider users): any field but tenantId and the target; intervals in progress keep their anchor',
  })
  async patch(
    @CallerScope() scope: Scope,
    @Param('id') id: string,
    @Body() body: unknown,
  ): Promise<MaintenancePlanResponse> {
    const patch = parseBody(planPatchSchema, body);
    const current = await this.plans.get(scope, id);
    if (!current) throw new NotFoundError(`no maintenance plan ${id}`);
    if (
      (patch.intervalDays ?? current.intervalDays) === null &&
      (patch.intervalHours ?? current.intervalHours) === null
    ) {
      throw new ValidationError('intervalDays: a plan needs intervalDays or intervalHours');
    }
    const plan = await this.plans.update(scope, id, {
      ...patch,
      // Absent stays absent: an undefined field would overwrite the plan's days (a 500).
      ...(patch.reminderDays && { reminderDays: [...patch.reminderDays].sort((x, y) => y - x) }),
    });
    if (!plan) throw new NotFoundError(`no maintenance plan ${id}`);
    return plan;
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiOperation({
    summary: 'Delete a plan with its schedule records (provider users); orders it raised stay',
  })
  async remove(@CallerScope() scope: Scope, @Param('id') id: string): Promise<void> {
    if (!(await this.plans.delete(scope, id))) throw new NotFoundError(`no maintenance plan ${id}`);
  }

  @Get(':id/schedule')
  @ApiOperation({
    summary:
      "Each asset's current interval as of the last plan round: due date (and which limit), order date and order, reminders sent, skipped and pending",
  })
  async schedule(
    @CallerScope() scope: Scope,
    @Param('id') id: string,
  ): Promise<MaintenancePlanScheduleResponse> {
    const schedule = await this.schedules.schedule(scope, id);
    if (!schedule) throw new NotFoundError(`no maintenance plan ${id}`);
    return schedule;
  }
}
