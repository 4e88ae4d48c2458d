import {
  Body,
  Controller,
  ForbiddenException,
  Get,
  HttpCode,
  Param,
  Post,
  Put,
  Query,
  UseGuards,
} from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { SchemaObject } from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';
import type { Scope } from '@hourglass/platform-tenancy';
import { ServiceNetworkService, type Partner, type Technician } from '@hourglass/service-network';
import type { Caller } from '../auth/caller';
import { Access } from '../auth/route-access.decorator';
import { BearerAuthGuard } from '../bearer-auth.guard';
import { parseBody } from '../request-validation';
import { CallerScope, CurrentCaller } from '../scope.decorator';
import {
  accountBody,
  assignmentBody,
  figuresQuery,
  partnerBody,
  technicianBody,
  visitBody,
} from './service-network.schemas';

const certification = (b: { certifiedFrom?: string | null; certifiedTo?: string | null }) => ({
  certifiedFrom: b.certifiedFrom ? new Date(b.certifiedFrom).toISOString() : null,
  certifiedTo: b.certifiedTo ? new Date(b.certifiedTo).toISOString() : null,
});

const objectBody = (properties: Record<string, SchemaObject>, required: string[]) => ({
  schema: { type: 'object', required, properties } satisfies SchemaObject,
});

/**
 * The service network (customer-success spec section 1): partners, technicians, the assignment of
 * work orders, visits and the figures. The provider's staff manage it; a partner's users see their
 * partner and its assigned orders and report visits; customers see their tenant's assignments.
 */
@ApiTags('service network')
@ApiBearerAuth()
@UseGuards(BearerAuthGuard)
@Controller('api')
export class ServiceNetworkController {
  constructor(private readonly network: ServiceNetworkService) {}

  @Get('partners')
  @ApiOperation({
    summary: 'Service partners: regions, skills, certification (a partner user sees its own)',
  })
  async partners(@CallerScope() scope: Scope) {
    return { items: await this.network.partners(scope) };
  }

  @Post('partners')
  @HttpCode(201)
  @ApiOperation({ summary: 'Add a certified service partner' })
  @ApiBody(
    objectBody(
      {
        id: { type: 'string' },
        name: { type: 'string' },
        regions: { type: 'array', items: { type: 'string' }, example: ['north'] },
        skills: {
          type: 'array',
          items: { type: 'string' },
          description: 'asset types (turbofan) or type/component (turbofan/hpc-module)',
        },
        certifiedFrom: { type: 'string', format: 'date-time', nullable: true },
        certifiedTo: { type: 'string', format: 'date-time', nullable: true },
      },
      ['id', 'name', 'regions', 'skills'],
    ),
  )
  createPartner(@Body() body: unknown): Promise<Partner> {
    const b = parseBody(partnerBody, body);
    return this.network.createPartner({ ...b, ...certification(b) });
  }

  @Get('partners/:id')
  partner(@CallerScope() scope: Scope, @Param('id') id: string): Promise<Partner> {
    return this.network.partner(scope, id);
  }

  @Get('technicians')
  @ApiOperation({
    summary: 'Technicians of the own team and the partners (a partner user sees its own)',
  })
  async technicians(@CallerScope() scope: Scope) {
    return { items: await this.network.technicians(scope) };
  }

  @Post('technicians')
  @HttpCode(201)
  @ApiOperation({ summary: 'Add a technician of the own team (partnerId null) or of a partner' })
  @ApiBody(
    objectBody(
      {
        id: { type: 'string' },
        name: { type: 'string' },
        partnerId: { type: 'string', nullable: true },
        regions: { type: 'array', items: { type: 'string' } },
        skills: { type: 'array', items: { type: 'string' } },
        certifiedFrom: { type: 'string', format: 'date-time', nullable: true },
        certifiedTo: { type: 'string', format: 'date-time', nullable: true },
      },
      ['id', 'name', 'partnerId'],
    ),
  )
  createTechnician(@Body() body: unknown): Promise<Technician> {
    const b = parseBody(technicianBody, body);
    return this.network.createTechnician({
      ...b,
      regions: b.regions ?? [],
      skills: b.skills ?? [],
      ...certification(b),
    });
  }

  @Get('assignments')
  @ApiOperation({ summary: 'The current assignment of every order the caller sees, newest first' })
  async assignments(@CallerScope() scope: Scope) {
    return { items: await this.network.currentAssignments(scope) };
  }

  @Post('tasks/:id/assignment')
  @HttpCode(201)
  @ApiOperation({
    summary:
      'Assign or re-assign an order: RULE picks a partner serving the region with the skill and a certification valid on the planned date (else the own team); HAND names the partner (null = own team). The previous assignment stays in the history',
  })
  @ApiBody(
    objectBody(
      {
        mode: { enum: ['RULE', 'HAND'] },
        region: { type: 'string' },
        plannedAt: { type: 'string', format: 'date-time' },
        partnerId: { type: 'string', nullable: true, description: 'HAND only' },
        technicianId: { type: 'string', description: 'HAND only' },
        reason: { type: 'string', description: 'HAND only' },
      },
      ['mode', 'region', 'plannedAt'],
    ),
  )
  assign(@CurrentCaller() caller: Caller, @Param('id') id: string, @Body() body: unknown) {
    return this.network.assign(caller.scope, id, parseBody(assignmentBody, body), caller.actor);
  }

  @Get('tasks/:id/assignments')
  @ApiOperation({ summary: "An order's assignments, oldest first (re-assignments recorded)" })
  async history(@CallerScope() scope: Scope, @Param('id') id: string) {
    return { items: await this.network.history(scope, id) };
  }

  @Post('tasks/:id/visits')
  @HttpCode(201)
  @Access('any-user')
  @ApiOperation({
    summary:
      'Report a visit of the assigned team: arrival, departure, outcome (FIXED or NEEDS_ANOTHER_VISIT) and where the parts brought came from (the suggestion or a default kit)',
  })
  @ApiBody(
    objectBody(
      {
        technicianId: { type: 'string' },
        arrivedAt: { type: 'string', format: 'date-time' },
        departedAt: { type: 'string', format: 'date-time' },
        outcome: { enum: ['FIXED', 'NEEDS_ANOTHER_VISIT'] },
        partsSource: { enum: ['SUGGESTION', 'DEFAULT_KIT'] },
      },
      ['technicianId', 'arrivedAt', 'outcome'],
    ),
  )
  recordVisit(@CurrentCaller() caller: Caller, @Param('id') id: string, @Body() body: unknown) {
    if (caller.role === 'customer')
      throw new ForbiddenException('visits are reported by the provider or the assigned partner');
    return this.network.recordVisit(caller.scope, id, parseBody(visitBody, body), caller.actor);
  }

  @Get('tasks/:id/visits')
  @ApiOperation({ summary: "An order's visits, in arrival order" })
  async visits(@CallerScope() scope: Scope, @Param('id') id: string) {
    return { items: await this.network.visits(scope, id) };
  }

  @Put('tasks/:id/service-account')
  @ApiOperation({ summary: "Set an order's service revenue and its cost (parts, labour, travel)" })
  @ApiBody(
    objectBody(
      {
        revenue: { type: 'string', example: '1200.00' },
        partsCost: { type: 'string' },
        labourCost: { type: 'string' },
        travelCost: { type: 'string' },
      },
      ['revenue', 'partsCost', 'labourCost', 'travelCost'],
    ),
  )
  putAccount(@CallerScope() scope: Scope, @Param('id') id: string, @Body() body: unknown) {
    return this.network.putAccount(scope, { orderId: id, ...parseBody(accountBody, body) });
  }

  @Get('service-network/figures')
  @ApiOperation({
    summary:
      'First-time fix rate, response time, service revenue per engineer and the input-output ratio (overall, per partner, region and asset type; response time per priority) and lifecycle service cost per asset type, for [from, to)',
  })
  figures(@CallerScope() scope: Scope, @Query() query: unknown) {
    const q = parseBody(figuresQuery, query);
    return this.network.figures(scope, { from: Date.parse(q.from), to: Date.parse(q.to) });
  }
}
