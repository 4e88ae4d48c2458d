import type { SchemaObject } from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';
import { TASK_STATUSES } from '@hourglass/maintenance-tasks';

/** OpenAPI schema of the `PATCH /api/tasks/{id}` body (validated by zod in the controller). */
export const TASK_PATCH_SCHEMA: SchemaObject = {
  type: 'object',
  properties: {
    status: {
      enum: [...TASK_STATUSES],
      description:
        'OPEN -> ACKNOWLEDGED -> SCHEDULED -> IN_PROGRESS -> DONE, WAITING_PARTS while parts are short, CANCELLED until work starts; DONE and CANCELLED are final (409 otherwise)',
    },
    plannedFor: {
      type: 'string',
      format: 'date-time',
      description: 'planned date; required (now or before) for SCHEDULED',
    },
    assignee: {
      type: 'string',
      description: 'who works the order; required (now or before) for SCHEDULED',
    },
    outcome: {
      type: 'string',
      nullable: true,
      description: 'free-text note (what older orders have instead of a report)',
    },
    report: {
      type: 'object',
      description:
        'failure report, required with status DONE (400 naming the missing field); unit costs and labour rate (provider users) price the order unless cost is given',
      properties: {
        outcome: { enum: ['DEFECT_CONFIRMED_REPLACED', 'NO_FAULT_FOUND', 'OTHER'] },
        failureCode: {
          type: 'string',
          description:
            "a problem, cause or remedy code under the order's component (GET /api/failure-codes/{assetType})",
        },
        parts: {
          type: 'array',
          items: {
            type: 'object',
            required: ['partNumber', 'quantity'],
            properties: {
              partNumber: { type: 'string' },
              quantity: { type: 'integer', minimum: 1 },
              unitCost: { type: 'string', example: '1200.00' },
            },
          },
        },
        labourHours: { type: 'number', minimum: 0 },
        labourRate: { type: 'string', description: 'per hour, decimal', example: '95.00' },
      },
    },
    cost: {
      oneOf: [
        { type: 'string', pattern: '^\\d+(\\.\\d{1,2})?$' },
        { type: 'number', minimum: 0 },
      ],
      description:
        'what doing the task cost, >= 0, at most 2 decimals, stored exactly; contract health subtracts the cost of DONE tasks from billed revenue (service margin). Provider users only',
      example: '1250.50',
    },
  },
};
