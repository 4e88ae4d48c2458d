import Decimal from 'decimal.js';
import { billableHours, stateSeconds, usageCharge } from '@hourglass/billing-uptime';
import { PROVIDER_SCOPE } from '@hourglass/platform-tenancy';
import type { BillingRecord, Contract, ContractRepository } from './contract.repository';

const DAY_MS = 86_400_000;
const dayOf = (ms: number) => Math.floor(ms / DAY_MS) * DAY_MS;

/**
 * Turns state events into daily operating-hour billing records per contract and asset.
 * Days are UTC days in this first version; contract time zones and monthly periods with
 * availability credits follow the full calculation of the uptime-billing spec.
 */
export class BillingRecordService {
  constructor(
    private readonly contracts: ContractRepository,
    private readonly now: () => number = Date.now,
  ) {}

  /** Recomputes today's (and yesterday's) records of every contract; returns how many were written. */
  async run(): Promise<number> {
    const now = this.now();
    const today = Math.floor(now / DAY_MS) * DAY_MS;
    let written = 0;
    for (const contract of await this.contracts.list(PROVIDER_SCOPE)) {
      const commissioned = await this.contracts.commissionedAt(contract.assetIds);
      for (const dayStart of [today - DAY_MS, today]) {
        for (const assetId of contract.assetIds) {
          // Time before commissioning is not in service: neither available nor unknown.
          const from = Math.max(dayStart, commissioned.get(assetId) ?? dayStart);
          const to = Math.min(dayStart + DAY_MS, now);
          if (from >= to) continue;
          const record = await this.computeDay(contract, assetId, from, to);
          if (record) {
            await this.contracts.saveRecord(contract.tenantId, record);
            written++;
          }
        }
      }
    }
    return written;
  }

  /** The record of one asset for the in-service part `[from, to)` of a day; null when the asset sent nothing. */
  async computeDay(contract: Contract, assetId: string, from: number, to: number): Promise<BillingRecord | null> {
    const events = await this.contracts.stateEvents(assetId, new Date(from), new Date(to));
    if (events.length === 0) return null;
    const seconds = stateSeconds(events, from, to, contract.heartbeatTimeoutSeconds * 1000);
    if (seconds.UNKNOWN === (to - from) / 1000) return null;
    const hours = billableHours(seconds.RUN);
    return {
      contractId: contract.id,
      assetId,
      periodStart: new Date(dayOf(from)).toISOString(),
      periodEnd: new Date(dayOf(from) + DAY_MS).toISOString(),
      runSeconds: seconds.RUN,
      faultSeconds: seconds.FAULT,
      unknownSeconds: seconds.UNKNOWN,
      operatingHours: new Decimal(seconds.RUN).div(3600).toDecimalPlaces(4, Decimal.ROUND_HALF_UP).toFixed(4),
      charge: usageCharge(contract.ratePerHour, hours).toFixed(2),
      currency: contract.currency,
      computedAt: new Date(this.now()).toISOString(),
    };
  }
}
