import type { MetricsRegistry } from '@hourglass/platform-metrics';
import { parseEquipmentEvent, type EquipmentEventSink } from './equipment-event';

/**
 * Reads `devices/{id}/events` (the runtime subscribes with the service account and calls
 * {@link handle}): valid events go to the sink; bad ones are counted in
 * `hg_equipment_events_rejected_total{reason}` and logged, never retried (they would loop). The
 * broker's ACL already keeps a device to its own subtree, so the id in the topic is the sender's.
 */
export class EquipmentEventReceiver {
  private readonly rejected;
  private readonly recorded;

  constructor(
    private readonly sink: EquipmentEventSink,
    metrics?: MetricsRegistry,
    private readonly log: (line: string) => void = () => undefined,
  ) {
    this.rejected = metrics?.counter(
      'hg_equipment_events_rejected_total',
      'equipment events refused, by reason',
      ['reason'],
    );
    this.recorded = metrics?.counter('hg_equipment_events_total', 'equipment events recorded');
  }

  /** Handles one message; resolves with what became of it, rejects when the sink fails (the caller logs it). */
  async handle(topic: string, payload: Buffer): Promise<'recorded' | 'rejected'> {
    const event = parseEquipmentEvent(topic, payload);
    if ('rejected' in event) {
      this.rejected?.inc({ reason: event.rejected });
      this.log(`equipment events: refused on ${topic} (${event.rejected})`);
      return 'rejected';
    }
    await this.sink.record(event);
    this.recorded?.inc();
    return 'recorded';
  }
}
