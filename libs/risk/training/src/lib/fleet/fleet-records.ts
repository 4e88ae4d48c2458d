import { RiskModelError } from '@hourglass/risk-model';

/** One telemetry sample of an asset, as exported from the telemetry store. */
export interface TelemetryRecord {
  asset: string;
  /** Epoch milliseconds. */
  ts: number;
  metrics: Record<string, number>;
}

/** What ended an installed unit's life, as recorded for an asset. */
export type LabelKind = 'failure' | 'replacement';

/**
 * A label: a failure event, or a completed replacement task. A replacement counts as a failure
 * only with `confirmedDefect: true` (the removed part was found defective); otherwise the unit's
 * life was cut short before failure (censored).
 */
export interface FailureLabel {
  asset: string;
  ts: number;
  kind: LabelKind;
  confirmedDefect?: boolean;
}

/**
 * Parses exported telemetry: JSON Lines of `{"asset", "ts", "metrics": {...}}` (`assetId` and
 * `deviceId` are accepted for `asset`; `ts` as epoch ms or RFC 3339), or CSV with a header
 * `asset,ts,<metric>,...` (empty cells are missing readings). The format is told by the first
 * non-empty character: `{` for JSON Lines.
 *
 * @throws RiskModelError `INVALID_DATA` naming the line.
 */
export function parseTelemetryExport(text: string): TelemetryRecord[] {
  return parseRecords(text, (fields, line) => {
    const metrics: Record<string, number> = {};
    const source = (fields['metrics'] ??
      omit(fields, ['asset', 'assetId', 'deviceId', 'ts'])) as Record<string, unknown>;
    for (const [name, value] of Object.entries(source)) {
      if (value === '' || value === null || value === undefined) continue;
      const v = Number(value);
      if (!Number.isFinite(v)) fail(line, `metric ${name} is not a number: ${String(value)}`);
      metrics[name] = v;
    }
    return { asset: assetOf(fields, line), ts: timestampOf(fields['ts'], line), metrics };
  });
}

/**
 * Parses failure labels: JSON Lines of `{"asset", "ts", "kind": "failure" | "replacement",
 * "confirmedDefect"?: boolean}` or CSV with a header `asset,ts,kind[,confirmedDefect]`.
 */
export function parseFailureLabels(text: string): FailureLabel[] {
  return parseRecords(text, (fields, line) => {
    const kind = fields['kind'];
    if (kind !== 'failure' && kind !== 'replacement') {
      fail(line, `kind must be "failure" or "replacement", got ${String(kind)}`);
    }
    const confirmed = fields['confirmedDefect'];
    return {
      asset: assetOf(fields, line),
      ts: timestampOf(fields['ts'], line),
      kind,
      ...(confirmed !== undefined && confirmed !== ''
        ? { confirmedDefect: confirmed === true || confirmed === 'true' }
        : {}),
    };
  });
}

type Fields = Record<string, unknown>;

function parseRecords<T>(text: string, map: (fields: Fields, line: number) => T): T[] {
  const lines = text.split(/\r?\n/);
  const first = lines.findIndex((l) => l.trim() !== '');
  if (first < 0) return [];
  if (lines[first].trim().startsWith('{')) {
    return lines.flatMap((l, i) => {
      if (l.trim() === '') return [];
      let fields: Fields;
      try {
        fields = JSON.parse(l) as Fields;
      } catch {
        fail(i + 1, 'not valid JSON');
      }
      return [map(fields, i + 1)];
    });
  }
  const header = lines[first].split(',').map((h) => h.trim());
  return lines.slice(first + 1).flatMap((l, k) => {
    if (l.trim() === '') return [];
    const cells = l.split(',');
    const line = first + k + 2;
    if (cells.length !== header.length)
      fail(line, `expected ${header.length} columns, got ${cells.length}`);
    return [map(Object.fromEntries(header.map((h, j) => [h, cells[j].trim()])), line)];
  });
}

function assetOf(fields: Fields, line: number): string {
  const asset = fields['asset'] ?? fields['assetId'] ?? fields['deviceId'];
  if (typeof asset !== 'string' || asset === '') fail(line, 'asset is missing');
  return asset;
}

function timestampOf(value: unknown, line: number): number {
  const ts =
    typeof value === 'number' || (typeof value === 'string' && /^\d+$/.test(value))
      ? Number(value)
      : typeof value === 'string'
        ? Date.parse(value)
        : NaN;
  if (!Number.isFinite(ts)) fail(line, `ts is not epoch ms or RFC 3339: ${String(value)}`);
  return ts;
}

function omit(fields: Fields, names: string[]): Fields {
  return Object.fromEntries(Object.entries(fields).filter(([k]) => !names.includes(k)));
}

function fail(line: number, message: string): never {
  throw new RiskModelError('INVALID_DATA', `line ${line}: ${message}`);
}
