import { once } from 'node:events';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as readline from 'node:readline';
import type { FailureLabel, TelemetryRecord } from '@hourglass/risk-training';
import { FleetExportError } from './fleet-export-errors';

/** The two file formats models/README.md defines (the reader tells them apart by content). */
export type ExportFormat = 'jsonl' | 'csv';

/** The files an export wrote. */
export interface ExportFilePaths {
  telemetry: string;
  labels: string;
}

/**
 * Writes `telemetry.<ext>` and `labels.<ext>` in `dir`, in the format of models/README.md,
 * streaming with backpressure. Files are written under `.partial` names and renamed by
 * {@link commit}, so an export that fails leaves no file that looks complete. CSV needs every
 * metric name for its header: its rows go to a JSON Lines scratch file first and are converted
 * line by line on commit (constant memory).
 */
export class ExportFilesWriter {
  readonly paths: ExportFilePaths;
  private readonly telemetryOut: fs.WriteStream;
  private readonly labelsOut: fs.WriteStream;
  private readonly scratch: string;
  private readonly metricNames = new Set<string>();

  constructor(
    dir: string,
    private readonly format: ExportFormat,
  ) {
    fs.mkdirSync(dir, { recursive: true });
    this.paths = {
      telemetry: path.join(dir, `telemetry.${format}`),
      labels: path.join(dir, `labels.${format}`),
    };
    this.scratch = `${this.paths.telemetry}.partial${format === 'csv' ? '.jsonl' : ''}`;
    this.telemetryOut = fs.createWriteStream(this.scratch);
    this.labelsOut = fs.createWriteStream(`${this.paths.labels}.partial`);
    if (format === 'csv') this.labelsOut.write('asset,ts,kind,confirmedDefect\n');
  }

  async telemetry(record: TelemetryRecord): Promise<void> {
    if (this.format === 'csv') {
      checkCsvName(record.asset, 'asset id');
      for (const name of Object.keys(record.metrics)) {
        if (!this.metricNames.has(name)) checkCsvName(name, 'metric name');
        this.metricNames.add(name);
      }
    }
    const line = JSON.stringify({
      asset: record.asset,
      ts: new Date(record.ts).toISOString(),
      metrics: record.metrics,
    });
    await write(this.telemetryOut, `${line}\n`);
  }

  async label(label: FailureLabel): Promise<void> {
    const ts = new Date(label.ts).toISOString();
    if (this.format === 'jsonl') {
      await write(this.labelsOut, `${JSON.stringify({ ...label, ts })}\n`);
      return;
    }
    checkCsvName(label.asset, 'asset id');
    await write(
      this.labelsOut,
      `${label.asset},${ts},${label.kind},${label.confirmedDefect === undefined ? '' : String(label.confirmedDefect)}\n`,
    );
  }

  /** Finishes both files and gives them their final names. */
  async commit(): Promise<ExportFilePaths> {
    await Promise.all([end(this.telemetryOut), end(this.labelsOut)]);
    if (this.format === 'csv') await this.convertToCsv();
    else fs.renameSync(this.scratch, this.paths.telemetry);
    fs.renameSync(`${this.paths.labels}.partial`, this.paths.labels);
    return this.paths;
  }

  /** Closes and deletes the partial files. */
  async abort(): Promise<void> {
    await Promise.all([end(this.telemetryOut), end(this.labelsOut)]);
    for (const file of [
      this.scratch,
      `${this.paths.telemetry}.partial`,
      `${this.paths.labels}.partial`,
    ]) {
      fs.rmSync(file, { force: true });
    }
  }

  private async convertToCsv(): Promise<void> {
    const columns = [...this.metricNames].sort();
    const partial = `${this.paths.telemetry}.partial`;
    const out = fs.createWriteStream(partial);
    await write(out, `${['asset', 'ts', ...columns].join(',')}\n`);
    const lines = readline.createInterface({
      input: fs.createReadStream(this.scratch),
      crlfDelay: Infinity,
    });
    for await (const line of lines) {
      if (line === '') continue;
      const r = JSON.parse(line) as { asset: string; ts: string; metrics: Record<string, number> };
      const cells = columns.map((c) => (c in r.metrics ? String(r.metrics[c]) : ''));
      await write(out, `${[r.asset, r.ts, ...cells].join(',')}\n`);
    }
    await end(out);
    fs.rmSync(this.scratch, { force: true });
    fs.renameSync(partial, this.paths.telemetry);
  }
}

function checkCsvName(value: string, what: string): void {
  // The reader splits CSV on commas without quoting (models/README.md).
  if (/[,\r\n"]/.test(value)) {
    throw new FleetExportError(
      'INVALID_ARGUMENT',
      `${what} ${JSON.stringify(value)} cannot be written to CSV (comma, quote or line break): use --format jsonl`,
    );
  }
}

async function write(stream: fs.WriteStream, chunk: string): Promise<void> {
  if (!stream.write(chunk)) await once(stream, 'drain');
}

async function end(stream: fs.WriteStream): Promise<void> {
  if (stream.closed) return;
  if (!stream.writableEnded) stream.end();
  await once(stream, 'close');
}
