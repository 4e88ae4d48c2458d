import { Controller, Get, Param, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Scope } from '@hourglass/platform-tenancy';
import { ApiContext } from '../api-context';
import { BearerAuthGuard } from '../bearer-auth.guard';
import { NotFoundError } from '../domain-error.filter';
import { CallerScope } from '../scope.decorator';

@ApiTags('contracts')
@ApiBearerAuth()
@UseGuards(BearerAuthGuard)
@Controller('api/contracts')
export class ContractsController {
  constructor(private readonly context: ApiContext) {}

  @Get()
  @ApiOperation({ summary: 'Uptime contracts' })
  async list(@CallerScope() scope: Scope) {
    return { items: await this.context.contracts.list(scope) };
  }

  @Get(':id')
  async get(@CallerScope() scope: Scope, @Param('id') id: string) {
    const contract = await this.context.contracts.get(scope, id);
    if (!contract) throw new NotFoundError(`contract ${id} not found`);
    return contract;
  }

  @Get(':id/billing-records')
  @ApiOperation({ summary: 'Billing records: operating hours and charges per asset and period' })
  async records(@CallerScope() scope: Scope, @Param('id') id: string) {
    if (!(await this.context.contracts.get(scope, id))) throw new NotFoundError(`contract ${id} not found`);
    return { items: await this.context.contracts.records(scope, id) };
  }
}
