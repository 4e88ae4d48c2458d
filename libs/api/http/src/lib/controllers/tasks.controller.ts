import { Body, Controller, Get, Param, Patch, Query, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { TASK_STATUSES, type TaskStatus } from '@hourglass/maintenance-tasks';
import type { Scope } from '@hourglass/platform-tenancy';
import { ApiContext } from '../api-context';
import { BearerAuthGuard } from '../bearer-auth.guard';
import { NotFoundError } from '../domain-error.filter';
import { parseBody } from '../request-validation';
import { CallerScope } from '../scope.decorator';

const status = z.enum(TASK_STATUSES as [TaskStatus, ...TaskStatus[]]);
const listQuery = z.object({ status: status.optional(), assetId: z.string().optional() });
const patchBody = z
  .object({ status: status.optional(), outcome: z.string().max(500).nullable().optional() })
  .strict()
  .refine((b) => b.status !== undefined || b.outcome !== undefined, 'give status or outcome');

@ApiTags('tasks')
@ApiBearerAuth()
@UseGuards(BearerAuthGuard)
@Controller('api/tasks')
export class TasksController {
  constructor(private readonly context: ApiContext) {}

  @Get()
  @ApiOperation({ summary: 'Preventive-replacement tasks, newest first' })
  async list(@CallerScope() scope: Scope, @Query() query: unknown) {
    return { items: await this.context.tasks.list(scope, parseBody(listQuery, query)) };
  }

  @Get(':id')
  async get(@CallerScope() scope: Scope, @Param('id') id: string) {
    const task = await this.context.tasks.get(scope, id);
    if (!task) throw new NotFoundError(`task ${id} not found`);
    return task;
  }

  @Patch(':id')
  @ApiOperation({ summary: 'Work a task: change its status and record the outcome' })
  @ApiBody({ schema: { type: 'object', properties: { status: { enum: [...TASK_STATUSES] }, outcome: { type: 'string' } } } })
  async update(@CallerScope() scope: Scope, @Param('id') id: string, @Body() body: unknown) {
    const task = await this.context.tasks.update(scope, id, parseBody(patchBody, body));
    if (!task) throw new NotFoundError(`task ${id} not found`);
    return task;
  }
}
