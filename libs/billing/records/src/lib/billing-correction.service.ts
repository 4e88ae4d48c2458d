import { randomUUID } from 'node:crypto';
import { BASE_STATES, type BaseStateCode } from '@hourglass/billing-uptime';
import type { SqlExecutor } from '@hourglass/platform-sql';
import type { Scope } from '@hourglass/platform-tenancy';
import { BillingError } from './billing.error';
import type {
  BillingCorrectionRepository,
  CorrectableEvent,
  StoredCorrection,
} from './billing-correction.repository';
import type { BillingStores } from './billing-stores';
import { parseTelemetryEventId } from './state-event.repository';

/** A correction as the API takes it: exactly one of `state` and `meterHours`, matching what the superseded event carries. */
export interface NewCorrection {
  /** The event id to supersede: `<kind>@<observed µs>` (STATE, HEARTBEAT, HOUR_METER) or an earlier correction's id. */
  supersedes: string;
  state?: BaseStateCode;
  /** The corrected hour-meter reading, in hours (not negative). */
  meterHours?: number;
  reason: string;
}

/** A stored correction and the contracts whose audit recorded it. */
export interface RecordedCorrection extends StoredCorrection {
  /** What the superseded event carried. */
  original: { state: string | null; meterHours: number | null };
  contracts: string[];
}

/**
 * Corrections of an asset's billing events (uptime-billing spec §3.3): append-only, each names the
 * event it supersedes, which stays stored. The next billing run of every contract covering the
 * asset applies it (a new input, so a new revision per the lifecycle); each such contract's audit
 * records who corrected what and why.
 */
export class BillingCorrectionService {
  constructor(
    private readonly stores: BillingStores,
    private readonly now: () => number = Date.now,
  ) {}

  private get corrections(): BillingCorrectionRepository {
    return this.stores.corrections;
  }

  async add(
    scope: Scope,
    actor: string,
    assetId: string,
    c: NewCorrection,
  ): Promise<RecordedCorrection> {
    validatePayload(c);
    const asset = await this.corrections.asset(scope, assetId);
    if (!asset) throw new BillingError('NOT_FOUND', `asset ${assetId} not found`);
    return this.stores.db.transaction(async (tx) => {
      const target = await this.target(tx, assetId, c.supersedes);
      const meter =
        target.kind === 'HOUR_METER' ||
        (target.kind === 'CORRECTION' && target.meterHours !== null);
      if (meter && c.meterHours === undefined)
        throw new BillingError(
          'VALIDATION',
          `${c.supersedes} is an hour-meter reading: give meterHours, not state`,
        );
      if (!meter && c.state === undefined)
        throw new BillingError(
          'VALIDATION',
          `${c.supersedes} carries a state: give state, not meterHours`,
        );
      const correction: StoredCorrection = {
        id: `c-${randomUUID()}`,
        assetId,
        supersedes: c.supersedes,
        observedAtUs: target.observedAtUs,
        state: c.state ?? null,
        meterHours: c.meterHours ?? null,
        reason: c.reason,
        author: actor,
        receivedAtUs: this.now() * 1000,
      };
      if (!(await this.corrections.insert(tx, asset.tenantId, correction))) {
        const by = await this.corrections.supersededBy(tx, assetId, c.supersedes);
        throw new BillingError(
          'CONTRACT_CONFLICT',
          `${c.supersedes} is already superseded by ${by}: correct that correction instead`,
        );
      }
      const original = { state: target.state, meterHours: target.meterHours };
      const contracts = await this.stores.contracts.covering(tx, assetId);
      for (const contract of contracts) {
        await this.stores.audit.record(tx, {
          contractId: contract.id,
          tenantId: contract.tenantId,
          actor,
          action: 'CORRECTION',
          detail: { ...correction, original },
        });
      }
      return { ...correction, original, contracts: contracts.map((k) => k.id) };
    });
  }

  /** An asset's corrections, oldest first. */
  async list(scope: Scope, assetId: string): Promise<StoredCorrection[]> {
    if (!(await this.corrections.asset(scope, assetId)))
      throw new BillingError('NOT_FOUND', `asset ${assetId} not found`);
    return this.corrections.list(scope, assetId);
  }

  private async target(
    tx: SqlExecutor,
    assetId: string,
    eventId: string,
  ): Promise<CorrectableEvent> {
    const telemetry = parseTelemetryEventId(eventId);
    const found = telemetry
      ? await this.corrections.telemetryEvent(tx, assetId, telemetry.kind, telemetry.observedAtUs)
      : await this.corrections
          .get(tx, assetId, eventId)
          .then((k) => k && { ...k, kind: 'CORRECTION' as const });
    if (!found)
      throw new BillingError(
        'VALIDATION',
        `supersedes: ${eventId} is not an event of asset ${assetId}`,
      );
    return found;
  }
}

function validatePayload(c: NewCorrection): void {
  if ((c.state === undefined) === (c.meterHours === undefined))
    throw new BillingError('VALIDATION', 'give exactly one of state and meterHours');
  if (c.state !== undefined && !(BASE_STATES as readonly string[]).includes(c.state)) {
    throw new BillingError('VALIDATION', `state must be one of ${BASE_STATES.join(', ')}`);
  }
  if (c.meterHours !== undefined && !(Number.isFinite(c.meterHours) && c.meterHours >= 0))
    throw new BillingError('VALIDATION', 'meterHours must be a finite number >= 0');
  if (c.reason.trim().length === 0)
    throw new BillingError('VALIDATION', 'reason must not be empty');
}
