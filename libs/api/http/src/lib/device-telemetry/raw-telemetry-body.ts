import type { NextFunction, Request, Response } from 'express';

/** `POST /api/devices/{id}/telemetry`, whose body ingest reads as bytes. */
export const DEVICE_TELEMETRY_PATH = /^\/api\/devices\/[^/?]+\/telemetry\/?(?:\?.*)?$/;

/**
 * Largest HTTP telemetry body read, bytes (1 MiB). Ingest's own `maxPayloadBytes` (256 KiB, the
 * broker's packet limit) applies inside it, so a body between the two is rejected by ingest as
 * `payload_too_large` (counted, dead-lettered) like an MQTT payload; past this one the server stops
 * reading and answers 413 without counting.
 */
export const MAX_TELEMETRY_BODY_BYTES = 1024 * 1024;

/**
 * Reads the body of a telemetry post as raw bytes before the JSON parser sees it, so ingest validates
 * exactly what the device sent (a BOM, trailing garbage, `1e400`: I1/I2) as it does an MQTT payload,
 * whatever the Content-Type. The JSON parser skips a request whose body has been read.
 */
export function rawTelemetryBody(limit = MAX_TELEMETRY_BODY_BYTES) {
  return (req: Request, _res: Response, next: NextFunction): void => {
    if (req.method !== 'POST' || !DEVICE_TELEMETRY_PATH.test(req.originalUrl ?? req.url)) {
      next();
      return;
    }
    const tooLarge = () =>
      Object.assign(new Error(`request entity too large: at most ${limit} bytes`), {
        status: 413,
        expose: true,
        type: 'entity.too.large',
      });
    if (Number(req.headers['content-length'] ?? 0) > limit) {
      next(tooLarge());
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    let done = false;
    req.on('data', (chunk: Buffer) => {
      if (done) return;
      size += chunk.length;
      if (size > limit) {
        done = true;
        next(tooLarge());
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => {
      if (done) return;
      done = true;
      req.body = Buffer.concat(chunks);
      next();
    });
    req.on('error', (error) => {
      if (done) return;
      done = true;
      next(error);
    });
  };
}
