import { randomUUID } from 'node:crypto';
import {
  periodContaining,
  withDefaultTerms,
  type Category,
  type ContractTerms,
  type WindowKind,
} from '@hourglass/billing-uptime';
import type { SqlExecutor } from '@hourglass/platform-sql';
import { DEFAULT_TENANT_ID, scopeAllows, type Scope } from '@hourglass/platform-tenancy';
import { BillingError } from './billing.error';
import { BillingStores } from './billing-stores';
import { isoToMicros, microsToIso } from './billing-time';
import type {
  CalendarTable,
  StoredCalendarWindow,
  StoredCategoryOverride,
} from './contract-calendar.repository';
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

/**
 * Contract use cases behind the API: create, version, terminate, add and withdraw calendar windows
 * and overrides; each audited with the caller as actor. Nothing billing depends on is deleted.
 */
export class ContractService {
  constructor(
    private readonly stores: BillingStores,
    private readonly now: () => number = Date.now,
  ) {}

  async create(scope: Scope, actor: string, c: NewContract): Promise<ContractDetail> {
    const tenantId = scope.kind === 'tenant' ? scope.tenantId : (c.tenantId ?? DEFAULT_TENANT_ID);
    if (!scopeAllows(scope, tenantId))
      throw new BillingError('VALIDATION', `tenantId ${tenantId} is outside the caller's tenant`);
    const t = c.terms;
    if (!t.tz || !t.currency || !t.ratePerHour || !t.slaTarget)
      throw new BillingError('VALIDATION', 'terms need tz, currency, ratePerHour and slaTarget');
    const terms = withDefaultTerms({
      ...t,
      tz: t.tz,
      currency: t.currency,
      ratePerHour: t.ratePerHour,
      slaTarget: t.slaTarget,
    });
    const fromUs = c.effectiveFrom
      ? isoToMicros(c.effectiveFrom)
      : periodContaining(terms.tz, this.now()).startUs;
    await this.stores.db.transaction(async (tx) => {
      const header = {
        id: c.id,
        tenantId,
        name: c.name,
        currency: terms.currency,
        ratePerHour: terms.ratePerHour,
        slaTarget: terms.slaTarget,
        tz: terms.tz,
        heartbeatTimeoutSeconds: terms.heartbeatTimeoutSeconds,
        fleet: c.fleet ?? false,
      };
      if (!(await this.stores.contracts.upsert(header, tx)))
        throw new BillingError('CONTRACT_CONFLICT', `contract ${c.id} exists`);
      const unknown = await this.stores.contracts.addAssets(
        tx,
        c.id,
        tenantId,
        c.assetIds ?? [],
        fromUs,
      );
      if (unknown.length)
        throw new BillingError(
          'VALIDATION',
          `assets not in tenant ${tenantId}: ${unknown.join(', ')}`,
        );
      await this.stores.versions.append(tx, {
        contractId: c.id,
        tenantId,
        fromUs,
        terms,
        createdBy: actor,
      });
      await this.stores.audit.record(tx, {
        contractId: c.id,
        tenantId,
        actor,
        action: 'CREATE',
        detail: {
          header,
          assetIds: c.assetIds ?? [],
          effectiveFrom: new Date(fromUs / 1000).toISOString(),
          terms,
        },
      });
    });
    return this.detail(scope, c.id);
  }

  /** Seeds a contract with version 1 from its header when it has no version (the demo contract). */
  async ensure(
    header: Parameters<BillingStores['contracts']['upsert']>[0],
    terms: ContractTerms,
    actor = 'system',
  ): Promise<void> {
    await this.stores.db.transaction(async (tx) => {
      await this.stores.contracts.upsert(header, tx);
      const [{ n }] = await tx.query<{ n: number }>(
        'select count(*)::int as n from contract_versions where contract_id = $1',
        [header.id],
      );
      if (Number(n) > 0) return;
      await this.stores.versions.append(tx, {
        contractId: header.id,
        tenantId: header.tenantId,
        fromUs: 0,
        terms,
        createdBy: actor,
      });
      await this.stores.audit.record(tx, {
        contractId: header.id,
        tenantId: header.tenantId,
        actor,
        action: 'CREATE',
        detail: { header, terms },
      });
    });
  }

  async detail(scope: Scope, id: string): Promise<ContractDetail> {
    const contract = await this.contract(scope, id);
    const versions = await this.stores.versions.list(scope, id);
    const nowUs = this.now() * 1000;
    const current =
      versions
        .filter(
          (v) =>
            v.effectiveFromUs <= nowUs && (v.effectiveToUs === null || v.effectiveToUs > nowUs),
        )
        .at(-1) ?? null;
    return { ...contract, versions, currentTerms: current?.terms ?? null };
  }

  /** Appends an effective-dated version; terms left out keep the latest version's values. The zone cannot change. */
  async addVersion(
    scope: Scope,
    actor: string,
    id: string,
    v: { effectiveFrom: string; terms: ContractTermsInput },
  ): Promise<ContractDetail> {
    const contract = await this.contract(scope, id);
    const fromUs = isoToMicros(v.effectiveFrom);
    await this.stores.db.transaction(async (tx) => {
      const versions = await this.stores.versions.list(scope, id, tx);
      const last = versions.at(-1);
      if (!last) throw new BillingError('VALIDATION', `contract ${id} has no version to follow`);
      if (last.effectiveToUs !== null)
        throw new BillingError(
          'CONTRACT_CONFLICT',
          `contract ${id} was terminated (it ends at ${last.effectiveTo}): it takes no new version`,
        );
      if (fromUs <= last.effectiveFromUs)
        throw new BillingError(
          'VALIDATION',
          `effectiveFrom must be after ${last.effectiveFrom} (version ${last.version})`,
        );
      if (v.terms.tz && v.terms.tz !== last.terms.tz)
        throw new BillingError(
          'VALIDATION',
          'the time zone of a contract cannot change (periods are its calendar months)',
        );
      const terms: ContractTerms = { ...last.terms, ...v.terms } as ContractTerms;
      const version = await this.stores.versions.append(tx, {
        contractId: id,
        tenantId: contract.tenantId,
        fromUs,
        terms,
        createdBy: actor,
      });
      await this.stores.audit.record(tx, {
        contractId: id,
        tenantId: contract.tenantId,
        actor,
        action: 'ADD_VERSION',
        detail: { version, effectiveFrom: v.effectiveFrom, changed: v.terms },
      });
    });
    return this.detail(scope, id);
  }

  async addWindow(
    scope: Scope,
    actor: string,
    id: string,
    w: NewWindow,
  ): Promise<StoredCalendarWindow> {
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
    if (window.endUs <= window.startUs)
      throw new BillingError('VALIDATION', 'end must be after start');
    await this.stores.db.transaction(async (tx) => {
      await this.stores.calendar.addWindow(tx, contract.tenantId, window);
      await this.stores.audit.record(tx, {
        contractId: id,
        tenantId: contract.tenantId,
        actor,
        action: 'ADD_WINDOW',
        detail: { ...window },
      });
    });
    return window;
  }

  /**
   * Records `actor`'s approval of a window in force at `atMs`, audited as `APPROVE_WINDOW` (which also
   * tells the billing round to re-rate). Who may approve is the caller's decision. `NOT_FOUND` when the
   * contract has no such window in force.
   */
  async approveWindow(
    scope: Scope,
    actor: string,
    id: string,
    windowId: string,
    atMs: number,
  ): Promise<StoredCalendarWindow> {
    const contract = await this.contract(scope, id);
    const at = new Date(atMs).toISOString();
    const missing = () =>
      new BillingError('NOT_FOUND', `contract ${id} has no window ${windowId} in force`);
    await this.stores.db.transaction(async (tx) => {
      if (
        !(await this.stores.calendar.approveWindow(tx, contract.tenantId, contract.id, windowId, {
          by: actor,
          at,
        }))
      )
        throw missing();
      await this.stores.audit.record(tx, {
        contractId: contract.id,
        tenantId: contract.tenantId,
        actor,
        action: 'APPROVE_WINDOW',
        detail: { id: windowId, approvedAt: at },
      });
    });
    const approved = (await this.stores.calendar.windows(scope, contract.id)).find(
      (w) => w.id === windowId,
    );
    if (!approved) throw missing();
    return approved;
  }

  async addOverride(
    scope: Scope,
    actor: string,
    id: string,
    o: NewOverride,
  ): Promise<StoredCategoryOverride> {
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
    if (override.endUs <= override.startUs)
      throw new BillingError('VALIDATION', 'end must be after start');
    await this.stores.db.transaction(async (tx) => {
      await this.stores.calendar.addOverride(tx, contract.tenantId, override);
      await this.stores.audit.record(tx, {
        contractId: id,
        tenantId: contract.tenantId,
        actor,
        action: 'ADD_OVERRIDE',
        detail: { ...override },
      });
    });
    return override;
  }

  /**
   * Terminates a contract at `endsAt` (default now) by ending its last version there: periods from the
   * end on are not billed, the period holding it is billed up to it (hours to the end, minimum
   * commitment prorated, like a version boundary). Never a deletion: issued records stay reproducible.
   * The end must follow the last version's start and the start of every issued period.
   */
  async terminate(
    scope: Scope,
    actor: string,
    id: string,
    t: { endsAt?: string },
  ): Promise<ContractDetail> {
    const contract = await this.contract(scope, id);
    const endUs = t.endsAt ? isoToMicros(t.endsAt) : this.now() * 1000;
    await this.stores.db.transaction(async (tx) => {
      await tx.query('select id from contracts where id = $1 for update', [id]);
      const last = (await this.stores.versions.list(scope, id, tx)).at(-1);
      if (!last) throw new BillingError('VALIDATION', `contract ${id} has no version to end`);
      if (last.effectiveToUs !== null)
        throw new BillingError(
          'CONTRACT_CONFLICT',
          `contract ${id} was already terminated (it ends at ${last.effectiveTo})`,
        );
      if (endUs <= last.effectiveFromUs)
        throw new BillingError(
          'CONTRACT_CONFLICT',
          `endsAt must be after ${last.effectiveFrom}, when version ${last.version} takes effect`,
        );
      const issued = await this.stores.runs.issuedFrom(tx, id, endUs);
      if (issued)
        throw new BillingError(
          'CONTRACT_CONFLICT',
          `period ${issued} starts after ${microsToIso(endUs)} and is already issued: end the contract after its start`,
        );
      await this.stores.versions.end(tx, id, endUs);
      await this.stores.runs.supersedeDraftsFrom(tx, id, endUs);
      await this.stores.audit.record(tx, {
        contractId: id,
        tenantId: contract.tenantId,
        actor,
        action: 'TERMINATE',
        detail: { endsAt: microsToIso(endUs), lastVersion: last.version },
      });
    });
    return this.detail(scope, id);
  }

  /**
   * Covers an asset of the contract's tenant from `from` (default now) on, open-ended. Refused for a
   * fleet contract (it covers every asset), when it overlaps the asset's coverage, when it would fall
   * inside an issued period, or from the contract's end on. Audited; the billing round re-rates.
   */
  async addAsset(
    scope: Scope,
    actor: string,
    id: string,
    a: { assetId: string; from?: string },
  ): Promise<ContractDetail> {
    const contract = await this.contract(scope, id);
    if (contract.fleet)
      throw new BillingError(
        'CONTRACT_CONFLICT',
        `contract ${id} is a fleet contract: it covers every asset of tenant ${contract.tenantId}`,
      );
    const fromUs = a.from ? isoToMicros(a.from) : this.now() * 1000;
    await this.stores.db.transaction(async (tx) => {
      await tx.query('select id from contracts where id = $1 for update', [id]);
      const [asset] = await this.stores.assets.ofTenant(contract.tenantId, [a.assetId], tx);
      if (!asset)
        throw new BillingError(
          'NOT_FOUND',
          `asset ${a.assetId} not found in tenant ${contract.tenantId}`,
        );
      const versions = await this.stores.versions.list(scope, id, tx);
      if (versions.length && fromUs < versions[0].effectiveFromUs)
        throw new BillingError(
          'VALIDATION',
          `from must not be before ${versions[0].effectiveFrom}, when the contract starts`,
        );
      const endsUs = versions.at(-1)?.effectiveToUs ?? null;
      if (endsUs !== null && fromUs >= endsUs)
        throw new BillingError(
          'CONTRACT_CONFLICT',
          `contract ${id} ends at ${microsToIso(endsUs)}: nothing can be covered from then on`,
        );
      const overlap = (await this.stores.contracts.assetCoverage(tx, id, a.assetId)).find(
        (w) => w.endUs === null || w.endUs > fromUs,
      );
      if (overlap)
        throw new BillingError(
          'CONTRACT_CONFLICT',
          `asset ${a.assetId} is already covered by contract ${id} from ${microsToIso(overlap.startUs)}${overlap.endUs === null ? '' : ` to ${microsToIso(overlap.endUs)}`}`,
        );
      await this.assertNotIssued(tx, id, fromUs);
      await this.stores.contracts.cover(tx, id, a.assetId, fromUs);
      // The audit entry is also what tells the periodic billing round (changedSince) to re-rate.
      await this.stores.audit.record(tx, {
        contractId: id,
        tenantId: contract.tenantId,
        actor,
        action: 'ADD_ASSET',
        detail: { assetId: a.assetId, from: microsToIso(fromUs) },
      });
    });
    return this.detail(scope, id);
  }

  /**
   * Ends the coverage of an asset at `to` (default now): the interval holding `to` ends there. Refused
   * when the asset is not covered then, or when `to` falls inside an issued period. Audited.
   */
  async removeAsset(
    scope: Scope,
    actor: string,
    id: string,
    assetId: string,
    r: { to?: string },
  ): Promise<ContractDetail> {
    const contract = await this.contract(scope, id);
    if (contract.fleet)
      throw new BillingError(
        'CONTRACT_CONFLICT',
        `contract ${id} is a fleet contract: it covers every asset of tenant ${contract.tenantId}`,
      );
    const toUs = r.to ? isoToMicros(r.to) : this.now() * 1000;
    await this.stores.db.transaction(async (tx) => {
      await tx.query('select id from contracts where id = $1 for update', [id]);
      const coverage = await this.stores.contracts.assetCoverage(tx, id, assetId);
      if (coverage.length === 0)
        throw new BillingError('NOT_FOUND', `asset ${assetId} is not covered by contract ${id}`);
      const held = coverage.find((w) => w.startUs < toUs && (w.endUs === null || w.endUs > toUs));
      if (!held)
        throw new BillingError(
          'CONTRACT_CONFLICT',
          `asset ${assetId} is not covered by contract ${id} at ${microsToIso(toUs)}`,
        );
      await this.assertNotIssued(tx, id, toUs);
      await this.stores.contracts.uncover(tx, id, assetId, held.startUs, toUs);
      await this.stores.audit.record(tx, {
        contractId: id,
        tenantId: contract.tenantId,
        actor,
        action: 'REMOVE_ASSET',
        detail: { assetId, from: microsToIso(held.startUs), to: microsToIso(toUs) },
      });
    });
    return this.detail(scope, id);
  }

  /** Withdraws a calendar window (kept, marked withdrawn: issued runs name it among their inputs); the next rating leaves it out. */
  async withdrawWindow(scope: Scope, actor: string, id: string, windowId: string): Promise<void> {
    await this.withdraw(scope, actor, id, 'windows', windowId);
  }

  /** Withdraws a category override, like {@link withdrawWindow}. */
  async withdrawOverride(
    scope: Scope,
    actor: string,
    id: string,
    overrideId: string,
  ): Promise<void> {
    await this.withdraw(scope, actor, id, 'overrides', overrideId);
  }

  private async withdraw(
    scope: Scope,
    actor: string,
    id: string,
    table: CalendarTable,
    entryId: string,
  ): Promise<void> {
    const contract = await this.contract(scope, id);
    const noun = table === 'windows' ? 'window' : 'override';
    await this.stores.db.transaction(async (tx) => {
      const outcome = await this.stores.calendar.withdraw(tx, table, id, entryId, actor);
      if (outcome === 'missing')
        throw new BillingError('NOT_FOUND', `contract ${id} has no ${noun} ${entryId}`);
      if (outcome === 'already')
        throw new BillingError(
          'CONTRACT_CONFLICT',
          `${noun} ${entryId} of contract ${id} was already withdrawn`,
        );
      // The audit entry is also what tells the periodic billing round (changedSince) to re-rate.
      await this.stores.audit.record(tx, {
        contractId: id,
        tenantId: contract.tenantId,
        actor,
        action: table === 'windows' ? 'REMOVE_WINDOW' : 'REMOVE_OVERRIDE',
        detail: { id: entryId },
      });
    });
  }

  async contract(scope: Scope, id: string): Promise<Contract> {
    const contract = await this.stores.contracts.get(scope, id);
    if (!contract) throw new BillingError('NOT_FOUND', `contract ${id} not found`);
    return contract;
  }

  /** A coverage change at `us` must not fall inside (or before) an issued period: its record stands. */
  private async assertNotIssued(tx: SqlExecutor, id: string, us: number): Promise<void> {
    const issued = await this.stores.runs.issuedEndingAfter(tx, id, us);
    if (issued)
      throw new BillingError(
        'CONTRACT_CONFLICT',
        `period ${issued} is already issued and ends after ${microsToIso(us)}: change the coverage from its end on`,
      );
  }

  private assertCovered(contract: Contract, assetId: string): void {
    // Any coverage, current or past: a window or override for a time it was covered is fine (outside it the asset is not in service anyway).
    if (
      !contract.assetIds.includes(assetId) &&
      !contract.coverage.some((c) => c.assetId === assetId)
    )
      throw new BillingError(
        'VALIDATION',
        `asset ${assetId} is not covered by contract ${contract.id}`,
      );
  }
}
