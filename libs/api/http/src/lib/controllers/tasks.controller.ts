import {
  Body,
  Controller,
  ForbiddenException,
  Get,
  Param,
  Patch,
  Query,
  UseGuards,
} from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import {
  FAILURE_OUTCOMES,
  TASK_STATUSES,
  TaskCostError,
  WorkOrderService,
  parseTaskCost,
  type FailureOutcome,
  type TaskStatus,
} from '@hourglass/maintenance-tasks';
import type { Scope } from '@hourglass/platform-tenancy';
import { ApiContext } from '../api-context';
import { outsideProvider, type Caller } from '../auth/caller';
import { taskForCaller } from '../auth/customer-view';
import { Access } from '../auth/route-access.decorator';
import { BearerAuthGuard } from '../bearer-auth.guard';
import {
  DEFAULT_PAGE_LIMIT,
  decodeCursor,
  encodeCursor,
  pageQueryFields,
} from '../paging/page-cursor';
import { NotFoundError } from '../domain-error.filter';
import { parseBody } from '../request-validation';
import { CallerScope, CurrentCaller } from '../scope.decorator';
import { TASK_PATCH_SCHEMA } from './task-patch.openapi';

const status = z.enum(TASK_STATUSES as [TaskStatus, ...TaskStatus[]]);
const listQuery = z
  .object({
    status: status.optional(),
    assetId: z.string().max(200).optional(),
    ...pageQueryFields,
  })
  .strict();
const cost = z.union([z.string().max(40), z.number()]).transform((v, ctx) => {
  try {
    return parseTaskCost(v);
  } catch (error) {
    if (!(error instanceof TaskCostError)) throw error;
    ctx.addIssue({ code: 'custom', message: error.message.replace(/^cost: /, '') });
    return z.NEVER;
  }
});
// Every report field optional here: the service names the first one missing at completion.
const report = z
  .object({
    outcome: z.enum(FAILURE_OUTCOMES as [FailureOutcome, ...FailureOutcome[]]).optional(),
    failureCode: z.string().min(1).max(100).optional(),
    parts: z
      .array(
        z
          .object({
            partNumber: z.string().min(1).max(100),
            quantity: z.number().int().min(1).max(100_000),
            unitCost: cost.optional(),
          })
          .strict(),
      )
      .max(200)
      .optional(),
    labourHours: z.number().min(0).max(100_000).multipleOf(0.01).optional(),
    labourRate: cost.optional(),
  })
  .strict();
const patchBody = z
  .object({
    status: status.optional(),
    outcome: z.string().max(500).nullable().optional(),
    cost: cost.optional(),
    plannedFor: z.string().datetime({ offset: true }).optional(),
    assignee: z.string().trim().min(1).max(100).optional(),
    report: report.optional(),
  })
  .strict()
  .refine(
    (b) => Object.values(b).some((v) => v !== undefined),
    'give status, outcome, cost, plannedFor or assignee',
  );

@ApiTags('tasks')
@ApiBearerAuth()
@UseGuards(BearerAuthGuard)
@Controller('api/tasks')
export class TasksController {
  constructor(
    private readonly context: ApiContext,
    private readonly orders: WorkOrderService,
  ) {}

  @Get()
  @ApiOperation({ summary: 'Preventive-replacement tasks, newest first, a page at a time' })
  @ApiQuery({
    name: 'limit',
    required: false,
    description: 'page size (default 100, at most 1,000)',
  })
  @ApiQuery({ name: 'cursor', required: false, description: 'nextCursor of the previous page' })
  async list(@CurrentCaller() caller: Caller, @Query() query: unknown) {
    const { limit, cursor, ...filter } = parseBody(listQuery, query);
    const key = cursor === undefined ? undefined : decodeCursor(cursor, ['n', 's']);
    const after = key ? { createdUs: Number(key[0]), id: String(key[1]) } : undefined;
    const page = await this.context.tasks.listPage(caller.scope, filter, {
      limit: limit ?? DEFAULT_PAGE_LIMIT,
      after,
    });
    return {
      items: page.items.map((t) => taskForCaller(caller, t)),
      ...(page.next ? { nextCursor: encodeCursor([page.next.createdUs, page.next.id]) } : {}),
    };
  }

  @Get(':id')
  async get(@CurrentCaller() caller: Caller, @Param('id') id: string) {
    const task = await this.context.tasks.get(caller.scope, id);
    if (!task) throw new NotFoundError(`task ${id} not found`);
    return taskForCaller(caller, task);
  }

  @Get(':id/history')
  @ApiOperation({
    summary:
      "A work order's history: every status change with who and when, escalations, oldest first",
  })
  async history(@CallerScope() scope: Scope, @Param('id') id: string) {
    const items = await this.orders.history(scope, id);
    if (!items) throw new NotFoundError(`task ${id} not found`);
    return { items };
  }

  @Patch(':id')
  @Access('any-user')
  @ApiOperation({
    summary:
      "Work an order through its lifecycle (409 naming the allowed statuses otherwise; recorded in its history under the caller's name), record the outcome and (provider users) what it cost; customer users work their own tenant's orders",
  })
  @ApiBody({ schema: TASK_PATCH_SCHEMA })
  async update(@CurrentCaller() caller: Caller, @Param('id') id: string, @Body() body: unknown) {
    const patch = parseBody(patchBody, body);
    const prices =
      patch.report?.labourRate !== undefined ||
      (patch.report?.parts ?? []).some((p) => p.unitCost !== undefined);
    if ((patch.cost !== undefined || prices) && outsideProvider(caller)) {
      throw new ForbiddenException(
        "a task's cost (and the unit costs and labour rate that price it) feeds the provider's service margin: only provider users set it",
      );
    }
    const task = await this.orders.update(caller.scope, id, patch, caller.actor);
    if (!task) throw new NotFoundError(`task ${id} not found`);
    return taskForCaller(caller, task);
  }
}
