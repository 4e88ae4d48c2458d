import { Body, Controller, Get, Param, Put, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import {
  FAILURE_CODE_LEVELS,
  FailureCodeRepository,
  hierarchyProblem,
  type FailureCodeLevel,
} from '@hourglass/maintenance-tasks';
import { BearerAuthGuard } from '../bearer-auth.guard';
import { ValidationError } from '../domain-error.filter';
import { parseBody } from '../request-validation';

const assetType = z.string().regex(/^[A-Za-z0-9_.-]{1,64}$/, 'letters, digits, _ . - (at most 64)');
const codesBody = z
  .object({
    codes: z
      .array(
        z
          .object({
            code: z.string().regex(/^[A-Za-z0-9_.-]{1,100}$/),
            level: z.enum(FAILURE_CODE_LEVELS as [FailureCodeLevel, ...FailureCodeLevel[]]),
            parent: z.string().max(100).nullable().default(null),
            description: z.string().min(1).max(500),
          })
          .strict(),
      )
      .max(5_000),
  })
  .strict();

@ApiTags('failure-codes')
@ApiBearerAuth()
@UseGuards(BearerAuthGuard)
@Controller('api/failure-codes')
export class FailureCodesController {
  constructor(private readonly codes: FailureCodeRepository) {}

  @Get(':assetType')
  @ApiOperation({
    summary:
      "An asset type's failure-code hierarchy (component -> problem -> cause -> remedy), components first",
  })
  async list(@Param('assetType') type: string) {
    return { items: await this.codes.list(parseBody(assetType, type)) };
  }

  @Put(':assetType')
  @ApiOperation({
    summary:
      "Replace an asset type's failure-code hierarchy; completed orders keep the codes they name",
  })
  @ApiBody({
    schema: {
      type: 'object',
      required: ['codes'],
      properties: {
        codes: {
          type: 'array',
          items: {
            type: 'object',
            required: ['code', 'level', 'description'],
            properties: {
              code: { type: 'string' },
              level: { enum: [...FAILURE_CODE_LEVELS] },
              parent: { type: 'string', nullable: true },
              description: { type: 'string' },
            },
          },
        },
      },
    },
  })
  async put(@Param('assetType') type: string, @Body() body: unknown) {
    const t = parseBody(assetType, type);
    const { codes } = parseBody(codesBody, body);
    const problem = hierarchyProblem(codes);
    if (problem) throw new ValidationError(`codes: ${problem}`);
    return { items: await this.codes.replace(t, codes) };
  }
}
