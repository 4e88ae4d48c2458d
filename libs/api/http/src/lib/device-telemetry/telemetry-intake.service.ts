import type { IngestReceipt } from '@hourglass/telemetry-ingest';
import type { TelemetryIntake } from '../api-context';
import { ValidationError } from '../domain-error.filter';

/** The API process has no ingest to make samples durable; answered with 503. */
export class IngestNotHostedError extends Error {
  readonly code = 'INGEST_NOT_HOSTED';
  readonly retryable = false;
}

/**
 * HTTP telemetry into this process's ingest: 2xx only once the samples are durable. A message of
 * which nothing could be stored is a 400 naming each reason (already counted and dead-lettered by
 * ingest); one with some valid samples is taken, its rejections listed in the answer, as MQTT
 * stores the valid samples of a batch and dead-letters the rest.
 */
export class TelemetryIntakeService {
  constructor(private readonly intake: TelemetryIntake | undefined) {}

  async submit(deviceId: string, payload: Buffer): Promise<IngestReceipt> {
    if (!this.intake) {
      throw new IngestNotHostedError(
        'this API process runs no telemetry ingest, so it cannot make samples durable: post to the platform process (npm start) or publish over MQTT',
      );
    }
    const receipt = await this.intake.submit(deviceId, payload);
    if (receipt.accepted === 0 && receipt.rejected.length > 0) {
      throw new ValidationError(
        receipt.rejected
          .map((r) => `${r.index === undefined ? '' : `[${r.index}] `}${r.reason}: ${r.detail}`)
          .join('; ')
          .slice(0, 2_000),
      );
    }
    return receipt;
  }
}
