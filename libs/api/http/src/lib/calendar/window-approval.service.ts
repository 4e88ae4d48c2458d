import { ForbiddenException } from '@nestjs/common';
import {
  ContractService,
  isoToMicros,
  type NewWindow,
  type StoredCalendarWindow,
} from '@hourglass/billing-records';
import type { Caller } from '../auth/caller';
import { ValidationError } from '../domain-error.filter';

/** How far before the server clock a provider may date `announcedAt` (clock skew of its client), ms. */
export const ANNOUNCED_AT_TOLERANCE_MS = 60_000;

/**
 * Who approved a calendar window and when is evidence for billing (uptime-billing spec §1: each
 * window carries who approved it and when; planned maintenance counts only when announced
 * `plannedNoticeSeconds` ahead). So a customer's approval is the customer's own action, stamped
 * with the server clock, and a provider user records windows only under its own name and with an
 * announcement that is not back-dated.
 */
export class WindowApprovalService {
  constructor(
    private readonly contracts: ContractService,
    private readonly now: () => number = Date.now,
  ) {}

  /** Checks a provider user's new window: `approvedBy` only its own name, `announcedAt` not in the past. */
  checkNewWindow(caller: Caller, window: NewWindow): void {
    if (window.approvedBy !== undefined && window.approvedBy !== caller.actor) {
      throw new ValidationError(
        `approvedBy: only ${caller.actor} (the caller) may be named; a customer approves with POST /api/contracts/{id}/windows/{windowId}/approval`,
      );
    }
    if (window.announcedAt !== undefined) {
      let announcedMs: number;
      try {
        announcedMs = isoToMicros(window.announcedAt) / 1000;
      } catch {
        throw new ValidationError('announcedAt: an ISO-8601 instant with an offset');
      }
      if (announcedMs < this.now() - ANNOUNCED_AT_TOLERANCE_MS) {
        throw new ValidationError(
          'announcedAt: may not be in the past (a window is announced when it is recorded; leave it out for now)',
        );
      }
    }
  }

  /** The customer user `caller` approves a window of its tenant's contract: its name, the server's time; audited. */
  async approve(
    caller: Caller,
    contractId: string,
    windowId: string,
  ): Promise<StoredCalendarWindow> {
    if (caller.role !== 'customer')
      throw new ForbiddenException(
        "a customer's approval is the customer's own action: only its customer users approve",
      );
    return this.contracts.approveWindow(
      caller.scope,
      caller.actor,
      contractId,
      windowId,
      this.now(),
    );
  }
}
