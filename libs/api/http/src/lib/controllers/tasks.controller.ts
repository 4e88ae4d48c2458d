import { Body, Controller, ForbiddenException, Get, Param, Patch, Query, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { TASK_STATUSES, TaskCostError, parseTaskCost, type TaskStatus } from '@hourglass/maintenance-tasks';
import { ApiContext } from '../api-context';
import type { Caller } from '../auth/caller';
import { taskForCaller } from '../auth/customer-view';
import { Access } from '../auth/route-access.decorator';
import { BearerAuthGuard } from '../bearer-auth.guard';
import { DEFAULT_PAGE_LIMIT, decodeCursor, encodeCursor, pageQueryFields } from '../paging/page-cursor';
import { NotFoundError } from '../domain-error.filter';
import { parseBody } from '../request-validation';
import { CurrentCaller } from '../scope.decorator';

const status = z.enum(TASK_STATUSES as [TaskStatus, ...TaskStatus[]]);
const listQuery = z.object({ status: status.optional(), assetId: z.string().max(200).optional(), ...pageQueryFields }).strict();
const cost = z.union([z.string().max(40), z.number()]).transform((v, ctx) => {
  try {
    return parseTaskCost(v);
  } catch (error) {
    if (!(error instanceof TaskCostError)) throw error;
    ctx.addIssue({ code: 'custom', message: error.message.replace(/^cost: /, '') });
    return z.NEVER;
  }
});
const patchBody = z
  .object({ status: status.optional(), outcome: z.string().max(500).nullable().optional(), cost: cost.optional() })
  .strict()
  .refine((b) => b.status !== undefined || b.outcome !== undefined || b.cost !== undefined, 'give status, outcome or cost');

@ApiTags('tasks')
@ApiBearerAuth()
@UseGuards(BearerAuthGuard)
@Controller('api/tasks')
export class TasksController {
  constructor(private readonly context: ApiContext) {}

  @Get()
  @ApiOperation({ summary: 'Preventive-replacement tasks, newest first, a page at a time' })
  @ApiQuery({ name: 'limit', required: false, description: 'page size (default 100, at most 1,000)' })
  @ApiQuery({ name: 'cursor', required: false, description: 'nextCursor of the previous page' })
  async list(@CurrentCaller() caller: Caller, @Query() query: unknown) {
    const { limit, cursor, ...filter } = parseBody(listQuery, query);
    const key = cursor === undefined ? undefined : decodeCursor(cursor, ['n', 's']);
    const after = key ? { createdUs: Number(key[0]), id: String(key[1]) } : undefined;
    const page = await this.context.tasks.listPage(caller.scope, filter, { limit: limit ?? DEFAULT_PAGE_LIMIT, after });
    return { items: page.items.map((t) => taskForCaller(caller, t)), ...(page.next ? { nextCursor: encodeCursor([page.next.createdUs, page.next.id]) } : {}) };
  }

  @Get(':id')
  async get(@CurrentCaller() caller: Caller, @Param('id') id: string) {
    const task = await this.context.tasks.get(caller.scope, id);
    if (!task) throw new NotFoundError(`task ${id} not found`);
    return taskForCaller(caller, task);
  }

  @Patch(':id')
  @Access('any-user')
  @ApiOperation({ summary: "Work a task: change its status, record the outcome and (provider users) what it cost; customer users work their own tenant's tasks" })
  @ApiBody({
    schema: {
      type: 'object',
      properties: {
        status: { enum: [...TASK_STATUSES] },
        outcome: { type: 'string', nullable: true },
        cost: {
          oneOf: [{ type: 'string', pattern: '^\\d+(\\.\\d{1,2})?$' }, { type: 'number', minimum: 0 }],
          description: 'what doing the task cost, >= 0, at most 2 decimals, stored exactly; contract health subtracts the cost of DONE tasks from billed revenue (service margin). Provider users only',
          example: '1250.50',
        },
      },
    },
  })
  async update(@CurrentCaller() caller: Caller, @Param('id') id: string, @Body() body: unknown) {
    const patch = parseBody(patchBody, body);
    if (patch.cost !== undefined && caller.role === 'customer') {
      throw new ForbiddenException("a task's cost feeds the provider's service margin: only provider users set it");
    }
    const task = await this.context.tasks.update(caller.scope, id, patch);
    if (!task) throw new NotFoundError(`task ${id} not found`);
    return taskForCaller(caller, task);
  }
}
