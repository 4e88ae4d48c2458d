import type { Scope } from '@hourglass/platform-tenancy';

/** An asset of a customer, as the registry knows it (devices domain, through an adapter). */
export interface CustomerAsset {
  assetId: string;
  tenantId: string;
  /** ISO 8601 of the last message, null when never heard from. */
  lastSeen: string | null;
}

/** The assets of the customers in a scope (devices/registry's `AssetRepository` fits through an adapter). */
export interface CustomerFleetPort {
  assets(scope: Scope): Promise<CustomerAsset[]>;
}

/** Which assets are at elevated risk: latest probability at or above their type's warning threshold (risk domain). */
export interface ElevatedRiskPort {
  elevated(assetIds: readonly string[]): Promise<ReadonlySet<string>>;
}

/** Operating (RUN) hours per asset in `[fromMs, toMs)` (billing's state events, through an adapter); missing = 0. */
export interface OperatingHoursPort {
  hours(
    scope: Scope,
    assetIds: readonly string[],
    fromMs: number,
    toMs: number,
  ): Promise<ReadonlyMap<string, number>>;
  /**
   * The same for several windows from one read of the events (optional: without it, one
   * {@link hours} call per window). One map per window, in the order given.
   */
  hoursInWindows?(
    scope: Scope,
    assetIds: readonly string[],
    windows: ReadonlyArray<{ fromMs: number; toMs: number }>,
  ): Promise<Array<ReadonlyMap<string, number>>>;
}

/** An open (not done, not cancelled) work order (maintenance domain). */
export interface OpenOrder {
  taskId: string;
  tenantId: string;
  assetId: string;
  /** ISO 8601 the order is due. */
  dueBy: string;
}

/** Open work orders in a scope. */
export interface OpenOrderPort {
  open(scope: Scope): Promise<OpenOrder[]>;
}

/** A billed period of a contract: availability in % (null: no required time) against the target in %. */
export interface ContractPeriodFigure {
  period: string;
  availabilityPct: number | null;
  targetPct: number;
}

/** A contract of a customer with the assets it covers now and its latest billed periods (billing domain). */
export interface CustomerContract {
  contractId: string;
  tenantId: string;
  name: string;
  assetIds: readonly string[];
  /** ISO 8601 the contract ends (a recorded termination), null while it runs on. */
  endsAt: string | null;
  /** The latest `periods` periods with a billing run, newest first. */
  periods: readonly ContractPeriodFigure[];
}

/** Contracts in a scope with their latest billed periods. */
export interface CustomerContractPort {
  contracts(scope: Scope, periods: number): Promise<CustomerContract[]>;
}

/** A part replaced on an asset with no order of ours behind it (seen from the equipment's events). */
export interface ForeignRepair {
  tenantId: string;
  assetId: string;
  component: string | null;
  partNumber: string | null;
  /** ISO 8601 of the event (device time when known, else when received). */
  at: string;
}

/** Repairs done elsewhere in `[fromMs, toMs)` (notifications/device-commands' equipment events, through an adapter). */
export interface ForeignRepairPort {
  repairs(scope: Scope, fromMs: number, toMs: number): Promise<ForeignRepair[]>;
}

/** Before equipment events are wired in: no repair seen elsewhere. */
export const NO_FOREIGN_REPAIRS: ForeignRepairPort = { repairs: async () => [] };

/** Everything the health score and the churn warning read from the other domains. */
export interface CustomerHealthPorts {
  fleet: CustomerFleetPort;
  risk: ElevatedRiskPort;
  hours: OperatingHoursPort;
  orders: OpenOrderPort;
  contracts: CustomerContractPort;
  /** Default {@link NO_FOREIGN_REPAIRS}. */
  repairs?: ForeignRepairPort;
}
