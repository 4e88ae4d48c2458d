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
import { ApiBearerAuth, ApiBody, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import {
  BillingStores,
  ContractService,
  contractTermsSchema,
  microsToIso,
  type StoredCalendarWindow,
  type StoredCategoryOverride,
} from '@hourglass/billing-records';
import { CATEGORIES } from '@hourglass/billing-uptime';
import type { Scope } from '@hourglass/platform-tenancy';
import { ApiContext } from '../api-context';
import { BearerAuthGuard } from '../bearer-auth.guard';
import { isoInstant, parseBody } from '../request-validation';
import { ApiPageQuery, idOrderedPage, pageQueryFields } from '../paging/page-cursor';
import type { Caller } from '../auth/caller';
import { windowForCaller, withoutStaffNames } from '../auth/customer-view';
import { WindowApprovalService } from '../calendar/window-approval.service';
import { Access } from '../auth/route-access.decorator';
import { CallerActor, CallerScope, CurrentCaller } from '../scope.decorator';

const id = z.string().regex(/^[A-Za-z0-9_.:-]{1,100}$/, 'letters, digits, _ . : - (at most 100)');
const instant = isoInstant;

const createBody = z
  .object({
    id,
    name: z.string().min(1).max(200),
    tenantId: id.optional(),
    fleet: z.boolean().optional(),
    assetIds: z.array(id).max(10_000).optional(),
    effectiveFrom: instant.optional(),
    terms: contractTermsSchema,
  })
  .strict();
const listQuery = z.object(pageQueryFields).strict();
const versionBody = z.object({ effectiveFrom: instant, terms: contractTermsSchema }).strict();
const terminateInput = z.object({ endsAt: instant.optional() }).strict();
const addAssetBody = z.object({ assetId: id, from: instant.optional() }).strict();
const removeAssetInput = z.object({ to: instant.optional() }).strict();
const windowBody = z
  .object({
    assetId: id.nullable().optional(),
    kind: z.enum(['PLANNED_MAINT', 'FORCE_MAJEURE', 'CUSTOMER_STOP', 'SUSPENDED']),
    start: instant,
    end: instant,
    actualEnd: instant.nullable().optional(),
    announcedAt: instant.optional(),
    approvedBy: z.string().min(1).max(200).optional(),
  })
  .strict();
const overrideBody = z
  .object({
    assetId: id,
    start: instant,
    end: instant,
    category: z.enum(CATEGORIES),
    reason: z.string().min(3).max(2_000),
  })
  .strict();

const windowView = (w: StoredCalendarWindow) => ({
  ...w,
  start: microsToIso(w.startUs),
  end: microsToIso(w.endUs),
  actualEnd: w.actualEndUs == null ? null : microsToIso(w.actualEndUs),
  announcedAt: microsToIso(w.announcedAtUs),
  approvedAt: microsToIso(w.approvedAtUs),
});
const overrideView = (o: StoredCategoryOverride) => ({
  ...o,
  start: microsToIso(o.startUs),
  end: microsToIso(o.endUs),
});

/** Uptime contracts: headers, effective-dated versions, calendar windows, overrides and their audit. */
@ApiTags('contracts')
@ApiBearerAuth()
@UseGuards(BearerAuthGuard)
@Controller('api/contracts')
export class ContractsController {
  constructor(
    private readonly context: ApiContext,
    private readonly stores: BillingStores,
    private readonly service: ContractService,
    private readonly approvals: WindowApprovalService,
  ) {}

  @Get()
  @ApiOperation({ summary: 'Uptime contracts in id order, a page at a time' })
  @ApiPageQuery()
  async list(@CallerScope() scope: Scope, @Query() query: unknown) {
    return idOrderedPage(parseBody(listQuery, query), (page) =>
      this.context.contracts.list(scope, page),
    );
  }

  @Post()
  @HttpCode(201)
  @ApiOperation({
    summary:
      'Create a contract: header and terms (version 1); terms left out take the spec defaults',
  })
  @ApiBody({
    schema: {
      type: 'object',
      required: ['id', 'name', 'terms'],
      properties: {
        id: { type: 'string' },
        name: { type: 'string' },
        tenantId: { type: 'string' },
        fleet: { type: 'boolean' },
        assetIds: { type: 'array', items: { type: 'string' } },
        effectiveFrom: { type: 'string', format: 'date-time' },
        terms: {
          type: 'object',
          description:
            'tz, currency, ratePerHour, slaTarget required; see the uptime-billing spec §1',
        },
      },
    },
  })
  async create(@CallerScope() scope: Scope, @CallerActor() actor: string, @Body() body: unknown) {
    return this.service.create(scope, actor, parseBody(createBody, body));
  }

  @Get(':id')
  @ApiOperation({
    summary:
      'A contract with its versions, the terms in force now and its asset coverage intervals',
  })
  async get(@CallerScope() scope: Scope, @Param('id') contractId: string) {
    return this.service.detail(scope, contractId);
  }

  @Delete(':id')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Terminate a contract at `endsAt` (body or query; default now): no period from then on is billed, the period holding it is billed up to it. Not a deletion: its records, versions and audit stay',
  })
  @ApiQuery({ name: 'endsAt', required: false, description: 'ISO instant; default now' })
  async terminate(
    @CallerScope() scope: Scope,
    @CallerActor() actor: string,
    @Param('id') contractId: string,
    @Query() query: unknown,
    @Body() body: unknown,
  ) {
    const fromBody = body && typeof body === 'object' && Object.keys(body).length > 0;
    return this.service.terminate(
      scope,
      actor,
      contractId,
      parseBody(terminateInput, fromBody ? body : (query ?? {})),
    );
  }

  @Post(':id/versions')
  @HttpCode(201)
  @ApiOperation({
    summary: 'Add an effective-dated version; terms left out keep the latest version',
  })
  async addVersion(
    @CallerScope() scope: Scope,
    @CallerActor() actor: string,
    @Param('id') contractId: string,
    @Body() body: unknown,
  ) {
    return this.service.addVersion(scope, actor, contractId, parseBody(versionBody, body));
  }

  @Post(':id/assets')
  @HttpCode(201)
  @ApiOperation({
    summary:
      'Cover an asset from `from` (default now) on: billed from then; 409 when it overlaps its coverage or falls inside an issued period',
  })
  @ApiBody({
    schema: {
      type: 'object',
      required: ['assetId'],
      properties: { assetId: { type: 'string' }, from: { type: 'string', format: 'date-time' } },
    },
  })
  async addAsset(
    @CallerScope() scope: Scope,
    @CallerActor() actor: string,
    @Param('id') contractId: string,
    @Body() body: unknown,
  ) {
    return this.service.addAsset(scope, actor, contractId, parseBody(addAssetBody, body));
  }

  @Delete(':id/assets/:assetId')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'End the coverage of an asset at `to` (body or query; default now): billed until then; 409 inside an issued period',
  })
  @ApiQuery({ name: 'to', required: false, description: 'ISO instant; default now' })
  async removeAsset(
    @CallerScope() scope: Scope,
    @CallerActor() actor: string,
    @Param('id') contractId: string,
    @Param('assetId') assetId: string,
    @Query() query: unknown,
    @Body() body: unknown,
  ) {
    const fromBody = body && typeof body === 'object' && Object.keys(body).length > 0;
    return this.service.removeAsset(
      scope,
      actor,
      contractId,
      assetId,
      parseBody(removeAssetInput, fromBody ? body : (query ?? {})),
    );
  }

  @Get(':id/audit')
  @Access('provider-read')
  @ApiOperation({
    summary:
      'Who changed what on the contract, newest first (provider users only: it names their staff)',
  })
  async audit(@CallerScope() scope: Scope, @Param('id') contractId: string) {
    await this.service.contract(scope, contractId);
    return { items: await this.stores.audit.list(scope, contractId) };
  }

  @Get(':id/windows')
  async windows(@CurrentCaller() caller: Caller, @Param('id') contractId: string) {
    const contract = await this.service.contract(caller.scope, contractId);
    const names =
      caller.role === 'customer'
        ? await this.customerUserNames(contract.tenantId)
        : new Set<string>();
    return {
      items: (await this.stores.calendar.windows(caller.scope, contractId)).map((w) =>
        windowForCaller(caller, windowView(w), names),
      ),
    };
  }

  @Post(':id/windows/:windowId/approval')
  @HttpCode(200)
  @Access('any-user')
  @ApiOperation({
    summary:
      "The customer approves a window: recorded under the approving customer user's name at the server's time; audited. Customer users only",
  })
  async approveWindow(
    @CurrentCaller() caller: Caller,
    @Param('id') contractId: string,
    @Param('windowId') windowId: string,
  ) {
    // Only customer users approve, under their own name; the staff who recorded the window stays hidden.
    const approved = await this.approvals.approve(caller, contractId, windowId);
    return windowForCaller(caller, windowView(approved), new Set([caller.actor]));
  }

  private async customerUserNames(tenantId: string): Promise<Set<string>> {
    const rows = await this.context.db.query<{ name: string }>(
      `select name from users where tenant_id = $1 and role = 'customer'`,
      [tenantId],
    );
    return new Set(rows.map((r) => r.name));
  }

  @Post(':id/windows')
  @HttpCode(201)
  @ApiOperation({
    summary:
      "Record a window (planned maintenance, force majeure, customer stop, suspension), approved by the caller: approvedBy may only name the caller, announcedAt may not be in the past; the customer's approval is POST .../windows/{windowId}/approval",
  })
  async addWindow(
    @CurrentCaller() caller: Caller,
    @Param('id') contractId: string,
    @Body() body: unknown,
  ) {
    const window = parseBody(windowBody, body);
    this.approvals.checkNewWindow(caller, window);
    return windowView(await this.service.addWindow(caller.scope, caller.actor, contractId, window));
  }

  @Delete(':id/windows/:windowId')
  @HttpCode(204)
  @ApiOperation({
    summary:
      'Withdraw a window: kept for the runs that used it, left out of the next rating; audited',
  })
  async withdrawWindow(
    @CallerScope() scope: Scope,
    @CallerActor() actor: string,
    @Param('id') contractId: string,
    @Param('windowId') windowId: string,
  ) {
    await this.service.withdrawWindow(scope, actor, contractId, windowId);
  }

  @Get(':id/overrides')
  async overrides(@CurrentCaller() caller: Caller, @Param('id') contractId: string) {
    await this.service.contract(caller.scope, contractId);
    return {
      items: (await this.stores.calendar.overrides(caller.scope, contractId)).map((o) =>
        withoutStaffNames(caller, overrideView(o)),
      ),
    };
  }

  @Post(':id/overrides')
  @HttpCode(201)
  @ApiOperation({
    summary: 'Reclassify an interval of an asset, with a reason; the caller is the author',
  })
  async addOverride(
    @CallerScope() scope: Scope,
    @CallerActor() actor: string,
    @Param('id') contractId: string,
    @Body() body: unknown,
  ) {
    return overrideView(
      await this.service.addOverride(scope, actor, contractId, parseBody(overrideBody, body)),
    );
  }

  @Delete(':id/overrides/:overrideId')
  @HttpCode(204)
  @ApiOperation({
    summary:
      'Withdraw an override: kept for the runs that used it, left out of the next rating; audited',
  })
  async withdrawOverride(
    @CallerScope() scope: Scope,
    @CallerActor() actor: string,
    @Param('id') contractId: string,
    @Param('overrideId') overrideId: string,
  ) {
    await this.service.withdrawOverride(scope, actor, contractId, overrideId);
  }
}
