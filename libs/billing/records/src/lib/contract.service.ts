import { randomUUID } from 'node:crypto';
import { periodContaining, withDefaultTerms, type Category, type ContractTerms, type WindowKind } from '@hourglass/billing-uptime';
import { DEFAULT_TENANT_ID, scopeAllows, type Scope } from '@hourglass/platform-tenancy';
import { BillingError } from './billing.error';
import { BillingStores } from './billing-stores';
import { isoToMicros } from './billing-time';
import type { StoredCalendarWindow, StoredCategoryOverride } from './contract-calendar.repository';
import type { StoredContractVersion } from './contract-version.repository';
import type { Contract } from './contract.repository';
import type { ContractTermsInput } from './contract-terms.schema';

/** A contract with its versions and the terms in force now. */
export interface ContractDetail extends Contract {
  versions: StoredContractVersion[];
  currentTerms: ContractTerms | null;
}

/** The fields of a new contract (validated by the API). */
export interface NewContract {
  id: string;
  name: string;
  /** Required for the provider scope unless the default tenant is meant; a tenant's caller creates in its own tenant. */
  tenantId?: string;
  fleet?: boolean;
  assetIds?: string[];
  /** ISO instant; default the start of the current period in the contract's zone. */
  effectiveFrom?: string;
  terms: ContractTermsInput;
}

/** A new calendar window (spec §1): approved by the caller unless `approvedBy` names someone. */
export interface NewWindow {
  assetId?: string | null;
  kind: WindowKind;
  start: string;
  end: string;
  actualEnd?: string | null;
  /** Default: now. */
  announcedAt?: string;
  approvedBy?: string;
}

export interface NewOverride {
  assetId: string;
  start: string;
  end: string;
  category: Category;
  reason: string;
}

/** Contract use cases behind the API: create, version, calendar windows, overrides; each audited with the caller as actor. */
export class ContractService {
  constructor(
    private readonly stores: BillingStores,
    private readonly now: () => number = Date.now,
  ) {}

  async create(scope: Scope, actor: string, c: NewContract): Promise<ContractDetail> {
    const tenantId = scope.kind === 'tenant' ? scope.tenantId : (c.tenantId ?? DEFAULT_TENANT_ID);
    if (!scopeAllows(scope, tenantId)) throw new BillingError('VALIDATION', `tenantId ${tenantId} is outside the caller's tenant`);
    const t = c.terms;
    if (!t.tz || !t.currency || !t.ratePerHour || !t.slaTarget) throw new BillingError('VALIDATION', 'terms need tz, currency, ratePerHour and slaTarget');
    const terms = withDefaultTerms({ ...t, tz: t.tz, currency: t.currency, ratePerHour: t.ratePerHour, slaTarget: t.slaTarget });
    const fromUs = c.effectiveFrom ? isoToMicros(c.effectiveFrom) : periodContaining(terms.tz, this.now()).startUs;
    await this.stores.db.transaction(async (tx) => {
      const header = { id: c.id, tenantId, name: c.name, currency: terms.currency, ratePerHour: terms.ratePerHour, slaTarget: terms.slaTarget, tz: terms.tz, heartbeatTimeoutSeconds: terms.heartbeatTimeoutSeconds, fleet: c.fleet ?? false };
      if (!(await this.stores.contracts.upsert(header, tx))) throw new BillingError('CONTRACT_CONFLICT', `contract ${c.id} exists`);
      const unknown = await this.stores.contracts.addAssets(tx, c.id, tenantId, c.assetIds ?? []);
      if (unknown.length) throw new BillingError('VALIDATION', `assets not in tenant ${tenantId}: ${unknown.join(', ')}`);
      await this.stores.versions.append(tx, { contractId: c.id, tenantId, fromUs, terms, createdBy: actor });
      await this.stores.audit.record(tx, { contractId: c.id, tenantId, actor, action: 'CREATE', detail: { header, assetIds: c.assetIds ?? [], effectiveFrom: new Date(fromUs / 1000).toISOString(), terms } });
    });
    return this.detail(scope, c.id);
  }

  /** Seeds a contract with version 1 from its header when it has no version (the demo contract). */
  async ensure(header: Parameters<BillingStores['contracts']['upsert']>[0], terms: ContractTerms, actor = 'system'): Promise<void> {
    await this.stores.db.transaction(async (tx) => {
      await this.stores.contracts.upsert(header, tx);
      const [{ n }] = await tx.query<{ n: number }>('select count(*)::int as n from contract_versions where contract_id = $1', [header.id]);
      if (Number(n) > 0) return;
      await this.stores.versions.append(tx, { contractId: header.id, tenantId: header.tenantId, fromUs: 0, terms, createdBy: actor });
      await this.stores.audit.record(tx, { contractId: header.id, tenantId: header.tenantId, actor, action: 'CREATE', detail: { header, terms } });
    });
  }

  async detail(scope: Scope, id: string): Promise<ContractDetail> {
    const contract = await this.contract(scope, id);
    const versions = await this.stores.versions.list(scope, id);
    const nowUs = this.now() * 1000;
    const current = versions.filter((v) => v.effectiveFromUs <= nowUs).at(-1) ?? null;
    return { ...contract, versions, currentTerms: current?.terms ?? null };
  }

  /** Appends an effective-dated version; terms left out keep the latest version's values. The zone cannot change. */
  async addVersion(scope: Scope, actor: string, id: string, v: { effectiveFrom: string; terms: ContractTermsInput }): Promise<ContractDetail> {
    const contract = await this.contract(scope, id);
    const fromUs = isoToMicros(v.effectiveFrom);
    await this.stores.db.transaction(async (tx) => {
      const versions = await this.stores.versions.list(scope, id, tx);
      const last = versions.at(-1);
      if (!last) throw new BillingError('VALIDATION', `contract ${id} has no version to follow`);
      if (fromUs <= last.effectiveFromUs) throw new BillingError('VALIDATION', `effectiveFrom must be after ${last.effectiveFrom} (version ${last.version})`);
      if (v.terms.tz && v.terms.tz !== last.terms.tz) throw new BillingError('VALIDATION', 'the time zone of a contract cannot change (periods are its calendar months)');
      const terms: ContractTerms = { ...last.terms, ...v.terms } as ContractTerms;
      const version = await this.stores.versions.append(tx, { contractId: id, tenantId: contract.tenantId, fromUs, terms, createdBy: actor });
      await this.stores.audit.record(tx, { contractId: id, tenantId: contract.tenantId, actor, action: 'ADD_VERSION', detail: { version, effectiveFrom: v.effectiveFrom, changed: v.terms } });
    });
    return this.detail(scope, id);
  }

  async addWindow(scope: Scope, actor: string, id: string, w: NewWindow): Promise<StoredCalendarWindow> {
    const contract = await this.contract(scope, id);
    if (w.assetId) this.assertCovered(contract, w.assetId);
    const nowUs = this.now() * 1000;
    const window: StoredCalendarWindow = {
      id: `w-${randomUUID()}`,
      contractId: id,
      assetId: w.assetId ?? null,
      kind: w.kind,
      startUs: isoToMicros(w.start),
      endUs: isoToMicros(w.end),
      actualEndUs: w.actualEnd ? isoToMicros(w.actualEnd) : null,
      announcedAtUs: w.announcedAt ? isoToMicros(w.announcedAt) : nowUs,
      approvedBy: w.approvedBy ?? actor,
      approvedAtUs: nowUs,
      createdBy: actor,
    };
    if (window.endUs <= window.startUs) throw new BillingError('VALIDATION', 'end must be after start');
    await this.stores.db.transaction(async (tx) => {
      await this.stores.calendar.addWindow(tx, contract.tenantId, window);
      await this.stores.audit.record(tx, { contractId: id, tenantId: contract.tenantId, actor, action: 'ADD_WINDOW', detail: { ...window } });
    });
    return window;
  }

  async addOverride(scope: Scope, actor: string, id: string, o: NewOverride): Promise<StoredCategoryOverride> {
    const contract = await this.contract(scope, id);
    this.assertCovered(contract, o.assetId);
    const override: StoredCategoryOverride = {
      id: `o-${randomUUID()}`,
      contractId: id,
      assetId: o.assetId,
      startUs: isoToMicros(o.start),
      endUs: isoToMicros(o.end),
      category: o.category,
      reason: o.reason,
      author: actor,
    };
    if (override.endUs <= override.startUs) throw new BillingError('VALIDATION', 'end must be after start');
    await this.stores.db.transaction(async (tx) => {
      await this.stores.calendar.addOverride(tx, contract.tenantId, override);
      await this.stores.audit.record(tx, { contractId: id, tenantId: contract.tenantId, actor, action: 'ADD_OVERRIDE', detail: { ...override } });
    });
    return override;
  }

  async contract(scope: Scope, id: string): Promise<Contract> {
    const contract = await this.stores.contracts.get(scope, id);
    if (!contract) throw new BillingError('NOT_FOUND', `contract ${id} not found`);
    return contract;
  }

  private assertCovered(contract: Contract, assetId: string): void {
    if (!contract.assetIds.includes(assetId)) throw new BillingError('VALIDATION', `asset ${assetId} is not covered by contract ${contract.id}`);
  }
}
