import type { WorkOrderEvent, WorkOrderEvents } from '@hourglass/maintenance-tasks';
import type { CaseLibraryService } from './case-library.service';

/**
 * The work-order events sink of the case library: a raised order gets its suggestion, a completed
 * one becomes a case. Then passes the event to `next`. Never throws (a sink must not): a failure is
 * logged and the order's suggestion can still be made on demand.
 */
export class CaseLibraryEvents implements WorkOrderEvents {
  constructor(
    private readonly library: CaseLibraryService,
    private readonly next?: WorkOrderEvents,
    private readonly log: (line: string) => void = () => undefined,
  ) {}

  async onEvent(event: WorkOrderEvent): Promise<void> {
    try {
      if (event.kind === 'RAISED') await this.library.suggest(event.order);
      else if (event.kind === 'STATUS_CHANGED' && event.order.status === 'DONE')
        await this.library.recordCompleted(event.order);
    } catch (err) {
      this.log(`case library: order ${event.order.id}: ${(err as Error).message}`);
    }
    await this.next?.onEvent(event);
  }
}
