import type { TaskRepository } from '@hourglass/maintenance-tasks';
import type { Scope } from '@hourglass/platform-tenancy';
import {
  retentionOf,
  type TelemetryResolution,
  type TelemetryRow,
  type TelemetryStore,
} from '@hourglass/telemetry-store';
import { ExportFilesWriter, type ExportFilePaths, type ExportFormat } from './export-files.writer';
import { exportLabels, type FailureEventSource, type LabelCounts } from './failure-labels';
import { FleetExportError } from './fleet-export-errors';
import type { ExportAsset, FleetHistoryRepository } from './fleet-history.repository';
import { DEFAULT_PAGE_SIZE, telemetryPages } from './telemetry-pages';

/** What to export, and where. */
export interface FleetExportOptions {
  /** Whose assets: a tenant, or every tenant (the provider scope). */
  scope: Scope;
  /** Directory of the files (created when missing; `telemetry.<format>` and `labels.<format>` are replaced). */
  outDir: string;
  /** Inclusive start, epoch ms (default 0: everything stored). */
  from?: number;
  /** Exclusive end, epoch ms (default: now). */
  to?: number;
  /** Asset ids to export (default: every asset in the scope); an id not in the scope is an error. */
  assets?: readonly string[];
  /** Only assets of this type (default: every type). */
  type?: string;
  /** Metric names to export (default: every metric stored). */
  metrics?: readonly string[];
  /** Raw samples (default), or 1-minute or 1-hour means when raw samples are past retention. */
  resolution?: TelemetryResolution;
  /** `jsonl` (default) or `csv`. */
  format?: ExportFormat;
  /** Rows per store query (default 10,000). */
  pageSize?: number;
  /** Called after each page of telemetry and after each asset. */
  onProgress?: (progress: FleetExportProgress) => void;
  now?: () => number;
}

/** Where an export stands, after each page and each asset. */
export interface FleetExportProgress {
  /** The asset being read, or just finished. */
  asset: string;
  /** Assets finished (`asset` included once it is). */
  assetsDone: number;
  assetsTotal: number;
  /** Telemetry rows written so far, over every asset. */
  points: number;
}

/** What an export wrote. */
export interface FleetExportSummary {
  assets: number;
  points: number;
  /** Rows left out: a state other than RUN (heartbeats of a stopped or failed asset), or no reading. */
  skippedRows: number;
  labels: LabelCounts;
  from: string;
  to: string;
  resolution: TelemetryResolution;
  files: ExportFilePaths;
  durationMs: number;
}

/**
 * Exports a fleet's history in the format `npm run model:train -- --telemetry --labels` reads
 * (models/README.md): each asset's telemetry streamed page by page from the telemetry store,
 * then the failure labels (transitions into FAULT, and completed replacement tasks with the
 * defect finding of their outcome; see `exportLabels`).
 */
export class FleetExportService {
  constructor(
    private readonly telemetry: TelemetryStore,
    private readonly history: FleetHistoryRepository,
    private readonly tasks: TaskRepository,
    /** Transitions into FAULT (billing's `FaultTransitionQuery`, passed by the composition root). */
    private readonly failures: FailureEventSource,
  ) {}

  async run(options: FleetExportOptions): Promise<FleetExportSummary> {
    const started = Date.now();
    const from = options.from ?? 0;
    const to = options.to ?? (options.now ?? Date.now)();
    if (!(from < to)) {
      throw new FleetExportError(
        'INVALID_ARGUMENT',
        `empty time range: from ${iso(from)} is not before to ${iso(to)}`,
      );
    }
    const assets = await this.selectAssets(options);
    const resolution = options.resolution ?? 'raw';
    const files = new ExportFilesWriter(options.outDir, options.format ?? 'jsonl');
    try {
      const range = { from, to, resolution, metrics: options.metrics };
      const written = await this.writeTelemetry(assets, range, files, options);
      if (written.points === 0) {
        throw this.emptyRange(assets, from, to, resolution, written.skippedRows);
      }
      const labels = await this.writeLabels(assets, range, files, options.scope);
      return {
        assets: assets.length,
        ...written,
        labels,
        from: iso(from),
        to: iso(to),
        resolution,
        files: await files.commit(),
        durationMs: Date.now() - started,
      };
    } catch (error) {
      await files.abort();
      throw error;
    }
  }

  /** Streams each asset's operating rows, page by page, into the telemetry file. */
  private async writeTelemetry(
    assets: readonly ExportAsset[],
    range: ExportRange,
    files: ExportFilesWriter,
    options: FleetExportOptions,
  ): Promise<{ points: number; skippedRows: number }> {
    let points = 0;
    let skippedRows = 0;
    const progress = (asset: string, assetsDone: number) =>
      options.onProgress?.({ asset, assetsDone, assetsTotal: assets.length, points });
    const { metrics, ...window } = range;
    for (const [i, asset] of assets.entries()) {
      const query = { ...window, ...(metrics ? { metrics } : {}) };
      const pageSize = options.pageSize ?? DEFAULT_PAGE_SIZE;
      for await (const rows of telemetryPages(this.telemetry, asset.deviceId, query, pageSize)) {
        for (const row of rows) {
          if (!isOperatingRow(row)) {
            skippedRows++;
            continue;
          }
          await files.telemetry({ asset: asset.id, ts: row.ts, metrics: row.metrics });
          points++;
        }
        progress(asset.id, i);
      }
      progress(asset.id, i + 1);
    }
    return { points, skippedRows };
  }

  /** Writes the failure labels of the exported assets in the range (see `exportLabels`). */
  private async writeLabels(
    assets: readonly ExportAsset[],
    range: ExportRange,
    files: ExportFilesWriter,
    scope: Scope,
  ): Promise<LabelCounts> {
    const ids = assets.map((a) => a.id);
    const [failures, tasks] = await Promise.all([
      this.failures.failureEvents(scope, ids, range.from, range.to),
      this.tasks.list(scope, { status: 'DONE' }),
    ]);
    const { labels, counts } = exportLabels(failures, tasks, { ...range, assets: new Set(ids) });
    for (const label of labels) await files.label(label);
    return counts;
  }

  private async selectAssets(options: FleetExportOptions): Promise<ExportAsset[]> {
    const all = await this.history.assets(
      options.scope,
      options.type ? { type: options.type } : {},
    );
    const where = `${options.scope.kind === 'tenant' ? ` of tenant ${options.scope.tenantId}` : ''}${options.type ? ` of type ${options.type}` : ''}`;
    if (!options.assets) {
      if (all.length === 0) throw new FleetExportError('NO_ASSETS', `no assets${where}`);
      return all;
    }
    const byId = new Map(all.map((a) => [a.id, a]));
    const unknown = options.assets.filter((id) => !byId.has(id));
    if (unknown.length > 0) {
      throw new FleetExportError(
        'UNKNOWN_ASSET',
        `unknown asset${unknown.length > 1 ? 's' : ''}${where}: ${unknown.join(', ')}`,
      );
    }
    return [...new Set(options.assets)].map((id) => byId.get(id) as ExportAsset);
  }

  private emptyRange(
    assets: readonly ExportAsset[],
    from: number,
    to: number,
    resolution: TelemetryResolution,
    skipped: number,
  ): FleetExportError {
    const kept = this.telemetry.retention && retentionOf(this.telemetry.retention, resolution);
    const hint =
      resolution !== '1h' && kept !== undefined && Number.isFinite(kept)
        ? `; ${resolution} telemetry is kept ${Math.round(kept / 86_400_000)} days, older ranges need --resolution ${resolution === 'raw' ? '1m or 1h' : '1h'}`
        : '';
    const stopped = skipped > 0 ? ` (${skipped} rows without readings or not in RUN)` : '';
    return new FleetExportError(
      'EMPTY_RANGE',
      `no telemetry${stopped} for ${assets.length} asset${assets.length === 1 ? '' : 's'} between ${iso(from)} and ${iso(to)} at ${resolution} resolution${hint}`,
    );
  }
}

interface ExportRange {
  from: number;
  to: number;
  resolution: TelemetryResolution;
  metrics?: readonly string[];
}

/** A row of an operating cycle: in RUN (or with no state, as in 1m/1h means) and with readings. */
function isOperatingRow(row: TelemetryRow): boolean {
  return (row.state === undefined || row.state === 'RUN') && Object.keys(row.metrics).length > 0;
}

function iso(ms: number): string {
  return Number.isFinite(ms) && Math.abs(ms) <= 8.64e15 ? new Date(ms).toISOString() : String(ms);
}
